import { readTextLines } from "../../src/io/text-input.js";
import type { InputSource, InputTree } from "../../src/io/source.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { QceMapper } from "../qce-json/mapper.js";
import { isObject } from "../qce-json/raw-types.js";
import { resolveLayout } from "./layout.js";

/**
 * Reads a QCE chunked-JSONL export (`manifest.json` + `chunks/c000001.jsonl` …): the manifest gives the
 * sections (chatInfo, statistics …) and the chunk order, each chunk line is one message, read line by
 * line. The input may be the export folder, its manifest.json, or one chunk file read on its own.
 */
export async function* readQceJsonl(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent> {
  const layout = await resolveLayout(input);
  const self = typeof ctx.options.self === "string" ? ctx.options.self : undefined;
  const mapper = new QceMapper(ctx, { inputName: input.name, ...(layout.tree ? { tree: layout.tree } : {}), ...(self ? { self } : {}) });
  if (layout.manifest) {
    for (const [k, v] of Object.entries(layout.manifest)) mapper.setSection(k, v);
  } else if (!layout.lone) {
    ctx.report("truncated-input", { message: `${input.name} has no manifest.json; its .jsonl chunks were read in name order without chat name or totals.`, file: input.name });
  }
  if (layout.listed && layout.manifest)
    ctx.report("count-mismatch", { message: `${layout.manifestName} lists no chunks; the .jsonl files found under its chunks folder were read in name order.`, file: layout.manifestName! });

  let missingChunks = 0;
  for (const chunk of layout.lone ? [] : layout.chunks) {
    const src = await layout.tree!.open(chunk.path);
    if (!src) {
      missingChunks++;
      ctx.report("truncated-input", {
        message: `Chunk ${chunk.path} named by the manifest is missing${chunk.count !== undefined ? ` (${chunk.count} messages)` : ""}; the export folder is incomplete.`,
        file: layout.manifestName ?? input.name,
      });
      continue;
    }
    yield* readChunk(src, chunk.count, mapper, ctx);
  }
  if (layout.lone && input.kind === "file") yield* readChunk(input, undefined, mapper, ctx);
  if (layout.lone)
    ctx.report("count-mismatch", { message: `${input.name} is one chunk of a chunked QCE export, read on its own: no chat name or totals, and resources were not looked up; give the export folder to read all of it.`, file: input.name });
  yield* mapper.finish(layout.manifestName ?? input.name, layout.lone || missingChunks > 0 ? { partial: true } : {});
  ctx.account?.({ ...mapper.accounting });
}

/** Reads one chunk file line by line: each non-blank line is one message object. */
async function* readChunk(src: InputSource, stated: number | undefined, mapper: QceMapper, ctx: ReadContext): AsyncIterable<ChatEvent> {
  let n = 0;
  for await (const line of readTextLines(src, ctx)) {
    if (line.text.trim() === "") continue;
    n++;
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch {
      // The engine's parse message varies between Node versions; the raw line says enough.
      yield* mapper.unparsable(src.name, { line: line.no }, line.text, line.text.trimEnd().endsWith("}") ? "malformed" : "cut short");
      continue;
    }
    yield* await mapper.message(value, src.name, { line: line.no }, isObject(value) ? line.text : undefined);
  }
  if (stated !== undefined && stated !== n)
    ctx.report("count-mismatch", { message: `${src.name} holds ${n} message lines but the manifest states ${stated}.`, file: src.name });
}
