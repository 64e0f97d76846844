import type { InputSource, InputTree } from "../../src/io/source.js";
import { decodeHead } from "../../src/io/decode.js";
import { ChatportError } from "../../src/diagnostics/errors.js";
import { parseTextLines } from "../../src/plugin/line-parser.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { QqTxtParser } from "./parser.js";
import { inferDateOrder, type DateOrder } from "./timestamps.js";

/** Reads a QQ 消息管理器 TXT export as events, streaming line by line. */
export async function* readQqTxt(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent> {
  for await (const batch of readQqTxtBatches(input, ctx)) yield* batch;
}

/** {@link readQqTxt} in batches: the events of one decoded chunk of lines per array. */
export async function* readQqTxtBatches(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent[]> {
  if (input.kind !== "file") throw new ChatportError("input-unreadable", `${input.name} is a folder; qq-txt reads one .txt export file.`);
  const opts = ctx.options as { dateOrder?: DateOrder; self?: string };
  const head = decodeHead(await input.head(64 * 1024));
  const inferred = inferDateOrder(head);
  if (!inferred && !opts.dateOrder && /^\d{1,2}\/\d{1,2}\/\d{4} /m.test(head))
    ctx.report("date-order-undecidable", {
      message: `${input.name} writes dates as N/N/YYYY and no day is over 12 in its first 64 KiB; read as month/day (pass --date-order dmy if wrong).`,
      file: input.name,
    });
  const parser = new QqTxtParser(ctx, {
    file: input.name,
    fallbackTitle: input.name.replace(/\.[^.]*$/, ""),
    dateOrder: opts.dateOrder ?? inferred ?? "mdy",
    ...(opts.self !== undefined ? { self: opts.self } : {}),
  });
  yield* parseTextLines(input, ctx, parser);
}
