import { ownedString } from "../../src/io/owned-string.js";
import { ParticipantBook } from "../../src/plugin/participant-book.js";
import { SameTimeIds } from "../../src/plugin/same-time-ids.js";
import type { LineAccounting } from "../../src/plugin/line-parser.js";
import { shortHash } from "../../src/io/hash.js";
import type { Conversation, Message, Participant } from "../../src/model/index.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { classifyBody, omittedAttachments, reportPlaceholdersBeyond } from "./body.js";
import { GROUP_LABEL, OBJECT_LABEL, SEPARATOR, TITLE_LINE, parseHeaderLine, type HeaderParts } from "./grammar.js";
import { SYSTEM_IDS, parseSender, type SenderParts } from "./sender.js";
import { headerTimestamp, type DateOrder } from "./timestamps.js";


interface Pending {
  header: HeaderParts;
  line: number;
  /** Body lines are in the parser's reusable `bodyLines[0 .. bodyCount)` (one message pending at a time). */
  lastLine: number;
}

/** Options the parser needs. */
export interface ParserOptions {
  file: string;
  /** Title for a file without a 消息对象 block (the file name). */
  fallbackTitle: string;
  dateOrder: DateOrder;
  /** The user's own QQ number or name, to mark `isSelf`. */
  self?: string;
}

/**
 * A push parser for QQ TXT lines: feed lines in order, collect events. Synchronous so the async
 * line source stays the only await per line. Grammar in FORMAT.md.
 */
export class QqTxtParser {
  readonly accounting: LineAccounting = { linesRead: 0, linesInMessages: 0, linesStructural: 0, linesReported: 0 };
  private out: ChatEvent[] = [];
  private pending: Pending | undefined;
  private prevBlank = true;
  private lastStruct: "title" | "sep" | "group" | "object" | undefined = "sep";
  private group: string | undefined;
  private object: string | undefined;
  private conv: Conversation | undefined;
  private seq = 0;
  private readonly senders = new Set<string>();
  // Records, not objects: a full-account export has a participant per friend (plugin/participant-book.ts).
  private readonly participants = new ParticipantBook();
  private lastWall: string | undefined;
  private readonly ids = new SameTimeIds();
  private readonly bodyLines: string[] = [];
  private bodyCount = 0;
  private floatingReported = false;
  private sectionCount = new Map<string, number>();
  private readonly senderMemo = new Map<string, SenderParts>();

  constructor(private readonly ctx: ReadContext, private readonly opts: ParserOptions) {}

  /** Feeds one line (without its line end); returns the events it completed. */
  push(text: string, no: number): ChatEvent[] {
    this.feed(text, no);
    return this.drain();
  }

  /** Feeds one line without collecting; the events wait for {@link takeEvents} (batch readers). */
  feed(text: string, no: number): void {
    this.accounting.linesRead++;
    const blank = text.trim() === "";
    if (this.pending) {
      if (this.prevBlank && !blank) {
        const h = parseHeaderLine(text);
        if (h) {
          this.finishMessage();
          this.startMessage(h, no);
          this.prevBlank = false;
          return;
        }
        if (SEPARATOR.test(text)) {
          this.finishMessage();
          this.structural("sep");
          this.prevBlank = false;
          return;
        }
      }
      this.bodyLines[this.bodyCount++] = text;
      this.pending.lastLine = no;
      this.prevBlank = blank;
      return;
    }
    if (blank) {
      this.accounting.linesStructural++;
      this.prevBlank = true;
      return;
    }
    const afterStructure = this.prevBlank || this.lastStruct !== undefined;
    if (TITLE_LINE.test(text)) this.structural("title");
    else if (SEPARATOR.test(text)) {
      this.structural("sep");
    } else if (this.lastStruct === "sep" && GROUP_LABEL.test(text)) {
      this.closeConversation();
      this.group = GROUP_LABEL.exec(text)![1]!.trim();
      this.object = undefined;
      this.structural("group");
    } else if (this.lastStruct === "sep" && OBJECT_LABEL.test(text)) {
      this.closeConversation();
      this.object = OBJECT_LABEL.exec(text)![1]!.trim();
      this.structural("object");
    } else {
      const h = afterStructure ? parseHeaderLine(text) : undefined;
      if (h) {
        this.startMessage(h, no);
      } else {
        this.accounting.linesReported++;
        this.ctx.report("unrecognized-line", {
          message: "A line outside any message that is not a header, a separator or a section label.",
          file: this.opts.file,
          place: { line: no },
          raw: text,
        });
        this.lastStruct = undefined;
      }
    }
    this.prevBlank = false;
  }

