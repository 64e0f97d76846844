import { JSONParser } from "@streamparser/json";
import { keepFeff } from "../../src/io/json-text.js";
import { ChatportError } from "../../src/diagnostics/errors.js";
import { decodeJsonText, reportInvalidChunks, type TextEncoding } from "../../src/io/decode.js";
import type { InputSource, InputTree } from "../../src/io/source.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { QceMapper } from "./mapper.js";
import { isObject } from "./raw-types.js";

/**
 * The export file of a QCE export folder (the .json beside its `resources/` folder): the one .json at
 * the folder's top level that is not a chunked manifest.
 */
async function exportFileOf(tree: InputTree): Promise<InputSource> {
  const top = (await tree.list()).filter((p) => !p.includes("/") && /\.json$/i.test(p) && !/^(manifest|avatars)\.json$/i.test(p));
  if (top.length !== 1)
    throw new ChatportError("unknown-format", `${tree.name} is a folder with ${top.length === 0 ? "no" : top.length} .json files at its top; give the QCE export .json file itself (or use --from qce-jsonl for a chunked export).`);
  return (await tree.open(top[0]!))!;
}

/** A `"messages"` key (see the read loop). */
const MESSAGES_KEY = /"messages"\s*:/;

/** Top-level sections kept whole (small); `messages` and `avatars` are streamed item by item. */
const SECTIONS = ["metadata", "chatInfo", "statistics", "exportOptions"];

type Item =
  | { kind: "section"; key: string; value: unknown }
  | { kind: "message"; index: number; value: unknown };

/**
 * Reads a QCE single-file JSON export with a streaming tokenizer (@streamparser/json): sections are
 * parsed whole, each `messages` entry is mapped and dropped as soon as it is complete, so memory stays
 * flat whatever the file size. A file that breaks off keeps the messages before the break (reported).
 */
export async function* readQceJson(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent> {
  if (input.kind === "tree") {
    yield* readQceJson(await exportFileOf(input), ctx);
    return;
  }
  const self = typeof ctx.options.self === "string" ? ctx.options.self : undefined;
  const mapper = new QceMapper(ctx, { inputName: input.name, ...(input.parent ? { tree: input.parent } : {}), ...(self ? { self } : {}) });
  const parser = new JSONParser({ paths: [...SECTIONS.map((s) => `$.${s}`), "$.messages.*", "$.avatars.*"], keepStack: false });
  keepFeff((parser as unknown as { tokenizer: object }).tokenizer);
  const queue: Item[] = [];
  let root: Record<string, unknown> | undefined;
  let avatars = 0;
  let sawQce = false;
  let sawMessages = false;
  let keyTail = "";
  parser.onValue = ({ value, key, parent, stack }) => {
    if (stack.length === 1 && typeof key === "string") {
      if (isObject(parent)) root = parent;
      queue.push({ kind: "section", key, value });
    } else if (stack.length === 2) {
      if (isObject(stack[1]?.value)) root = stack[1].value as Record<string, unknown>;
      if (stack[1]?.key === "messages" && typeof key === "number") queue.push({ kind: "message", index: key, value });
      else if (stack[1]?.key === "avatars") avatars++;
    }
  };
  let error: Error | undefined;
  parser.onError = (e: Error) => {
    error ??= e;
  };

  let trailing = false;
  let started = false;
  let invalidChunks = 0;
  let invalidEncoding: TextEncoding = "utf-8";
  for await (const text of decodeJsonText(input, (enc) => {
    invalidChunks++;
    invalidEncoding = enc;
  })) {
    if (parser.isEnded) {
      if (text.trim() !== "") trailing = true;
      continue;
    }
    if (!started) {
      const first = text.replace(/^[\s\uFEFF]+/, "");
      if (first === "") continue;
      started = true;
      // A QCE export is one JSON object; anything else is refused before the tokenizer spends
      // quadratic time on a hostile root array ("[[[[…" 100k deep took seconds).
      if (first[0] !== "{") throw new ChatportError("unknown-format", `${input.name} is not a JSON object (it starts with ${JSON.stringify(first.slice(0, 10))}); a qq-chat-exporter JSON export starts with "{". Check the --from format.`);
    }
    // Whether a "messages" key was written, to tell an empty chat (`"messages": []`) from a file without
    // the array (emitting `$.messages` itself would keep every item: 370 MiB for 300k messages). A quote
    // inside a JSON string is escaped, so `"messages":` is a key (at some depth: enough for this check).
    if (!sawMessages) {
      sawMessages = MESSAGES_KEY.test(keyTail + text);
      keyTail = text.slice(-32);
    }
    parser.write(text);
    while (queue.length > 0) {
      const it = queue.shift()!;
      if (it.kind === "section") {
        sawQce = true;
        mapper.setSection(it.key, it.value);
      } else {
        sawQce = true;
        yield* await mapper.message(it.value, input.name, { pointer: `/messages/${it.index}` });
      }
    }
    if (error) break;
  }
  if (!error && !parser.isEnded) parser.end();
  reportInvalidChunks(invalidChunks, input.name, (code, r) => ctx.report(code, r), invalidEncoding);
  if (trailing || (error && /state ENDED/.test(error.message))) {
    ctx.report("malformed-payload", { message: `${input.name} has data after the end of its JSON document; it was ignored.`, file: input.name });
    error = undefined;
  }

  if (error) {
    if (!sawQce)
      throw new ChatportError("input-damaged", `${input.name} is not readable JSON (${error.message}); check that the export finished and the file is complete.`, { cause: error });
    // An empty output with exit 0 would pass for "the chat is empty" while every message was lost.
    if (mapper.messagesRead === 0)
      throw new ChatportError("input-damaged", `${input.name} breaks off or is damaged before its first message (${error.message}); nothing could be read: check that the export finished and the file is complete.`, { cause: error });
    ctx.report("truncated-input", {
      message: `${input.name} breaks off or is damaged after ${mapper.messagesRead} messages (${error.message}); the messages before the break were kept, anything after it could not be read.`,
      file: input.name,
    });
  } else if (!sawQce) {
    throw new ChatportError("unknown-format", `${input.name} is JSON but has none of the qq-chat-exporter sections (metadata, chatInfo, statistics, messages); check the --from format.`);
  } else if (!sawMessages && mapper.messagesRead === 0) {
    // Every QCE export writes "messages" (an empty chat as []); without it the output would be an
    // empty chat, exit 0, for a file that is some other JSON or half of an export.
    const keys = root ? Object.keys(root).slice(0, 8).join(", ") : "";
    throw new ChatportError("unknown-format", `${input.name} has qq-chat-exporter sections${keys ? ` (${keys})` : ""} but no "messages" array, which every export writes; check that the file is a complete export, or the --from format.`);
  }
  if (root) {
    for (const [k, v] of Object.entries(root)) if (!SECTIONS.includes(k) && k !== "messages" && k !== "avatars") mapper.setSection(k, v);
  }
  if (avatars > 0) mapper.setSection("avatars", { count: avatars, note: "embedded avatar images (base64) are not kept" });
  yield* mapper.finish(input.name, error ? { partial: true } : {});
  ctx.account?.({ ...mapper.accounting });
}
