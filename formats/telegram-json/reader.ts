import { ChatportError } from "../../src/diagnostics/errors.js";
import { reportRefusedEntries } from "../../src/plugin/refused-entries.js";
import { decodeJsonText, reportInvalidChunks, type TextEncoding } from "../../src/io/decode.js";
import type { InputSource, InputTree } from "../../src/io/source.js";
import { isZipHeader, zipTree } from "../../src/io/zip.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { XEscapeFilter } from "./escapes.js";
import { MessageSplitter } from "./fast-messages.js";
import { TOO_DEEP_MARK, TelegramJsonWalker } from "./json-walk.js";
import { MediaResolver } from "./media.js";
import { TelegramSession } from "./session.js";

/** One `result.json` to read, with the folder its media paths are relative to. */
interface Target {
  source: InputSource;
  /** The name provenance and diagnostics use: the folder's name + the path inside it, as in the sources list. */
  name: string;
  tree: InputTree | undefined;
  base: string;
}

const dirOf = (p: string): string => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : "");

/** The result.json files of a folder input: the one at its root, else those at the shallowest depth. */
async function findTargets(tree: InputTree): Promise<Target[]> {
  const all = (await tree.list()).filter((p) => p === "result.json" || p.endsWith("/result.json"));
  if (all.length === 0)
    throw new ChatportError("unknown-format", `${tree.name} holds no result.json: give the folder of a Telegram Desktop export made in JSON mode ("Machine-readable JSON"), or the result.json itself.`);
  const depth = (p: string): number => p.split("/").length;
  const min = Math.min(...all.map(depth));
  const out: Target[] = [];
  for (const rel of all.filter((p) => depth(p) === min).sort()) {
    const source = await tree.open(rel);
    if (source) out.push({ source, name: `${tree.name}/${rel}`, tree, base: dirOf(rel) });
  }
  return out;
}

/**
 * Reads a Telegram Desktop JSON export (formats-intl.md §3): a single-chat or whole-account
 * `result.json`, or the export folder holding it. Streams: the JSON is read chunk by chunk and each
 * chunk's messages are converted and yielded, so memory stays flat on a 1 GB file.
 */
