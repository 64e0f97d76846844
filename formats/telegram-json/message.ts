import type { Message, MessageKind, Participant, Provenance, Reaction } from "../../src/model/schema.js";
import type { Timestamp } from "../../src/model/timestamp.js";
import type { Json, JsonObject } from "./json-walk.js";
import { readMedia } from "./media.js";
import { People, readPeer, peerParticipantId } from "./people.js";
import { serviceKind } from "./service.js";
import { readText } from "./text.js";
import { telegramTime, type TimeIssues } from "./timestamps.js";

/** Keys this module turns into model fields (everything else of a message goes to `extra` verbatim). */
const CONSUMED = new Set([
  "id", "type", "date", "date_unixtime", "edited", "edited_unixtime", "from", "from_id", "actor", "actor_id",
  "text", "text_entities", "reply_to_message_id", "reply_to_peer_id", "forwarded_from", "forwarded_from_id",
]);

/** Keys that describe a message without being content of their own. */
const METADATA = new Set([
  "author", "via_bot", "via_business_bot", "saved_from", "saved_from_id", "reactions", "inline_bot_buttons",
  "reply_to_story_id", "reply_to_story_peer_id", "forwarded_from_date", "self_destruct_period_seconds",
  "media_spoiler", "action", "information_text",
]);

/** Content keys with a model kind; order decides when several appear. */
const CONTENT_KINDS: Array<[string, MessageKind]> = [
  ["poll", "poll"], ["location_information", "location"], ["place_name", "location"], ["address", "location"],
  ["live_location_period_seconds", "location"], ["contact_information", "contact"], ["game_title", "link"],
];
/** Position of each content key in {@link CONTENT_KINDS} (the first present one in that order wins). */
const CONTENT_RANK = new Map(CONTENT_KINDS.map(([k], i) => [k, i]));
/** Content keys tdesktop writes that the model has no kind for: kind "unknown", kept in extra, no diagnostic. */
const UNMODELLED = new Set([
  "game_description", "game_link", "invoice_information", "todo_list", "giveaway_information", "giveaway_results",
  "paid_stars_amount",
]);

/** The place of one message in its chat. */
export interface MessageSlot {
  conversationId: string;
  /** The message id (conversation id + `:` + Telegram id, or a positional one). */
  id: string;
  seq: number;
  pointer: string;
  /** The message's provenance (a placeholder for the caller to fill when absent). */
  provenance?: Provenance;
}

/** A converted message and what the caller must emit or report with it. */
export interface Converted {
  message: Message;
  /** Participants to emit before the message (new ones, or ones that gained an alias). */
  participants: Participant[];
  sent: TimeIssues;
  edited: TimeIssues;
  /** Set when `type` is not one tdesktop writes for a readable message. */
  unknownType?: string;
  unknownAction?: string;
  /** Keys that looked like content but are not known to this reader. */
  unknownKeys: string[];
  oddText: Json[];
}

/** The timestamp of a message that has no readable date at all (reported by the caller). */
const NO_TIME: Timestamp = { raw: "", basis: "floating", precision: "day" };

/**
 * Converts one Telegram message object (formats-intl.md §3.3) into a model message. Pure apart from the
 * participant registry; every key not turned into a field is kept verbatim in `extra`.
 */
