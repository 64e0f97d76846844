import { ChatportError } from "../../src/diagnostics/errors.js";
import { hashSource } from "../../src/io/hash.js";
import type { InputSource, InputTree } from "../../src/io/source.js";
import type { Message } from "../../src/model/index.js";
import { parseTextLines } from "../../src/plugin/line-parser.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { SignalMdParser } from "./parser.js";

/** The file signal-export writes in each chat's folder. */
export const CHAT_FILE = "chat.md";

/** Reads a signal-export `chat.md` (or a chat folder holding one) as events, streaming line by line. */
export async function* readSignalMd(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent> {
  for await (const batch of readSignalMdBatches(input, ctx)) yield* batch;
}

/** {@link readSignalMd} in batches. */
export async function* readSignalMdBatches(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent[]> {
  const chat = await chatOf(input);
  const parser = new SignalMdParser(ctx, { file: chat.source.name, title: chat.title, ...(typeof ctx.options.self === "string" ? { self: ctx.options.self } : {}) });
  for await (const events of parseTextLines(chat.source, ctx, parser)) {
    for (const ev of events) if (ev.type === "message" && ev.message.attachments.length) await findMedia(ev.message, chat, ctx);
    yield events;
  }
}

interface Chat {
  source: InputSource;
  title: string;
  /** The chat folder, where the links' paths start, when the input has one. */
  folder?: InputTree;
  /** The chat folder's path inside `folder` ("" or "dir/"). */
  dir: string;
}

async function chatOf(input: InputSource | InputTree): Promise<Chat> {
  if (input.kind === "tree") {
    const source = await input.open(CHAT_FILE);
    if (!source) throw new ChatportError("input-unreadable", `${input.name} has no ${CHAT_FILE}; signal-md reads a chat folder written by signal-export (it holds chat.md and media/), or the chat.md itself.`);
    return { source, title: folderName(input.name), folder: input, dir: "" };
  }
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
    // Paths are relative to the chat folder; a sticker's `../exported_stickers/…` lies outside it.
    const inside = !a.path.split("/").some((seg) => seg === ".." || seg === "");
    const found = inside && chat.folder ? await chat.folder.open(chat.dir + a.path) : undefined;
    if (!found) {
      ctx.report("attachment-missing", {
        message: `${a.path} is named by the message but is not ${chat.folder ? "in the chat folder" : "available (read the chat folder or its chat.md on disk to include media)"}.`,
        file: chat.source.name,
        place: m.provenance.at,
        raw: a.path,
      });
      continue;
    }
    const { sha256, bytes } = await hashSource(found);
    m.attachments[i] = { ...a, availability: "present", sha256, bytes, path: chat.dir + a.path };
  }
}
