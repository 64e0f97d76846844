import { shortHash } from "../io/hash.js";
import type { Conversation } from "../model/schema.js";

/**
 * The one conversation of an export that holds a single chat and names nobody by id (signal-md's
 * `chat.md`, a QQ chat-window copy): id from the reader's prefix, the file and the title; kind
 * `unknown` until its senders are counted at the end.
 */
export function fileConversation(idPrefix: string, platform: string, file: string, title: string): Conversation {
  return { id: `${idPrefix}:${shortHash(file, title)}`, platform, kind: "unknown", title, participantIds: [], source: file };
}
