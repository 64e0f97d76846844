import type { Conversation } from "../../src/model/schema.js";

/** Chat `type` → conversation kind and the peer prefix of its id (formats-intl.md §3.2). */
export const CHAT_TYPES: Record<string, { kind: Conversation["kind"]; peer: string; title?: string }> = {
  personal_chat: { kind: "direct", peer: "user" },
  bot_chat: { kind: "direct", peer: "user" },
  saved_messages: { kind: "direct", peer: "user", title: "Saved Messages" },
  replies: { kind: "direct", peer: "user", title: "Replies" },
  verification_codes: { kind: "direct", peer: "user", title: "Verification Codes" },
  private_group: { kind: "group", peer: "chat" },
  private_supergroup: { kind: "group", peer: "channel" },
  public_supergroup: { kind: "group", peer: "channel" },
  private_channel: { kind: "channel", peer: "channel" },
  public_channel: { kind: "channel", peer: "channel" },
};

/**
 * The peer key of a chat id: its kind prefix and bare id. Exports before 2021-04 wrote the internal
 * PeerId (channels 2^33 + id, basic groups 2^32 + id; corpus private-channel-2020-numeric-ids.json has
 * 9882011936 for channel 1292077344); such ids are decoded so both generations give the same id.
 */
export function chatPeer(prefix: string, id: number | string): string {
  const n = typeof id === "number" ? id : /^\d+$/.test(id) ? Number(id) : NaN;
  if (Number.isSafeInteger(n)) {
    if (prefix === "channel" && n >= 2 ** 33 && n < 2 ** 34) return `channel${n - 2 ** 33}`;
    if (prefix === "chat" && n >= 2 ** 32 && n < 2 ** 33) return `chat${n - 2 ** 32}`;
  }
  return `${prefix}${String(id)}`;
}

/** Top-level keys of a whole-account export that are not chats (formats-intl.md §3.1). */
export const ACCOUNT_SECTIONS = new Set(["about", "personal_information", "profile_pictures", "stories", "contacts", "frequent_contacts", "sessions", "web_sessions", "other_data", "chats", "left_chats"]);
