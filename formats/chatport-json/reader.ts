import { ChatportError } from "../../src/diagnostics/errors.js";
import { decodeHead, decodeJsonText, reportInvalidChunks, type TextEncoding } from "../../src/io/decode.js";
import type { InputSource, InputTree } from "../../src/io/source.js";
import { readTextLineBatches } from "../../src/io/text-input.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { ArchiveAssembler } from "./assembler.js";
import { detectChatportJson } from "./detect.js";
import { JsonArchiveWalker } from "./json-archive.js";
import { ndjsonLine, type NdjsonState } from "./ndjson.js";

/** The schema major version this reader understands. */
const MAJOR = "1";

function checkVersion(file: string, version: string | undefined, ctx: ReadContext): void {
  if (version === undefined) {
    ctx.report("malformed-payload", { message: `${file} has no schemaVersion; read as chatport schema ${MAJOR}.x.`, file });
    return;
  }
  if (version.split(".")[0] !== MAJOR)
    throw new ChatportError("unknown-format", `${file} was written with chatport schema ${version}; this chatport reads schema ${MAJOR}.x: convert it with the chatport version that wrote it, or upgrade.`);
}

/**
 * Reads chatport's own JSON archive or NDJSON event stream back into events, validating every
 * record against the model (FORMAT.md). Streams: one record in memory at a time.
 */
export async function* readChatportJson(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent> {
  if (input.kind !== "file") throw new ChatportError("input-unreadable", `${input.name} is a folder; chatport-json reads one .json or .ndjson file written by chatport.`);
  const file = input.name;
  const a = new ArchiveAssembler(ctx, file);
  let variant = (ctx.options as { variant?: string }).variant;
  if (variant !== "json" && variant !== "ndjson") {
    const head = decodeHead(await input.head(64 * 1024));
    variant = detectChatportJson({ name: file, extension: "", size: input.size, head: new Uint8Array(0), text: head })?.variant ?? (/\.(ndjson|jsonl)$/i.test(file) ? "ndjson" : "json");
  }
  if (variant === "ndjson") yield* readNdjson(input, a, ctx);
  else yield* readJson(input, a, ctx);
  ctx.account?.({ ...a.accounting });
}

async function* drain(a: ArchiveAssembler): AsyncIterable<ChatEvent> {
  const q = a.queue;
  for (let i = 0; i < q.length; i++) yield q[i]!;
  q.length = 0;
}

async function* readJson(input: InputSource, a: ArchiveAssembler, ctx: ReadContext): AsyncIterable<ChatEvent> {
  const file = input.name;
  const walker = new JsonArchiveWalker(a);
  let invalid = 0;
  let invalidEncoding: TextEncoding = "utf-8";
  let versionChecked = false;
  for await (const text of decodeJsonText(input, (enc) => {
    invalid++;
    invalidEncoding = enc;
  })) {
    walker.write(text.charCodeAt(0) === 0xfeff && !walker.sawData ? text.slice(1) : text);
    if (!versionChecked && (walker.schemaVersion !== undefined || a.queue.length)) {
      versionChecked = true;
      checkVersion(file, walker.schemaVersion, ctx);
    }
    yield* drain(a);
    if (walker.error || walker.complete) break;
  }
  if (!walker.error && !walker.complete) walker.end();
  if (!walker.sawData && !walker.error)
    throw new ChatportError("input-damaged", `${file} holds no JSON (it is empty or only whitespace); convert the chat again with --to json.`);
  if (walker.error || !walker.complete) {
    if (a.accounting.recordsInMessages === 0 && !a.isOpen)
      throw new ChatportError("input-damaged", `${file} is not a readable chatport JSON archive (${walker.error ? walker.error.message : "it ends before its first message"}); check that the file is complete, or convert the chat again.`);
    ctx.report("truncated-input", {
      message: `${file} ${walker.error && !walker.error.atEnd ? `has a JSON error (${walker.error.message})` : "ends before its JSON closes (an incomplete copy?)"}; the ${a.accounting.recordsInMessages} messages read before it are kept, anything after is lost.`,
      file,
    });
  } else if (!versionChecked) checkVersion(file, walker.schemaVersion, ctx);
  if (a.isOpen) a.closeConversation({}, "");
  yield* drain(a);
  reportInvalidChunks(invalid, file, (code, r) => ctx.report(code, r), invalidEncoding);
}

async function* readNdjson(input: InputSource, a: ArchiveAssembler, ctx: ReadContext): AsyncIterable<ChatEvent> {
  const file = input.name;
  const st: NdjsonState = { header: false };
  let lines = 0;
  for await (const batch of readTextLineBatches(input, ctx)) {
    for (let i = 0; i < batch.texts.length; i++) {
      const no = batch.first + i;
      const text = no === 1 ? batch.texts[i]!.replace(/^\uFEFF/, "") : batch.texts[i]!;
      ndjsonLine(text, no, a, st);
      if (no === 1) checkVersion(file, st.schemaVersion, ctx);
      lines++;
    }
    yield* drain(a);
  }
  if (lines === 0) throw new ChatportError("input-damaged", `${file} is empty; convert the chat again with --to ndjson.`);
  if (!st.header) ctx.report("malformed-payload", { message: `${file} does not start with an "archive" record; read anyway.`, file, place: { line: 1 } });
  if (a.isOpen) a.closeConversation({}, "");
  if (st.complete === undefined)
    ctx.report("truncated-input", { message: `${file} stops without its "end" record (an incomplete copy?); the ${a.accounting.recordsInMessages} messages read are kept.`, file });
  else if (!st.complete)
    ctx.report("truncated-input", { message: `${file} says the conversion that wrote it failed part-way ("complete": false); what it holds is kept.`, file });
  yield* drain(a);
}
