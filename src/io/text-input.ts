import type { ReadContext } from "../plugin/types.js";
import { decodeChunks, detectEncoding, reportEncoding, type EncodingInfo } from "./decode.js";
import { lineEnd, splitLineBatches, type Line, type LineBatch } from "./lines.js";
import type { InputSource } from "./source.js";

/**
 * Decodes a text input and yields its lines in batches of parallel arrays (the fast path for large
 * inputs), reporting `encoding-fallback` when GB18030 was chosen and `encoding-replacement` for damaged
 * UTF-8 ({@link reportEncoding}). The one entry point
 * text readers use.
 */
export async function* readTextLineBatches(
  source: InputSource,
  ctx: ReadContext,
  onEncoding?: (info: EncodingInfo) => void,
): AsyncIterable<LineBatch> {
  const info = await detectEncoding(source);
  onEncoding?.(info);
  reportEncoding(info, source.name, (code, r) => ctx.report(code, r));
  for await (const batch of splitLineBatches(decodeChunks(source, info))) {
    const { texts } = batch;
    for (let i = 0; i < texts.length; i++) if (texts[i]!.length > LONG_LINE) reportLongLine(source, ctx, batch.first + i, texts[i]!);
    yield batch;
  }
}

/** Lines longer than this (UTF-16 units) are reported: no chat export writes 1 MiB of text on one line. */
export const LONG_LINE = 1 << 20;

function reportLongLine(source: InputSource, ctx: ReadContext, no: number, text: string): void {
  ctx.report("oversized-record", {
    message: `${source.name} line ${no} is ${(text.length / 2 ** 20).toFixed(1)} MiB long; it is read whole, but check that the input is what it seems (a damaged or non-chat file?).`,
    file: source.name,
    place: { line: no },
    raw: text.slice(0, 200),
  });
}

/** {@link readTextLineBatches} one line object at a time (simpler for small readers). */
export async function* readTextLines(
  source: InputSource,
  ctx: ReadContext,
  onEncoding?: (info: EncodingInfo) => void,
): AsyncIterable<Line> {
  for await (const b of readTextLineBatches(source, ctx, onEncoding)) {
    for (let i = 0; i < b.texts.length; i++) yield { text: b.texts[i]!, no: b.first + i, eol: lineEnd(b, i) };
  }
}
