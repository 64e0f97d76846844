import type { Conversation, Participant } from "../../src/model/index.js";
import type { RsmfCustom } from "./events.js";

/** The RSMF version written into every manifest and `X-RSMF-Version` header. */
export const RSMF_VERSION = "2.0.0";

/** An RSMF 2.0 participant (schema `#/properties/participants/items`). */
export interface RsmfParticipant {
  id: string;
  display: string;
  email?: string;
  account_id?: string;
  custom?: RsmfCustom[];
}

/** An RSMF 2.0 conversation (schema `#/properties/conversations/items`). */
export interface RsmfConversation {
  id: string;
  display: string;
  platform: string;
  type?: "direct" | "channel";
  participants: string[];
  custodian?: string;
  custom?: RsmfCustom[];
}

// Conservative: the schema says idn-email; anything doubtful stays a handle in custom[].
const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;

/**
 * A participant entry: `id` = chatport participant id (stable), `display` = display name (else a handle,
 * else the id), `email` = an e-mail handle, `account_id` = the first other handle (QQ number, wxid,
 * phone …); aliases, every handle and the self/system flags in custom[].
 */
export function participantEntry(id: string, p: Participant | undefined, fallbackName: string | undefined): RsmfParticipant {
  const handles = p?.handles ?? [];
  const display = p?.displayName || fallbackName || handles[0]?.value || id;
  const e: RsmfParticipant = { id, display };
  const email = handles.find((h) => h.kind === "email" && EMAIL.test(h.value))?.value;
  if (email) e.email = email;
  const account = handles.find((h) => h.kind !== "email" && h.value !== "")?.value;
  if (account) e.account_id = account;
  const custom: RsmfCustom[] = [];
  for (const h of handles) if (h.value !== "") custom.push({ name: `handle_${h.kind}`, value: h.value });
  const aliases = (p?.aliases ?? []).filter((a) => a !== "" && a !== display);
  if (aliases.length) custom.push({ name: "aliases", value: aliases.join("; ") });
  if (p?.isSelf) custom.push({ name: "is_self", value: "true" });
  if (p?.isSystem) custom.push({ name: "is_system", value: "true" });
  if (!p) custom.push({ name: "note", value: "no participant record in the source; named from its messages" });
  if (custom.length) e.custom = custom;
  return e;
}

/**
 * A conversation entry: group and channel chats are RSMF `channel` (members may change), 1:1 chats
 * `direct`; `unknown` leaves `type` out. `custodian` = the archive owner (isSelf) when they take part.
 */
export function conversationEntry(c: Conversation, participants: string[], custodian: string | undefined): RsmfConversation {
  const e: RsmfConversation = { id: c.id, display: c.title || c.id, platform: c.platform || "unknown", participants };
  if (c.kind === "direct") e.type = "direct";
  else if (c.kind === "group" || c.kind === "channel") e.type = "channel";
  if (custodian !== undefined) e.custodian = custodian;
  const custom: RsmfCustom[] = [{ name: "chatport_kind", value: c.kind }];
  if (c.source) custom.push({ name: "source", value: c.source });
  e.custom = custom;
  return e;
}

/**
 * The manifest JSON text: top-level keys, then one participant, conversation or event per line, so a
 * slice is assembled from already-serialised events without building one big object.
 */
export function manifestJson(collectionId: string, participants: RsmfParticipant[], conversations: RsmfConversation[], events: string[]): string {
  return [...manifestPieces(collectionId, participants, conversations, events)].join("");
}

/**
 * The manifest JSON text of {@link manifestJson} as a sequence of pieces (never joined), so a slice's
 * manifest (10,000 events, ~7 MB) is hashed and zipped piece by piece instead of as one string plus its
 * encoded copy.
 */
export function* manifestPieces(collectionId: string, participants: RsmfParticipant[], conversations: RsmfConversation[], events: Iterable<string>): Generator<string> {
  function* list(items: Iterable<string>): Generator<string> {
    let first = true;
    for (const item of items) {
      yield first ? "\n" : ",\n";
      yield item;
      first = false;
    }
    if (!first) yield "\n";
  }
  yield `{"version":${JSON.stringify(RSMF_VERSION)},"eventcollectionid":${JSON.stringify(collectionId)},\n"participants":[`;
  yield* list(participants.map((p) => JSON.stringify(p)));
  yield `],\n"conversations":[`;
  yield* list(conversations.map((c) => JSON.stringify(c)));
  yield `],\n"events":[`;
  yield* list(events);
  yield `]}\n`;
}
