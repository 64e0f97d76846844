import { ChatportError } from "../../src/diagnostics/errors.js";
import { hashSource } from "../../src/io/hash.js";
import type { InputSource, InputTree } from "../../src/io/source.js";
import type { Message } from "../../src/model/index.js";
import { parseTextLines } from "../../src/plugin/line-parser.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { SignalMdParser } from "./parser.js";

/** The file signal-export writes in each chat's folder. */
export const CHAT_FILE = "chat.md";

/**
 * Reads a signal-export `chat.md`, a chat folder holding one, or the export folder holding a folder per
 * chat (each a conversation, in name order) as events, streaming line by line.
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
    const parser = new SignalMdParser(ctx, { file: chat.source.name, title: chat.title, ...(typeof ctx.options.self === "string" ? { self: ctx.options.self } : {}) });
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

/** A chat folder's chat.md, below the export folder: `<chat name>/chat.md`. */
export const CHAT_IN_EXPORT = /^([^/]+)\/chat\.md$/;

async function chatsOf(input: InputSource | InputTree): Promise<Chat[]> {
  if (input.kind === "file") return [chatOf(input)];
  const own = await input.open(CHAT_FILE);
  if (own) return [{ source: own, title: folderName(input.name), folder: input, dir: "" }];
  const chats: Chat[] = [];
  for (const path of await input.list()) {
    const m = CHAT_IN_EXPORT.exec(path);
    const source = m ? await input.open(path) : undefined;
    if (source) chats.push({ source, title: m![1]!, folder: input, dir: `${m![1]!}/` });
  }
  if (chats.length === 0)
    throw new ChatportError("input-unreadable", `${input.name} has no ${CHAT_FILE} and no <chat>/${CHAT_FILE}; signal-md reads signal-export's output folder, one chat's folder (chat.md and media/), or a chat.md itself.`);
  return chats;
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
    const { sha256, bytes } = await hashSource(found);
    m.attachments[i] = { ...a, availability: "present", sha256, bytes, path };
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
