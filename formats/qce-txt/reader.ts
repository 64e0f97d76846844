import type { InputSource, InputTree } from "../../src/io/source.js";
import { ChatportError } from "../../src/diagnostics/errors.js";
import { parseTextLines } from "../../src/plugin/line-parser.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { QceTxtParser } from "./parser.js";

/** Reads a QCE TXT export as events, streaming line by line. */
export async function* readQceTxt(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent> {
  for await (const batch of readQceTxtBatches(input, ctx)) yield* batch;
}

/** {@link readQceTxt} in batches: the events of one decoded chunk of lines per array. */
export async function* readQceTxtBatches(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent[]> {
  if (input.kind !== "file") throw new ChatportError("input-unreadable", `${input.name} is a folder; qce-txt reads one .txt file written by QQ Chat Exporter.`);
  const opts = ctx.options as { self?: string };
  const parser = new QceTxtParser(ctx, {
    file: input.name,
    fallbackTitle: input.name.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, ""),
    ...(opts.self !== undefined ? { self: opts.self } : {}),
  });
  yield* parseTextLines(input, ctx, parser);
}
