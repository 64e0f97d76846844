/**
 * Quotes (引用回复) as third-party exporters render them in text, and a bounded index of recent
 * messages to link a quote to the message it quotes when the export gives no server id.
 */

/** A quote as rendered in export text. */
export interface RenderedQuote {
  /** The reply's own text (the appmsg title). */
  text: string;
  /** Time of the quoted message as written ("2024-10-04 21:25:04"). */
  time: string;
  /** Display name of the quoted sender. */
  name: string;
  /** The quoted content. */
  content: string;
}

const PYWXDUMP_QUOTE = /\n\n\[引用\]\(([^)\n]*)\)([^\n:]*):([\s\S]*)$/;

/**
 * Splits PyWxDump's `{title}\n\n[引用]({time}){name}:{content}` (pywxdump/db/dbMSG.py @079414f).
 * The name runs to the first colon after the time. Undefined when the text has no such block.
 */
export function parsePyWxDumpQuote(msg: string): RenderedQuote | undefined {
  const m = PYWXDUMP_QUOTE.exec(msg);
  if (!m) return undefined;
  return { text: msg.slice(0, m.index), time: m[1]!, name: m[2]!, content: m[3]! };
}

interface Entry {
  id: string;
  /** Wall clock or utc text, at the message's precision. */
  time: string | undefined;
}

/**
 * The last `capacity` messages indexed by text, to resolve quotes that name only time, sender name and
 * content. Memory is bounded: older entries are evicted first.
 */
export class RecentMessages {
  private readonly byText = new Map<string, Entry[]>();
  private readonly order: string[] = [];
  private head = 0;

  constructor(private readonly capacity = 5000) {}

  /** Remembers a message. */
  add(id: string, text: string, time: string | undefined): void {
    if (text === "") return;
    let list = this.byText.get(text);
    if (!list) this.byText.set(text, (list = []));
    list.push({ id, time });
    this.order.push(text);
    if (this.order.length - this.head > this.capacity) {
      const old = this.order[this.head]!;
      this.head++;
      const l = this.byText.get(old);
      if (l) {
        l.shift();
        if (l.length === 0) this.byText.delete(old);
      }
      if (this.head > 4096) {
        this.order.splice(0, this.head);
        this.head = 0;
      }
    }
  }

  /**
   * The id of the latest remembered message with this text whose time agrees with `isoTime` (a wall time
   * "YYYY-MM-DDTHH:MM:SS"; a candidate of minute precision agrees when it is a prefix). Without a time,
   * only a unique text match counts.
   */
  find(text: string, isoTime: string | undefined): string | undefined {
    const list = this.byText.get(text);
    if (!list || list.length === 0) return undefined;
    if (isoTime === undefined) return list.length === 1 ? list[0]!.id : undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      const t = list[i]!.time;
      if (t !== undefined && t.length >= 16 && isoTime.startsWith(t)) return list[i]!.id;
    }
    return undefined;
  }
}
