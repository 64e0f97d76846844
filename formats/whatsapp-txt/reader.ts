import { ChatportError } from "../../src/diagnostics/errors.js";
import { mediaDigest } from "../../src/plugin/media-digest.js";
import type { InputSource, InputTree } from "../../src/io/source.js";
import { readTextLineBatches } from "../../src/io/text-input.js";
import type { Conversation, Message, Place } from "../../src/model/index.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { shortHash } from "../../src/io/hash.js";
import type { DateOrder } from "./dates.js";
import { mediaTypeOf } from "./media.js";
import { WhatsAppParser } from "./parser.js";
import { FileScan, type ScanResult } from "./scan.js";

/** Finds a file an export names (`IMG-….jpg`, `00000001-PHOTO-….jpg`) next to the chat text. */
export type MediaLookup = (fileName: string) => Promise<{ source: InputSource; path: string } | undefined>;

/** One chat text to read, wherever it sits (a loose .txt, a zip member, a file in a folder). */
export interface ChatText {
  source: InputSource;
  /** File name for provenance and diagnostics. */
  file: string;
  /** Place of a line range (a zip member wraps lines in `{entry, inner}`). */
  place: (line: number, endLine?: number) => Place;
  /** Name of the container (zip or folder), whose name often carries the chat's name. */
  containerName?: string;
  media?: MediaLookup;
}

/** Reader options (zod-parsed in index.ts). */
interface Options {
  dateOrder?: DateOrder;
  self?: string;
}

