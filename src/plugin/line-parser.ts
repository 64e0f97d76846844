import { readTextLineBatches } from "../io/text-input.js";
import type { InputSource } from "../io/source.js";
import type { ChatEvent, ReadContext } from "./types.js";

/** Where every line of a text input went (DESIGN.md §3 "Nothing is lost"): read = the other three. */
export interface LineAccounting {
  linesRead: number;
  linesInMessages: number;
  linesStructural: number;
  linesReported: number;
}

/** A push parser of a text export's lines (qq-txt, qce-txt). */
export interface LineParser {
  /** Takes one line (without its line end) and its 1-based number; events wait for {@link takeEvents}. */
  feed(text: string, no: number): void;
  /** The events made since the last call. */
  takeEvents(): ChatEvent[];
  /** Ends the input; returns the last events. */
  finish(): ChatEvent[];
  readonly accounting: LineAccounting;
}

/**
 * Feeds a text input's lines to `parser` and yields its events in small arrays, then reports the
 * parser's accounting. Events are taken every 128 lines, so they are written soon after they are made
 * and few survive a young-generation GC (fewer promotions, a smaller heap).
 */
export async function* parseTextLines(input: InputSource, ctx: ReadContext, parser: LineParser): AsyncIterable<ChatEvent[]> {
  for await (const batch of readTextLineBatches(input, ctx)) {
    const { texts, first } = batch;
    for (let i = 0; i < texts.length; i++) {
      parser.feed(texts[i]!, first + i);
      if ((i & 127) === 127 || i === texts.length - 1) {
        const out = parser.takeEvents();
        if (out.length) yield out;
      }
    }
  }
  const last = parser.finish();
  if (last.length) yield last;
  ctx.account?.({ ...parser.accounting });
}
