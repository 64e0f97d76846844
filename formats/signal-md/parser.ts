import type { LineAccounting, LineParser } from "../../src/plugin/line-parser.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { SignalChat, type SignalChatOptions } from "./chat-builder.js";
import { parseHeader, splitBody, type Header } from "./grammar.js";

/** What the chat.md parser needs to know of its input. */
export type SignalMdOptions = SignalChatOptions;

/**
 * A push parser of `chat.md` lines (grammar.ts): a header line starts a message, every other line
 * continues the one before (lines before the first header are reported). One conversation per file.
 */
export class SignalMdParser implements LineParser {
  readonly accounting: LineAccounting = { linesRead: 0, linesInMessages: 0, linesStructural: 0, linesReported: 0 };
  private readonly chat: SignalChat;
  private header: Header | undefined;
  private headerLine = 0;
  private body: string[] = [];

  constructor(private readonly ctx: ReadContext, private readonly opts: SignalMdOptions) {
    this.chat = new SignalChat(ctx, opts);
  }

  feed(text: string, no: number): void {
    this.accounting.linesRead++;
    const h = parseHeader(text);
    if (h) {
      this.finishMessage();
      this.header = h;
      this.headerLine = no;
      this.body = [h.rest];
      return;
    }
    if (this.header) {
      this.body.push(text);
      return;
    }
    if (text.trim() === "") {
      this.accounting.linesStructural++;
      return;
    }
    this.accounting.linesReported++;
    this.ctx.report("unrecognized-line", { message: "A line before the first message that is not a signal-export message header.", file: this.opts.file, place: { line: no }, raw: text });
  }

  takeEvents(): ChatEvent[] {
    return this.chat.takeEvents();
  }

  finish(): ChatEvent[] {
    this.finishMessage();
    return this.chat.finish();
  }

  private finishMessage(): void {
    const h = this.header;
    if (!h) return;
    this.header = undefined;
    // main.py writes each message with print(msg.to_md()), and to_md ends with "\n": a blank line follows
    // every message. It stays the message's line (accounting, place) but is not its text; a text's own
    // line breaks end before create.py's "  ", so no blank line of the text is lost.
    const lines = this.body;
    const first = this.headerLine;
    const last = first + lines.length - 1;
    this.accounting.linesInMessages += lines.length;
    let end = lines.length;
    while (end > 1 && lines[end - 1] === "") end--;
    const body = (end === lines.length ? lines : lines.slice(0, end)).join("\n");
    this.chat.message({
      rawTime: h.rawTime,
      wall: h,
      precision: h.second === undefined ? "minute" : "second",
      sender: h.sender,
      parts: splitBody(body),
      written: body,
      place: last > first ? { line: first, endLine: last } : { line: first },
    });
  }
}
