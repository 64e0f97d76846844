import { displayTimestamp, placeText, type Message, type Timestamp } from "../../src/model/index.js";
import { rsmfInstant } from "./time.js";

/** A name/value pair of an RSMF `custom[]` array; the schema wants both non-empty. */
export interface RsmfCustom {
  name: string;
  value: string;
}

/** An RSMF 2.0 event attachment: `id` is the file name inside rsmf.zip. */
export interface RsmfAttachment {
  id: string;
  display: string;
  size: number;
}

/** An RSMF 2.0 event (schema `#/properties/events/items`). Keys are written in this order. */
export interface RsmfEvent {
  id: string;
  type: "message" | "disclaimer" | "join" | "leave" | "history" | "unknown";
  conversation: string;
  participant?: string;
  timestamp?: string;
  body: string;
  deleted?: boolean;
  direction?: "incoming" | "outgoing";
  attachments?: RsmfAttachment[];
  reactions?: { value: string; count: number; participants: string[] }[];
  edits?: { participant: string; timestamp?: string }[];
  custom?: RsmfCustom[];
}

/** What the writer learnt about a message's attachments before mapping it. */
export interface AttachmentOutcome {
  entries: RsmfAttachment[];
  /** Extra custom fields: SHA-256 of the zipped files, the attachments that are not in the zip. */
  custom: RsmfCustom[];
}

/**
 * Maps one message to an RSMF event (audit-outputs.md §5.4). Event `id` = message id; `participant` =
 * sender; `conversation` = the message's conversation; `timestamp` = UTC with Z. What RSMF has no field
 * for goes to `custom[]`: the chatport kind and status, the raw time with its wall clock, zone and
 * basis, the reply target (a quote is not a thread, so it is not `parent`), forwarding, provenance.
 */
export function messageToEvent(m: Message, attachments: AttachmentOutcome, custodian: string | undefined): RsmfEvent {
  const ev: RsmfEvent = { id: m.id, type: eventType(m), conversation: m.conversationId, body: bodyOf(m) };
  if (m.senderId !== null) ev.participant = m.senderId;
  const ts = rsmfInstant(m.sentAt);
  if (ts !== undefined) ev.timestamp = ts;
  if (m.status !== "normal") ev.deleted = true;
  if (custodian !== undefined && m.senderId !== null) ev.direction = m.senderId === custodian ? "outgoing" : "incoming";
  if (attachments.entries.length) ev.attachments = attachments.entries;
  const reactions = m.reactions
    .filter((r) => r.emoji !== "")
    .map((r) => ({ value: r.emoji, count: r.count ?? Math.max(r.senderIds.length, 1), participants: [...r.senderIds] }));
  if (reactions.length) ev.reactions = reactions;
  if (m.editedAt && m.senderId !== null) {
    const et = rsmfInstant(m.editedAt);
    ev.edits = [{ participant: m.senderId, ...(et !== undefined ? { timestamp: et } : {}) }];
  }
  const custom: RsmfCustom[] = [];
  const add = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== "") custom.push({ name, value });
  };
  add("chatport_kind", m.kind);
  add("chatport_seq", String(m.seq));
  if (m.status !== "normal") add("status", m.status);
  add("time_raw", m.sentAt.raw);
  add("local_time", localTime(m.sentAt));
  add("time_basis", m.sentAt.basis);
  add("time_precision", m.sentAt.precision);
  if (m.editedAt) add("edited_at", m.editedAt.utc ?? m.editedAt.raw);
  add("reply_to", m.replyTo);
  const senderName = m.extra?.senderName;
  if (typeof senderName === "string") add("sender_name", senderName);
  if (m.forwarded) add("forwarded_from", [m.forwarded.fromName, m.forwarded.fromId && `(${m.forwarded.fromId})`].filter(Boolean).join(" ") || "unknown");
  if (m.inner?.length) add("forwarded_messages", String(m.inner.length));
  for (const c of attachments.custom) add(c.name, c.value);
  add("source", `${m.provenance.file} ${placeText(m.provenance.at)}`);
  ev.custom = custom;
  return ev;
}

/** RSMF event type: chat messages are `message`; system notices `join`/`leave` when a reader says so, else `unknown`. */
function eventType(m: Message): RsmfEvent["type"] {
  if (m.kind !== "system") return "message";
  const hint = m.extra?.systemEvent;
  return hint === "join" || hint === "leave" ? hint : "unknown";
}

/** The event body: the message text, with a forwarded bundle's messages flattened below it. */
function bodyOf(m: Message): string {
  if (!m.inner?.length) return m.text;
  const lines = m.inner.map((i) => {
    const who = (i.extra?.senderName as string | undefined) ?? i.forwarded?.fromName ?? i.senderId ?? "(unknown sender)";
    return `${displayTimestamp(i.sentAt)} ${who}: ${i.text || `[${i.kind}]`}`;
  });
  return [m.text, ...lines].filter((l) => l !== "").join("\n");
}

/** "2017-01-01T08:36:52+08:00 Asia/Shanghai": the wall clock with its offset and zone, when known. */
function localTime(ts: Timestamp): string | undefined {
  if (ts.wall === undefined) return undefined;
  return `${ts.wall}${ts.offset ?? ""}${ts.zone ? " " + ts.zone : ""}`;
}

/** A place in words ("line 12", "MSG rowid 4"): the model's {@link placeText}. */
export { placeText };

/** The event's lines in the EML's text/plain part (Relativity's Extracted Text): time, sender, text. */
export function eventText(m: Message, senderName: string, attachments: AttachmentOutcome): string {
  const head = `${displayTimestamp(m.sentAt)}  ${senderName}${m.senderId !== null ? ` (${m.senderId})` : ""}${m.status !== "normal" ? ` [${m.status}]` : ""}:`;
  const body = bodyOf(m);
  const lines = body === "" ? [] : body.split(/\r\n|\r|\n/);
  for (const a of attachments.entries) lines.push(`[attachment ${a.display}, ${a.size} bytes, file ${a.id}]`);
  for (const c of attachments.custom) if (c.name === "attachment_unavailable") lines.push(`[not in this file: ${c.value}]`);
  return [head, ...lines.map((l) => "    " + l)].join("\n") + "\n";
}