export async function* readTelegramJson(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent> {
  for await (const batch of readTelegramJsonBatches(input, ctx)) yield* batch;
}

/**
 * {@link readTelegramJson} in arrays: the events of one input chunk at a time (the engine's fast path,
 * one await per chunk instead of one per event; each array is new and never touched again).
 */
export function readTelegramJsonBatches(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<readonly ChatEvent[]> {
  if (input.kind === "tree") return readTree(input, ctx);
  return readFile(input, ctx);
}

/** One file: result.json itself, or the export folder zipped (read as the folder, from the zip). */
async function* readFile(input: InputSource, ctx: ReadContext): AsyncIterable<readonly ChatEvent[]> {
  if (isZipHeader(await input.head(4))) {
    const tree = zipTree(input);
    await reportRefusedEntries(tree, input.name, ctx);
    yield* readTree(tree, ctx);
    return;
  }
  const opts = ctx.options as { self?: string };
  const t: Target = { source: input, name: input.name, tree: input.parent, base: input.parent ? dirOf(input.name) : "" };
  const session = new TelegramSession(ctx, t.name, t.source.name.replace(/^.*\//, "").replace(/\.[^.]*$/, ""), opts.self);
  yield* readOne(t, session, ctx, () => ctx.account?.({ ...session.accounting }));
}

async function* readTree(input: InputTree, ctx: ReadContext): AsyncIterable<readonly ChatEvent[]> {
  const opts = ctx.options as { self?: string };
  const targets = await findTargets(input);
  const totals = { itemsRead: 0, itemsInMessages: 0, itemsStructural: 0, itemsReported: 0 };
  for (const t of targets) {
    const session = new TelegramSession(ctx, t.name, t.source.name.replace(/^.*\//, "").replace(/\.[^.]*$/, ""), opts.self);
    yield* readOne(t, session, ctx);
    for (const k of Object.keys(totals) as Array<keyof typeof totals>) totals[k] += session.accounting[k];
  }
  ctx.account?.(totals);
}

async function* readOne(t: Target, session: TelegramSession, ctx: ReadContext, onDone?: () => void): AsyncIterable<readonly ChatEvent[]> {
  const file = t.name;
  const media = new MediaResolver(t.tree, t.base);
  const walker = new TelegramJsonWalker(session);
  const filter = new XEscapeFilter();
  let invalidChunks = 0;
  let invalidEncoding: TextEncoding = "utf-8";
  let unresolved = 0;

  /** Resolves the media of queued messages (awaiting only when a message has media to look up). */
  const resolveQueued = async (): Promise<void> => {
    for (const ev of session.queue) {
      if (ev.type !== "message" || ev.message.attachments.length === 0) continue;
      for (const att of ev.message.attachments) {
        if (att.availability !== "missing" || att.path === undefined) continue;
        if (!media.hasFolder) {
          unresolved++;
          continue;
        }
        const readable = await media.resolve(att, ctx, file, ev.message.provenance.at);
        if (readable && att.availability === "missing")
          ctx.report("attachment-missing", { message: `${file}: ${att.path} (${att.kind} of message ${ev.message.id}) is not in the export folder.`, file, place: ev.message.provenance.at });
      }
    }
  };

  const splitter = new MessageSplitter(walker, session);
  for await (const text of decodeJsonText(t.source, (enc) => {
    invalidChunks++;
    invalidEncoding = enc;
  })) {
    splitter.write(filter.push(text));
    if (session.queue.length) {
      await resolveQueued();
      yield session.take();
    }
    if (walker.error || walker.complete) break;
  }
  if (!walker.error && !walker.complete) {
    splitter.write(filter.flush());
    splitter.end();
    walker.end();
  }
  if (!walker.sawData && !walker.error)
    throw new ChatportError("input-damaged", `${file} holds no JSON (it is empty or only whitespace); export the chat again from Telegram Desktop in JSON mode.`);
  if (walker.error || !walker.complete) {
    if (session.accounting.itemsRead === 0)
      throw new ChatportError("input-damaged", `${file} is not a readable Telegram JSON export (${walker.error ? walker.error.message : "it ends before its first chat"}); check that the file is complete, or export it again.`);
    // A chat's header was read but not one message: an output with no messages and exit 0 would pass
    // for "the chat is empty" (a NUL after "messages": [ did so) while every message was lost.
    if (session.accounting.itemsInMessages === 0) {
      const where = walker.error && !walker.error.atEnd ? `a JSON syntax error${walker.error.offset >= 0 ? ` near byte ${walker.error.offset}` : ""} (${walker.error.message})` : "its end";
      throw new ChatportError("input-damaged", `${file}: reading stopped at ${where} before any message could be read; check that the file is complete and unaltered, or export it again.`);
    }
    session.abort();
    const kept = `the ${session.accounting.itemsInMessages} messages read before it are kept; anything after the last complete message is lost`;
    const err = walker.error;
    if (!err || err.atEnd)
      ctx.report("truncated-input", { message: `${file} ends before its JSON closes (an incomplete copy or download?); ${kept}.`, file });
    else
      ctx.report("truncated-input", { message: `${file}: JSON syntax error${err.offset >= 0 ? ` near byte ${err.offset}` : ""} (${err.message}); reading stopped there, ${kept}.`, file });
  }
  if (session.rootWithoutMessages) {
    const keys = session.rootWithoutMessages.slice(0, 8).map((k) => JSON.stringify(k.length > 40 ? `${k.slice(0, 40)}…` : k));
    const more = session.rootWithoutMessages.length > 8 ? ` and ${session.rootWithoutMessages.length - 8} more` : "";
    throw new ChatportError("unknown-format", `${file} is a JSON object without a "messages" list (its keys: ${keys.join(", ")}${more}), so it is no Telegram Desktop chat export; pass the right --from, or export the chat again from Telegram Desktop in JSON mode.`);
  }
  await resolveQueued();
  if (session.queue.length) yield session.take();
  if (filter.fixed)
    ctx.report("json-escape-repaired", { message: `${file}: ${filter.fixed} \\xHH escape(s) written by tdesktop (not valid JSON) were read as the control characters they stand for.`, file });
  if (filter.invalid)
    ctx.report("malformed-payload", { message: `${file}: ${filter.invalid} "\\x" escape(s) not followed by two hex digits were kept as the literal text \\x.`, file });
  reportInvalidChunks(invalidChunks, file, (code, r) => ctx.report(code, r), invalidEncoding);
  if (walker.tooDeep)
    ctx.report("oversized-record", { message: `${file}: ${walker.tooDeep} value(s) nested more than 256 levels deep (no Telegram export nests so; a damaged or crafted file?) were replaced by "${TOO_DEEP_MARK}"; their messages are kept.`, file });
  if (unresolved)
    ctx.report("attachment-missing", { message: `${file}: ${unresolved} media path(s) could not be looked up because the input has no folder around it; pass the export folder to check and hash the media.`, file });
  onDone?.();
}
