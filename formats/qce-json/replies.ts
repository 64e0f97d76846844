import { str } from "./raw-types.js";

/** How many recent messages the reply index remembers (memory stays flat on huge exports). */
export const REPLY_WINDOW = 200_000;

/**
 * Resolves QCE `reply` elements to the id chatport gave the quoted message. QCE writes
 * `referencedMessageId` (the quoted NT msgId; null when the original was deleted), `messageId`, the quoted
 * sender's `senderUin` and `timestamp` in **seconds** (formats-cn.md §10.3). When the file carries
 * message `id`s the reference is direct; when it does not (the corpus file has no `id` field, so ids come
 * from `seq`), the quoted message is found by (sender QQ number, second), content breaking ties.
 * Only the last {@link REPLY_WINDOW} messages are remembered.
 */
export class ReplyIndex {
  private readonly byQceId = new Map<string, string>();
  private readonly bySenderSecond = new Map<string, { id: string; text: string }[]>();
  /** Ring buffer of what each remembered message added, oldest evicted first. */
  private readonly ring: ({ qceId?: string; key?: string } | undefined)[] = [];
  private next = 0;

  /** Records a message: its own `id` field (if any), its chatport id, sender QQ number, epoch ms, text. */
  add(qceId: string | undefined, id: string, senderUin: string | undefined, ms: number | undefined, text: string): void {
    const entry: { qceId?: string; key?: string } = {};
    if (qceId !== undefined) {
      this.byQceId.set(qceId, id);
      entry.qceId = qceId;
    }
    if (senderUin !== undefined && ms !== undefined) {
      const key = `${senderUin}|${Math.floor(ms / 1000)}`;
      const list = this.bySenderSecond.get(key);
      if (list) list.push({ id, text });
      else this.bySenderSecond.set(key, [{ id, text }]);
      entry.key = key;
    }
    const old = this.ring[this.next];
    if (old) this.evict(old);
    this.ring[this.next] = entry;
    this.next = (this.next + 1) % REPLY_WINDOW;
  }

  private evict(e: { qceId?: string; key?: string }): void {
    if (e.qceId !== undefined) this.byQceId.delete(e.qceId);
    if (e.key !== undefined) {
      const list = this.bySenderSecond.get(e.key);
      if (list && list.length > 1) list.shift();
      else this.bySenderSecond.delete(e.key);
    }
  }

  /**
   * The chatport id of the quoted message, and how it was found; `undefined` id when the quoted message
   * is not in the export (or beyond the window).
   */
  resolve(data: Record<string, unknown>): { id?: string; via?: "id" | "sender-time" } {
    for (const k of ["referencedMessageId", "messageId"]) {
      const ref = str(data[k]);
      if (ref && ref !== "0") {
        const hit = this.byQceId.get(ref);
        if (hit) return { id: hit, via: "id" };
      }
    }
    const uin = str(data.senderUin);
    const sec = typeof data.timestamp === "number" ? data.timestamp : typeof data.timestamp === "string" && /^\d+$/.test(data.timestamp) ? Number(data.timestamp) : undefined;
    if (uin && sec) {
      const list = this.bySenderSecond.get(`${uin}|${sec > 1e11 ? Math.floor(sec / 1000) : sec}`);
      if (list && list.length > 0) {
        if (list.length === 1) return { id: list[0]!.id, via: "sender-time" };
        const content = str(data.content);
        const same = content ? list.filter((c) => c.text.includes(content)) : [];
        if (same.length === 1) return { id: same[0]!.id, via: "sender-time" };
      }
    }
    return {};
  }
}
