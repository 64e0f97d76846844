import { ownedString } from "../../src/io/owned-string.js";
import type { LineAccounting } from "../../src/plugin/line-parser.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import {
  BANNER, BRACKET_LINE, CONTENT_LINE, EXPORT_TIME, FOOTER_TITLE, FOOTER_TOTAL, NUMBER_LINE, RULE, TIME_LINE, TITLE,
  isNameLine, parseHeaderField, type HeaderField,
} from "./grammar.js";
import { MessageBuilder, type ConversationHeader } from "./messages.js";


/** Options the parser needs. */
export interface ParserOptions {
  file: string;
  /** Title for a file without `聊天名称` (the file name). */
  fallbackTitle: string;
  /** The user's own display name, to mark `isSelf`. */
  self?: string;
}

type Phase = "preamble" | "messages" | "footer";
interface Held {
  text: string;
  no: number;
}

const blank = (s: string): boolean => s.trim() === "";

/**
 * A push parser for QCE TXT lines: feed lines in order, collect events. A message starts at a line
 * `<name>:` followed by `时间:` (or, in a damaged block, by `内容:`), so every line is decided with
 * the next one in view: the parser holds one line back. Grammar in FORMAT.md.
 */
export class QceTxtParser {
  readonly accounting: LineAccounting = { linesRead: 0, linesInMessages: 0, linesStructural: 0, linesReported: 0 };
  private out: ChatEvent[] = [];
  private held: Held | undefined;
  private phase: Phase = "preamble";
  private prevBanner = false;
  /** A `[N]` line outside a block, waiting to see whether a sender line follows. */
  private pendingNumber: Held | undefined;
  private block: string[] = [];
  private blockFirst = 0;
  private blockLast = 0;
  private header: Partial<Record<HeaderField, string>> = {};
  private footer: { total?: string; exportTime?: string } | undefined;
  private readonly builder: MessageBuilder;

  constructor(private readonly ctx: ReadContext, private readonly opts: ParserOptions) {
    this.builder = new MessageBuilder(ctx, opts, this.out);
  }

  /** Feeds one line (without its line end); the events wait for {@link takeEvents}. */
  feed(text: string, no: number): void {
    this.accounting.linesRead++;
    const h = this.held;
    this.held = { text, no };
    if (h) this.process(h.text, h.no, text);
  }

  /** Ends the input; returns the last events. */
  finish(): ChatEvent[] {
    const h = this.held;
    this.held = undefined;
    if (h) this.process(h.text, h.no, undefined);
    this.flushNumber();
    this.finishBlock();
    if (this.phase !== "footer" && this.builder.count > 0)
      this.ctx.report("truncated-input", {
        message: `${this.opts.file} ends without QCE's 导出完成 footer: the file may have been cut; the last message may be incomplete.`,
        file: this.opts.file,
        place: { line: this.blockLast || this.accounting.linesRead },
      });
    this.closeConversation();
    return this.takeEvents();
  }

  /** The events completed since the last call. */
  takeEvents(): ChatEvent[] {
    if (this.out.length === 0) return EMPTY;
    const o = this.out.splice(0, this.out.length);
    return o;
  }

  private startsMessage(line: string, next: string | undefined): boolean {
    return next !== undefined && isNameLine(line) && (TIME_LINE.test(next) || CONTENT_LINE.test(next));
  }

  private process(line: string, no: number, next: string | undefined): void {
    if (this.startsMessage(line, next)) {
      this.finishBlock(true);
      this.phase = "messages";
      this.startBlock(line, no);
      return;
    }
    if (this.phase === "messages") {
      if (RULE.test(line) && next !== undefined && FOOTER_TITLE.test(next)) {
        this.finishBlock();
        this.phase = "footer";
        this.footer = {};
        this.accounting.linesStructural++;
        return;
      }
      this.block.push(line);
      this.blockLast = no;
      return;
    }
    if (NUMBER_LINE.test(line)) {
      this.flushNumber();
      this.pendingNumber = { text: line, no };
      return;
    }
    this.flushNumber();
    const banner = this.prevBanner;
    this.prevBanner = false;
    if (blank(line) || RULE.test(line)) return this.structural();
    if (BANNER.test(line)) {
      if (this.phase === "footer") {
        // A second export pasted after the first: its own conversation.
        this.closeConversation();
        this.header = {};
        this.footer = undefined;
        this.phase = "preamble";
      }
      this.prevBanner = true;
      return this.structural();
    }
    if (this.phase === "preamble") {
      if (banner && BRACKET_LINE.test(line)) return this.structural();
      if (TITLE.test(line)) return this.structural();
      const f = parseHeaderField(line);
      if (f && this.header[f.key] === undefined) {
        this.header[f.key] = ownedString(f.value);
        return this.structural();
      }
    } else {
      const footer = (this.footer ??= {});
      if (FOOTER_TITLE.test(line)) return this.structural();
      const total = FOOTER_TOTAL.exec(line);
      if (total && footer.total === undefined) {
        footer.total = total[1]!;
        return this.structural();
      }
      const t = EXPORT_TIME.exec(line);
      if (t && footer.exportTime === undefined) {
        footer.exportTime = ownedString(t[1]!.trimEnd());
        return this.structural();
      }
    }
    this.reportLine(line, no, this.phase === "preamble" ? "before the first message" : "after the 导出完成 footer");
  }

  private structural(): void {
    this.accounting.linesStructural++;
  }

  private reportLine(text: string, no: number, where: string): void {
    this.accounting.linesReported++;
    this.ctx.report("unrecognized-line", {
      message: `A line ${where} that is not part of QCE's header, a message or the footer.`,
      file: this.opts.file,
      place: { line: no },
      raw: text,
    });
  }

  private flushNumber(): void {
    const n = this.pendingNumber;
    if (!n) return;
    this.pendingNumber = undefined;
    this.reportLine(n.text, n.no, this.phase === "footer" ? "after the 导出完成 footer" : "before the first message");
  }

  private startBlock(line: string, no: number): void {
    // A `[N]` message number just before the sender line belongs to the new block.
    let number: Held | undefined = this.pendingNumber;
    this.pendingNumber = undefined;
    if (!number && this.stolenNumber) number = this.stolenNumber;
    this.stolenNumber = undefined;
    this.block = number ? [number.text, line] : [line];
    this.blockFirst = number ? number.no : no;
    this.blockLast = no;
  }

  private stolenNumber: Held | undefined;

  private finishBlock(beforeMessage = false): void {
    const b = this.block;
    if (b.length === 0) return;
    // The previous block's last line may be the next message's `[N]` (after a blank separator).
    const n = b.length;
    if (beforeMessage && n >= 3 && NUMBER_LINE.test(b[n - 1]!) && blank(b[n - 2]!)) {
      this.stolenNumber = { text: b[n - 1]!, no: this.blockLast };
      b.length = n - 1;
      this.blockLast--;
    }
    this.block = [];
    const used = this.builder.emit(b, this.blockFirst, this.conversationHeader());
    this.accounting.linesInMessages += used.inMessage;
    this.accounting.linesStructural += used.structural;
  }

  private conversationHeader(): ConversationHeader {
    return { fields: this.header };
  }

  private closeConversation(): void {
    const extra: Record<string, unknown> = {};
    if (this.footer?.total !== undefined) extra.footerTotal = this.footer.total;
    if (this.footer?.exportTime !== undefined) extra.footerExportTime = this.footer.exportTime;
    this.builder.close(this.conversationHeader(), extra, this.footer?.total);
  }
}

const EMPTY: ChatEvent[] = [];