/** Reads a loose WhatsApp .txt export; media next to it (same folder) are looked up when the input has a parent. */
export function readWhatsAppTxt(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent> {
  if (input.kind !== "file") return refuseFolder(input.name);
  // The chat text's own iterator, returned as is (no extra generator layer per event).
  return readChatText(looseChat(input), ctx);
}

/** {@link readWhatsAppTxt} in batches (the engine's fast path, ReaderPlugin.readBatches). */
export function readWhatsAppTxtBatches(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent[]> {
  if (input.kind !== "file") return refuseFolder(input.name);
  return readChatTextBatches(looseChat(input), ctx);
}

function looseChat(input: InputSource): ChatText {
  const parent = input.parent;
  const dir = input.name.includes("/") ? input.name.slice(0, input.name.lastIndexOf("/") + 1) : "";
  return {
    source: input,
    file: input.name,
    place: (line, endLine) => (endLine ? { line, endLine } : { line }),
    ...(parent ? { media: treeLookup(parent, dir) } : {}),
  };
}

// eslint-disable-next-line require-yield
async function* refuseFolder(name: string): AsyncGenerator<never> {
  throw new ChatportError("input-unreadable", `${name} is a folder; whatsapp-txt reads one exported .txt file (use --from whatsapp-zip for an export folder or zip).`);
}

/** Looks a name up in a folder or zip, beside the chat text (`dir`), without listing the whole tree. */
export function treeLookup(tree: InputTree, dir: string): MediaLookup {
  return async (fileName) => {
    if (fileName.includes("/") || fileName.includes("\\") || fileName === ".." || fileName === ".") return undefined;
    const path = dir + fileName;
    const source = await tree.open(path);
    return source ? { source, path } : undefined;
  };
}

/**
 * Reads one chat text in two passes: the first gathers header shapes, date-order evidence, authors and
 * the chat's name over the whole file (cheap, nothing kept per line); the second emits events.
 */
export async function* readChatText(chat: ChatText, ctx: ReadContext): AsyncIterable<ChatEvent> {
  for await (const batch of readChatTextBatches(chat, ctx)) yield* batch;
}

/** Lines parsed between two yielded batches (small: events reach the writer young, few survive a GC). */
const BATCH_LINES = 128;

/**
 * {@link readChatText} in batches (the ReaderPlugin `readBatches` fast path): the same events in the same
 * order, one await per ~128 events instead of one per event. Attachment look-ups still happen right after
 * the line that completed their message, so diagnostics keep their order.
 */
export async function* readChatTextBatches(chat: ChatText, ctx: ReadContext): AsyncIterable<ChatEvent[]> {
  const opts = ctx.options as Options;
  const quiet: ReadContext = { ...ctx, report: () => {} };
  const scanner = new FileScan();
  for await (const b of readTextLineBatches(chat.source, quiet)) {
    const texts = b.texts;
    for (let i = 0; i < texts.length; i++) scanner.push(texts[i]!, b.first + i);
  }
  const scan = scanner.finish(opts.dateOrder);
  reportUndecidable(scan, chat, ctx);

  const conversation = conversationOf(scan, chat);
  const parser = new WhatsAppParser(ctx, scan, {
    file: chat.file,
    place: chat.place,
    conversation,
    ...(opts.self !== undefined ? { self: opts.self } : {}),
  });
  let out: ChatEvent[] = [];
  for await (const b of readTextLineBatches(chat.source, ctx)) {
    const texts = b.texts;
    for (let i = 0; i < texts.length; i++) {
      const evs = parser.push(texts[i]!, b.first + i);
      for (let k = 0; k < evs.length; k++) {
        const ev = evs[k]!;
        if (ev.type === "message" && needsLookup(ev.message)) await attachMedia(ev.message, chat, ctx);
        out.push(ev);
      }
      if (out.length >= BATCH_LINES || (i === texts.length - 1 && out.length)) {
        yield out;
        out = [];
      }
    }
  }
  for (const ev of parser.finish()) {
    if (ev.type === "message" && needsLookup(ev.message)) await attachMedia(ev.message, chat, ctx);
    out.push(ev);
  }
  if (out.length) yield out;
  ctx.account?.({ ...parser.accounting });
}

/** True when a message names a file still to be looked up (most name none: no await for them). */
function needsLookup(m: Message): boolean {
  const atts = m.attachments;
  for (let i = 0; i < atts.length; i++) if (atts[i]!.availability === "missing" && atts[i]!.fileName !== undefined) return true;
  return false;
}

function reportUndecidable(scan: ScanResult, chat: ChatText, ctx: ReadContext): void {
  for (const [shape, d] of scan.shapes) {
    if (!d.undecidable) continue;
    ctx.report("date-order-undecidable", {
      message: `${chat.file}: ${d.evidence}; pass --date-order dmy, mdy or ymd if the dates are wrong.`,
      file: chat.file,
      raw: shape,
    });
  }
}

// Localized export names: "WhatsApp Chat with X", "WhatsApp Chat - X", "WhatsApp Chat mit X",
// "Chat de WhatsApp con X", "Discussion WhatsApp avec X", "Chat WhatsApp con X", "Conversa do WhatsApp com X",
// "WhatsApp-chat met X", "Чат WhatsApp с X", "Chat WhatsApp s uživatelem X" (formats-intl.md §1.1).
const CHAT_NAME =
  /^(?:WhatsApp Chat(?: with| mit| -)|Chat de WhatsApp con|Discussion WhatsApp avec|Chat WhatsApp con|Conversa do WhatsApp com|WhatsApp-chat met|Чат WhatsApp с(?: контактом)?|Chat WhatsApp s(?: uživatelem)?|WhatsApp Sohbeti:?|Czat WhatsApp z)\s+(.+?)(?:\s*\(\d+\))?$/i;

/** The chat's name from an export file or zip name, if it follows WhatsApp's naming. */
export function chatNameFromFileName(name: string): string | undefined {
  const base = name.replace(/^.*\//, "").replace(/\.(txt|zip)$/i, "");
  const m = CHAT_NAME.exec(base.replace(/_/g, " "));
  return m ? m[1]!.trim() : undefined;
}

function conversationOf(scan: ScanResult, chat: ChatText): Conversation {
  const fromName = chatNameFromFileName(chat.containerName ?? "") ?? chatNameFromFileName(chat.source.name);
  const stem = (chat.containerName ?? chat.file).replace(/^.*\//, "").replace(/\.[^.]*$/, "");
  const title = fromName ?? scan.groupName ?? scan.noticeAuthor ?? stem;
  const kind = scan.groupName !== undefined || scan.groupNotices > 0 || scan.authorCount > 2 ? "group" : scan.authorCount > 0 ? "direct" : "unknown";
  const extra: Record<string, unknown> = {};
  const d = scan.dominant !== undefined ? scan.shapes.get(scan.dominant) : undefined;
  if (d) {
    extra.dateOrder = d.order;
    extra.dateOrderEvidence = d.evidence;
    extra.headerShape = scan.dominant;
  }
  return {
    id: `whatsapp:${shortHash(chat.file, chat.source.name)}`,
    platform: "whatsapp",
    kind,
    title,
    participantIds: [],
    source: chat.file,
    ...(Object.keys(extra).length ? { extra } : {}),
  };
}

/** Looks up each file a message names; found → present with sha256, else missing + diagnostic. */
async function attachMedia(m: Message, chat: ChatText, ctx: ReadContext): Promise<void> {
  for (let i = 0; i < m.attachments.length; i++) {
    const a = m.attachments[i]!;
    if (a.availability !== "missing" || a.fileName === undefined) continue;
    const type = mediaTypeOf(a.fileName);
    const found = chat.media ? await chat.media(a.fileName) : undefined;
    if (!found) {
      m.attachments[i] = { ...a, ...(type ? { mediaType: type } : {}) };
      ctx.report("attachment-missing", {
        message: `${a.fileName} is named by the message but is not ${chat.media ? "in the export" : "available (read the export zip or folder to include media)"}.`,
        file: chat.file,
        place: m.provenance.at,
        raw: a.fileName,
      });
      continue;
    }
    const digest = await mediaDigest(found.source, ctx, chat.file, m.provenance.at);
    if (!digest) {
      m.attachments[i] = { ...a, path: found.path, ...(type ? { mediaType: type } : {}) };
      continue;
    }
    m.attachments[i] = { ...a, availability: "present", sha256: digest.sha256, bytes: digest.bytes, path: found.path, ...(type ? { mediaType: type } : {}) };
  }
}