export function convertMessage(m: JsonObject, slot: MessageSlot, people: People, tz: string | undefined): Converted {
  const participants: Participant[] = [];
  const sentIssues: TimeIssues = {};
  const editIssues: TimeIssues = {};
  const extra: Record<string, unknown> = {};
  const type = typeof m.type === "string" ? m.type : undefined;
  const isService = type === "service";

  const sentAt = telegramTime(m.date, m.date_unixtime, tz, sentIssues) ?? NO_TIME;
  keepUnmatched(extra, "date", m.date, sentAt);
  keepUnmatched(extra, "date_unixtime", m.date_unixtime, sentAt);
  const editedAt = telegramTime(m.edited, m.edited_unixtime, tz, editIssues);
  if (editedAt) {
    keepUnmatched(extra, "edited", m.edited, editedAt);
    keepUnmatched(extra, "edited_unixtime", m.edited_unixtime, editedAt);
  } else {
    if (m.edited !== undefined) extra.edited = m.edited;
    if (m.edited_unixtime !== undefined) extra.edited_unixtime = m.edited_unixtime;
  }

  const who = isService ? people.see(m.actor_id, m.actor) : people.see(m.from_id, m.from);
  if (who.emit) participants.push(who.emit);
  // A service message that also names a `from` (or a message with an `actor`) keeps the other side raw.
  const otherName = isService ? "from" : "actor";
  const otherId = isService ? "from_id" : "actor_id";
  if (m[otherName] !== undefined) extra[otherName] = m[otherName];
  if (m[otherId] !== undefined) extra[otherId] = m[otherId];

  const text = readText(m.text, m.text_entities);
  const media = readMedia(m, slot.id);
  const used = media.consumed.length ? new Set<string>([...CONSUMED, ...media.consumed]) : CONSUMED;

  let kind: MessageKind;
  let unknownType: string | undefined;
  let unknownAction: string | undefined;
  const unknownKeys: string[] = [];
  if (isService) {
    const action = typeof m.action === "string" ? m.action : undefined;
    const sk = serviceKind(action);
    kind = sk.kind;
    if (!sk.known) unknownAction = action;
  } else if (type === "message") {
    // One pass over the keys (most messages have none beyond the consumed ones): the first content key
    // in CONTENT_KINDS order, unmodelled content, and keys no list knows (in key order).
    let rank = CONTENT_KINDS.length;
    let unmodelled = false;
    let strange: string[] | undefined;
    for (const k in m) {
      const r = CONTENT_RANK.get(k);
      if (r !== undefined) {
        if (r < rank) rank = r;
      } else if (used.has(k) || METADATA.has(k)) continue;
      else if (UNMODELLED.has(k)) unmodelled = true;
      else (strange ??= []).push(k);
    }
    kind = media.kind ?? CONTENT_KINDS[rank]?.[1] ?? "text";
    if (kind === "text" || kind === "link") {
      if (kind === "text" && unmodelled) kind = "unknown";
      if (strange && text.text === "" && kind === "text") {
        kind = "unknown";
        for (const k of strange) unknownKeys.push(k);
      }
    }
  } else {
    kind = "unknown";
    unknownType = type ?? "(none)";
    extra.type = m.type ?? null;
  }

  for (const k in m) if (!used.has(k) && extra[k] === undefined) extra[k] = m[k];
  if (text.odd.length) extra.textUnreadable = text.odd;

  const message: Message = {
    id: slot.id,
    conversationId: slot.conversationId,
    seq: slot.seq,
    senderId: who.id,
    sentAt,
    kind,
    text: text.text,
    attachments: media.attachments,
    reactions: readReactions(m.reactions, people, participants),
    status: "normal",
    provenance: slot.provenance ?? { reader: "", readerVersion: "", file: "", at: { pointer: slot.pointer } },
  };
  if (editedAt) message.editedAt = editedAt;
  if (text.parts) message.parts = text.parts;
  const replyTo = readReply(m, slot.conversationId);
  if (replyTo) message.replyTo = replyTo;
  if (m.forwarded_from !== undefined || m.forwarded_from_id !== undefined) {
    const f: NonNullable<Message["forwarded"]> = {};
    if (typeof m.forwarded_from === "string") f.fromName = m.forwarded_from;
    const ref = readPeer(m.forwarded_from_id);
    if (ref) f.fromId = peerParticipantId(ref.peer);
    message.forwarded = f;
    if (m.forwarded_from === null) extra.forwarded_from = null; // hidden or deleted original sender
  }
  if (unknownType !== undefined || kind === "unknown") message.raw = JSON.stringify(m);
  if (Object.keys(extra).length) message.extra = extra;
  const out: Converted = { message, participants, sent: sentIssues, edited: editIssues, unknownKeys, oddText: text.odd };
  if (unknownType !== undefined) out.unknownType = unknownType;
  if (unknownAction !== undefined) out.unknownAction = unknownAction;
  return out;
}

/** Keeps a time field in extra unless the timestamp holds it verbatim (as raw or wall). */
function keepUnmatched(extra: Record<string, unknown>, key: string, v: Json | undefined, ts: Timestamp): void {
  if (v === undefined) return;
  const s = typeof v === "number" ? String(v) : v;
  if (s !== ts.raw && s !== ts.wall) extra[key] = v;
}

function readReply(m: JsonObject, conversationId: string): string | undefined {
  const id = m.reply_to_message_id;
  if (typeof id !== "number" && typeof id !== "string") return undefined;
  const peer = readPeer(m.reply_to_peer_id);
  return `${peer ? peerParticipantId(peer.peer) : conversationId}:${id}`;
}

/** Reactions (`{type, count, emoji | document_id, recent: [{from, from_id, date}]}`, since 2024). */
function readReactions(v: Json | undefined, people: People, emit: Participant[]): Reaction[] {
  if (!Array.isArray(v)) return [];
  const out: Reaction[] = [];
  for (const r of v) {
    if (typeof r !== "object" || r === null || Array.isArray(r)) continue;
    const emoji =
      typeof r.emoji === "string" ? r.emoji
      : r.type === "custom_emoji" ? `custom_emoji:${String(r.document_id ?? "")}`
      : r.type === "paid" ? "paid"
      : String(r.type ?? "");
    const senderIds: string[] = [];
    if (Array.isArray(r.recent))
      for (const who of r.recent) {
        if (typeof who !== "object" || who === null || Array.isArray(who)) continue;
        const p = people.see(who.from_id, who.from);
        if (p.emit) emit.push(p.emit);
        if (p.id !== null && !senderIds.includes(p.id)) senderIds.push(p.id);
      }
    const reaction: Reaction = { emoji, senderIds };
    if (typeof r.count === "number" && Number.isInteger(r.count) && r.count >= 0) reaction.count = r.count;
    out.push(reaction);
  }
  return out;
}
