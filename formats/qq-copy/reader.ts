import type { InputSource, InputTree } from "../../src/io/source.js";
import { decodeHead } from "../../src/io/decode.js";
import { ChatportError } from "../../src/diagnostics/errors.js";
import { parseTextLines } from "../../src/plugin/line-parser.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { QqCopyParser } from "./parser.js";
import { inferDateOrder, type DateOrder } from "./timestamps.js";

/** Reads text copied out of a QQ chat window as events, streaming line by line. */
export async function* readQqCopy(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent> {
  for await (const batch of readQqCopyBatches(input, ctx)) yield* batch;
}

/** {@link readQqCopy} in batches: the events of one decoded chunk of lines per array. */
export async function* readQqCopyBatches(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent[]> {
  if (input.kind !== "file") throw new ChatportError("input-unreadable", `${input.name} is a folder; qq-copy reads one text file of copied QQ messages.`);
  const opts = ctx.options as { dateOrder?: DateOrder; self?: string };
  const inferred = inferDateOrder(decodeHead(await input.head(64 * 1024)));
  if (inferred.seen && !inferred.order && !opts.dateOrder)
    ctx.report("date-order-undecidable", {
      message: `${input.name} writes dates as N/N/YYYY and no day is over 12 in its first 64 KiB; read as month/day (pass --date-order dmy if wrong).`,
      file: input.name,
    });
  const parser = new QqCopyParser(ctx, {
    file: input.name,
    title: input.name.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, ""),
    dateOrder: opts.dateOrder ?? inferred.order ?? "mdy",
    ...(opts.self !== undefined ? { self: opts.self } : {}),
  });
  yield* parseTextLines(input, ctx, parser);
}
