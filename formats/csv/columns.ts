import { placeText, type Conversation, type Message, type Participant } from "../../src/model/index.js";

/** One CSV column: its header, how to get the value, and whether the value comes from the source. */
export interface Column {
  name: string;
  /** Source-derived values are neutralised against formula injection; our own formats are not. */
  fromSource: boolean;
  get(m: Message, c: Conversation, sender: Participant | undefined): string;
}

/** The documented, stable column list (README "CSV columns"). */
export const COLUMNS: Column[] = [
  { name: "conversation_id", fromSource: true, get: (_m, c) => c.id },
  { name: "conversation_title", fromSource: true, get: (_m, c) => c.title },
  { name: "message_id", fromSource: true, get: (m) => m.id },
  { name: "seq", fromSource: false, get: (m) => String(m.seq) },
  { name: "time_utc", fromSource: false, get: (m) => m.sentAt.utc ?? "" },
  { name: "time_wall", fromSource: false, get: (m) => m.sentAt.wall ?? "" },
  { name: "time_offset", fromSource: false, get: (m) => m.sentAt.offset ?? "" },
  { name: "time_zone", fromSource: false, get: (m) => m.sentAt.zone ?? "" },
  { name: "time_basis", fromSource: false, get: (m) => m.sentAt.basis },
  { name: "time_precision", fromSource: false, get: (m) => m.sentAt.precision },
  { name: "time_raw", fromSource: true, get: (m) => m.sentAt.raw },
  { name: "sender_id", fromSource: true, get: (m) => m.senderId ?? "" },
  { name: "sender_name", fromSource: true, get: (m, _c, p) => (m.extra?.senderName as string | undefined) ?? p?.displayName ?? "" },
  { name: "kind", fromSource: false, get: (m) => m.kind },
  { name: "status", fromSource: false, get: (m) => m.status },
  { name: "text", fromSource: true, get: (m) => m.text },
  { name: "reply_to", fromSource: true, get: (m) => m.replyTo ?? "" },
  { name: "edited_utc", fromSource: false, get: (m) => m.editedAt?.utc ?? m.editedAt?.wall ?? "" },
  { name: "attachments", fromSource: true, get: (m) => (m.attachments.length ? m.attachments.map((a) => `${a.kind}:${a.availability}${a.fileName ? ":" + a.fileName : ""}`).join("; ") : "") },
  { name: "attachment_sha256", fromSource: false, get: (m) => (m.attachments.length ? m.attachments.map((a) => a.sha256 ?? "").filter(Boolean).join("; ") : "") },
  { name: "source_file", fromSource: true, get: (m) => m.provenance.file },
  { name: "source_place", fromSource: true, get: (m) => placeText(m.provenance.at) },
];

/** The `source_place` text of a provenance place: the model's {@link placeText}. */
export { placeText };
