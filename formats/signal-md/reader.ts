import { ChatportError } from "../../src/diagnostics/errors.js";
import { mediaDigest } from "../../src/plugin/media-digest.js";
import type { InputSource, InputTree } from "../../src/io/source.js";
import type { Message } from "../../src/model/index.js";
import { parseTextLines } from "../../src/plugin/line-parser.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { SignalJsonParser } from "./json-parser.js";
import { SignalMdParser } from "./parser.js";

/** The file signal-export writes in each chat's folder. */
export const CHAT_FILE = "chat.md";
/** The same messages as JSON Lines, beside {@link CHAT_FILE} unless the export ran with --no-json. */
export const JSON_FILE = "data.json";

/**
 * Reads a signal-export `chat.md` or `data.json`, a chat folder holding them, or the export folder holding
 * a folder per chat (each a conversation, in name order) as events, streaming line by line. A folder's
 * chat.md is read, data.json only when there is none: `sigexport --old` merges earlier exports into
 * chat.md but not into data.json (main.py), so chat.md is the one that can hold more.
 */
export async function* readSignalMd(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent> {
  for await (const batch of readSignalMdBatches(input, ctx)) yield* batch;
}

/** {@link readSignalMd} in batches. */
export async function* readSignalMdBatches(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent[]> {
  const chats = await chatsOf(input);
  // One accounting for the whole input: each chat's lines are summed, then reported once.
  const total: Record<string, number> = {};
  const perChat: ReadContext = { ...ctx, account: (a) => Object.entries(a).forEach(([k, n]) => (total[k] = (total[k] ?? 0) + n)) };
  for (const chat of chats) {
    const opts = { file: chat.source.name, title: chat.title, ...(typeof ctx.options.self === "string" ? { self: ctx.options.self } : {}) };
    const parser = (await isJsonLines(chat.source)) ? new SignalJsonParser(ctx, opts) : new SignalMdParser(ctx, opts);
    for await (const events of parseTextLines(chat.source, perChat, parser)) {
      for (const ev of events) if (ev.type === "message" && ev.message.attachments.length) await findMedia(ev.message, chat, ctx);
      yield events;
    }
  }
  ctx.account?.(total);
}

interface Chat {
  source: InputSource;
  title: string;
  /** The chat folder, where the links' paths start, when the input has one. */
  folder?: InputTree;
  /** The chat folder's path inside `folder` ("" or "dir/"). */
  dir: string;
}

/** A chat folder's chat.md or data.json, below the export folder: `<chat name>/chat.md`. */
export const CHAT_IN_EXPORT = /^([^/]+)\/(chat\.md|data\.json)$/;

async function chatsOf(input: InputSource | InputTree): Promise<Chat[]> {
  if (input.kind === "file") return [chatOf(input)];
  const own = (await input.open(CHAT_FILE)) ?? (await input.open(JSON_FILE));
  if (own) return [{ source: own, title: folderName(input.name), folder: input, dir: "" }];
  const byChat = new Map<string, string>();
  for (const path of await input.list()) {
    const m = CHAT_IN_EXPORT.exec(path);
    if (m && (m[2] === CHAT_FILE || !byChat.has(m[1]!))) byChat.set(m[1]!, path);
  }
  const chats: Chat[] = [];
  for (const [title, path] of byChat) {
    const source = await input.open(path);
    if (source) chats.push({ source, title, folder: input, dir: `${title}/` });
  }
  if (chats.length === 0)
    throw new ChatportError("input-unreadable", `${input.name} has no ${CHAT_FILE} or ${JSON_FILE} and no <chat>/${CHAT_FILE}; signal-md reads signal-export's output folder, one chat's folder (chat.md and media/), or a chat.md or data.json itself.`);
  return chats;
}

/** Whether a file is data.json's JSON Lines (its first character that is not whitespace or a BOM is `{`). */
async function isJsonLines(source: InputSource): Promise<boolean> {
  const head = await source.head(64);
  for (const b of head) {
    if (b === 0x7b) return true;
    // Whitespace, or the bytes of a UTF-8 or UTF-16 BOM.
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0xef && b !== 0xbb && b !== 0xbf && b !== 0xfe && b !== 0xff && b !== 0x00) return false;
  }
  return false;
}

function chatOf(input: InputSource): Chat {
  const slash = input.name.lastIndexOf("/");
  const dir = slash >= 0 ? input.name.slice(0, slash + 1) : "";
  // signal-export names each chat's folder after the chat; a chat.md given alone takes its folder's name.
  const parentName = slash >= 0 ? folderName(input.name.slice(0, slash)) : input.parent ? folderName(input.parent.name) : undefined;
  const stem = input.name.slice(slash + 1).replace(/\.[^.]*$/, "");
  const title = stem.toLowerCase() === "chat" && parentName ? parentName : stem;
  return { source: input, title, ...(input.parent ? { folder: input.parent } : {}), dir };
}

const folderName = (name: string): string => name.replace(/[\\/]+$/, "").replace(/^.*[\\/]/, "");

/** Looks up each linked file in the chat folder: found → present with its hash, else missing and reported. */
async function findMedia(m: Message, chat: Chat, ctx: ReadContext): Promise<void> {
  for (let i = 0; i < m.attachments.length; i++) {
    const a = m.attachments[i]!;
    if (a.availability !== "missing" || a.path === undefined) continue;
    // Paths are relative to the chat folder: a sticker's `../exported_stickers/…` is found when the
    // whole export was given, and is outside what was given otherwise.
    const path = withinTree(chat.dir + a.path);
    const found = path !== undefined && chat.folder ? await chat.folder.open(path) : undefined;
    if (!found) {
      m.attachments[i] = { ...a, path: path ?? a.path };
      ctx.report("attachment-missing", {
        message: `${path ?? a.path} is named by the message but is not ${chat.folder ? "in the export" : "available (read the chat folder or its chat.md on disk to include media)"}.`,
        file: chat.source.name,
        place: m.provenance.at,
        raw: a.path,
      });
      continue;
    }
    const digest = await mediaDigest(found, ctx, chat.source.name, m.provenance.at);
    m.attachments[i] = digest ? { ...a, availability: "present", sha256: digest.sha256, bytes: digest.bytes, path } : { ...a, path };
  }
}

/** A "/"-separated relative path with its `..` steps taken, or undefined when it leaves the folder. */
function withinTree(path: string): string | undefined {
  const out: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg !== "..") out.push(seg);
    else if (out.pop() === undefined) return undefined;
  }
  return out.join("/");
}