  /** Ends the input; returns the last events. */
  finish(): ChatEvent[] {
    this.finishMessage();
    this.closeConversation();
    return this.drain();
  }

  /** The events completed since the last call (a fresh array; empty arrays are shared). */
  takeEvents(): ChatEvent[] {
    return this.drain();
  }

  private drain(): ChatEvent[] {
    if (this.out.length === 0) return EMPTY;
    const o = this.out;
    this.out = [];
    return o;
  }

  private structural(kind: "title" | "sep" | "group" | "object"): void {
    this.accounting.linesStructural++;
    this.lastStruct = kind;
  }

  private openConversation(): Conversation {
    if (this.conv) return this.conv;
    const title = this.object ?? this.opts.fallbackTitle;
    const key = `${this.group ?? ""}\u0000${title}`;
    const seen = this.sectionCount.get(key);
    const n = (seen ?? 0) + 1;
    // A new key is stored as a copy: the titles are views into the input's chunks (owned-string.ts).
    this.sectionCount.set(seen === undefined ? ownedString(key) : key, n);
    const g = this.group ?? "";
    const kind = /群|讨论组/.test(g) ? "group" : /好友|联系人|朋友|friend/i.test(g) ? "direct" : "unknown";
    this.conv = {
      id: `qq-txt:${shortHash(this.opts.file, g, title, String(n))}`,
      platform: "qq",
      kind,
      title,
      participantIds: [],
      source: this.opts.file,
      ...(this.group !== undefined ? { extra: { messageGroup: this.group } } : {}),
    };
    if (this.object === "最近联系人" || this.group === "最近联系人")
      this.ctx.report("duplicate-section", {
        message: `Section "最近联系人" (recent contacts) may repeat messages of other sections; kept as its own conversation.`,
        file: this.opts.file,
      });
    this.seq = 0;
    this.senders.clear();
    this.lastWall = undefined;
    this.out.push({ type: "conversation", conversation: this.conv });
    return this.conv;
  }

  private closeConversation(): void {
    if (!this.conv) {
      if (this.object !== undefined) this.openConversation(); // an empty section is still a conversation
      else return;
    }
    const c = this.conv!;
    const humans = [...this.senders].filter((s) => !this.participants.get(s)?.isSystem).length;
    const kind = c.kind === "unknown" && humans > 2 ? "group" : c.kind;
    this.out.push({ type: "conversation-end", conversation: { ...c, kind } });
    this.conv = undefined;
    this.object = undefined;
  }

  private startMessage(header: HeaderParts, line: number): void {
    this.accounting.linesInMessages++;
    this.pending = { header, line, lastLine: line };
    this.bodyCount = 0;
    this.lastStruct = undefined;
  }

  private finishMessage(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    let lastLine = p.lastLine;
    // Each message is followed by one empty separator line; bodies may themselves contain empty lines.
    if (this.bodyCount > 0 && this.bodyLines[this.bodyCount - 1]!.trim() === "") {
      this.bodyCount--;
      this.accounting.linesStructural++;
      lastLine--;
    }
    this.accounting.linesInMessages += this.bodyCount;
    this.emitMessage(p, lastLine);
    if (this.bodyLines.length > 8) this.bodyLines.length = 0; // drop a long body's lines (no stale references)
  }

