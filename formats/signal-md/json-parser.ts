import type { LineAccounting, LineParser } from "../../src/plugin/line-parser.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { SignalChat, type SignalChatOptions } from "./chat-builder.js";
import { parseJsonLine } from "./json-grammar.js";

/**
 * A push parser of `data.json` lines (json-grammar.ts): each line is one message; blank lines are
 * structural, any other line that is not a message is reported with its text. One conversation per file.
 */
export class SignalJsonParser implements LineParser {
  readonly accounting: LineAccounting = { linesRead: 0, linesInMessages: 0, linesStructural: 0, linesReported: 0 };
  private readonly chat: SignalChat;

  constructor(private readonly ctx: ReadContext, private readonly opts: SignalChatOptions) {
    this.chat = new SignalChat(ctx, opts);
  }

  feed(text: string, no: number): void {
    this.accounting.linesRead++;
    if (text.trim() === "") {
      this.accounting.linesStructural++;
      return;
    }
    const r = parseJsonLine(text);
    if (typeof r === "string") {
      this.accounting.linesReported++;
      this.ctx.report("unrecognized-line", { message: `A data.json line that is not a signal-export message (${r}).`, file: this.opts.file, place: { line: no }, raw: text });
      return;
    }
    this.accounting.linesInMessages++;
    this.chat.message({ ...r, written: text, place: { line: no } });
  }

  takeEvents(): ChatEvent[] {
    return this.chat.takeEvents();
  }

  finish(): ChatEvent[] {
    return this.chat.finish();
  }
}