  private emitMessage(p: Pending, lastLine: number): void {
    const conv = this.openConversation();
    const { file } = this.opts;
    const sentAt = headerTimestamp(p.header, this.opts.dateOrder, this.ctx, file, p.line);
    if (!this.floatingReported && sentAt.basis === "floating" && sentAt.wall) {
      this.floatingReported = true;
      this.ctx.report("timezone-floating", { message: `${file} gives wall-clock times with no zone; pass --tz (e.g. Asia/Shanghai) to record instants.`, file });
    }
    if (sentAt.wall && this.lastWall && sentAt.wall < this.lastWall)
      this.ctx.report("out-of-order", { message: `Message at ${sentAt.raw} is earlier than the one before it (${this.lastWall}); kept in file order.`, file, place: { line: p.line } });
    if (sentAt.wall) this.lastWall = sentAt.wall;

    const sender = this.senderParts(p.header.sender);
    const senderId = this.participantFor(sender);
    if (senderId) this.senders.add(senderId);
    const n = this.bodyCount;
    const text = n === 0 ? "" : n === 1 ? this.bodyLines[0]! : this.bodyLines.slice(0, n).join("\n");
    const participant = senderId ? this.participants.get(senderId) : undefined;
    const cls = classifyBody(text, participant?.isSystem === true);
    if (cls.beyond) reportPlaceholdersBeyond(this.ctx, cls, file, lastLine > p.line ? { line: p.line, endLine: lastLine } : { line: p.line });

    const base = `qq-txt:${shortHash(conv.id, p.header.rawTime, p.header.sender, text)}`;
    const id = this.ids.id(p.header.rawTime, base);

    const attachments = omittedAttachments(id, cls);
    let extra: Record<string, unknown> | undefined;
    if (sender.title !== undefined) (extra ??= {}).senderTitle = sender.title;
    if (participant && sender.name !== participant.displayName && sender.name !== "") (extra ??= {}).senderName = sender.name;
    if (cls.flags) Object.assign((extra ??= {}), cls.flags);
    const message: Message = {
      id,
      conversationId: conv.id,
      seq: ++this.seq,
      senderId,
      sentAt,
      kind: cls.kind,
      text,
      attachments,
      reactions: [],
      status: "normal",
      provenance: this.ctx.provenance(file, lastLine > p.line ? { line: p.line, endLine: lastLine } : { line: p.line }),
    };
    if (extra) message.extra = extra;
    this.out.push({ type: "message", message });
  }

  /** parseSender, memoised: a chat has few distinct sender strings (bounded, so memory stays flat). */
  private senderParts(text: string): SenderParts {
    let s = this.senderMemo.get(text);
    if (!s) {
      // A copy: the memo and the participants keep the name for the whole run, and the line's text is a
      // view into a 64 KiB decoded chunk (src/io/owned-string.ts). 17.5k senders pinned the whole file.
      text = ownedString(text);
      s = parseSender(text);
      if (this.senderMemo.size >= 4096) this.senderMemo.clear();
      this.senderMemo.set(text, s);
    }
    return s;
  }

  /** Returns the participant id for a sender, emitting a participant event when new or renamed. */
  private participantFor(s: SenderParts): string | null {
    if (!s.id && s.name === "") return null;
    const id = s.id ? `qq:${s.id}` : `qq-name:${s.name}`;
    const known = this.participants.get(id);
    if (known) {
      if (s.name !== "" && s.name !== known.displayName && !known.aliases.includes(s.name)) {
        const updated = { ...known, aliases: [...known.aliases, s.name] };
        if (known.displayName === s.id) {
          updated.displayName = s.name; // first seen with an empty name: a real name is better
          updated.aliases = known.aliases;
        }
        this.participants.set(id, updated);
        this.out.push({ type: "participant", participant: updated });
      }
      return id;
    }
    const p: Participant = {
      id,
      displayName: s.name !== "" ? s.name : s.id!,
      aliases: [],
      handles: s.id ? [{ kind: s.idKind === "qq" ? "qq" : "email", value: s.id }] : [],
    };
    if (s.id && SYSTEM_IDS.has(s.id)) p.isSystem = true;
    if (this.opts.self !== undefined && (this.opts.self === s.id || this.opts.self === s.name)) p.isSelf = true;
    this.participants.set(id, p);
    this.out.push({ type: "participant", participant: p });
    return id;
  }
}

const EMPTY: ChatEvent[] = [];
