import type { Message, Provenance } from "../../src/model/schema.js";
import type { Timestamp } from "../../src/model/timestamp.js";

/** Characters JSON.stringify escapes or must check (lone surrogates become `\udXXX`). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A number as JSON.stringify writes it (non-finite numbers become null). */
const num = (n: number): string => (Number.isFinite(n) ? String(n) : "null");

/** A JSON string literal, as JSON.stringify writes it; plain text skips the native call. */
function jsonString(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/**
 * Serialises messages as JSON.stringify would, but with the keys in the schema's order whatever order
 * a reader built them in, and faster: JSON.stringify was 1.65 s of 5.3 s CPU in QQ TXT 1M → json
 * (profile), most of it re-escaping what repeats from message to message. The parts that repeat (the
 * conversation id, a timestamp's offset/zone/basis/precision, a provenance's reader and file) are
 * remembered from the previous message and reused while they stay equal. Values this class does not
 * know field by field (attachments, reactions, parts, forwarded, extra, places other than lines) go
 * through JSON.stringify. One instance per output: the memo is its only state.
 */
export class MessageJson {
  private conversationId: string | undefined;
  private conversationJson = "";
  private zoneKey: [string | undefined, string | undefined, string, string] | undefined;
  private zoneJson = "";
  private provenanceKey: [string, string, string] | undefined;
  private provenanceJson = "";

  /** One message (and its inner messages) as a JSON object text; `lead` is written before its first key (with its comma). */
  message(m: Message, lead = ""): string {
    if (m.conversationId !== this.conversationId) {
      this.conversationId = m.conversationId;
      this.conversationJson = jsonString(m.conversationId);
    }
    let s = `{${lead}"id":${jsonString(m.id)},"conversationId":${this.conversationJson},"seq":${num(m.seq)},"senderId":${m.senderId === null ? "null" : jsonString(m.senderId)},"sentAt":${this.timestamp(m.sentAt)}`;
    if (m.editedAt !== undefined) s += `,"editedAt":${this.timestamp(m.editedAt)}`;
    s += `,"kind":${jsonString(m.kind)},"text":${jsonString(m.text)}`;
    if (m.parts !== undefined) s += `,"parts":${JSON.stringify(m.parts)}`;
    s += `,"attachments":${m.attachments.length ? JSON.stringify(m.attachments) : "[]"}`;
    if (m.replyTo !== undefined) s += `,"replyTo":${jsonString(m.replyTo)}`;
    if (m.forwarded !== undefined) s += `,"forwarded":${JSON.stringify(m.forwarded)}`;
    s += `,"reactions":${m.reactions.length ? JSON.stringify(m.reactions) : "[]"},"status":${jsonString(m.status)},"provenance":${this.provenance(m.provenance)}`;
    if (m.raw !== undefined) s += `,"raw":${jsonString(m.raw)}`;
    if (m.extra !== undefined) s += `,"extra":${JSON.stringify(m.extra)}`;
    if (m.inner !== undefined) s += `,"inner":[${m.inner.map((x) => this.message(x)).join(",")}]`;
    return `${s}}`;
  }

  private timestamp(t: Timestamp): string {
    let s = `{"raw":${jsonString(t.raw)}`;
    if (t.wall !== undefined) s += `,"wall":${jsonString(t.wall)}`;
    if (t.utc !== undefined) s += `,"utc":${jsonString(t.utc)}`;
    const k = this.zoneKey;
    if (k === undefined || t.offset !== k[0] || t.zone !== k[1] || t.basis !== k[2] || t.precision !== k[3]) {
      this.zoneKey = [t.offset, t.zone, t.basis, t.precision];
      this.zoneJson = `${t.offset !== undefined ? `,"offset":${jsonString(t.offset)}` : ""}${t.zone !== undefined ? `,"zone":${jsonString(t.zone)}` : ""},"basis":${jsonString(t.basis)},"precision":${jsonString(t.precision)}}`;
    }
    return s + this.zoneJson;
  }

  private provenance(p: Provenance): string {
    const k = this.provenanceKey;
    if (k === undefined || p.reader !== k[0] || p.readerVersion !== k[1] || p.file !== k[2]) {
      this.provenanceKey = [p.reader, p.readerVersion, p.file];
      this.provenanceJson = `{"reader":${jsonString(p.reader)},"readerVersion":${jsonString(p.readerVersion)},"file":${jsonString(p.file)},"at":`;
    }
    const at = p.at as { line?: number; endLine?: number };
    // Line places, the common kind, are written directly (a Place union member has no other keys).
    const place = typeof at.line === "number" ? `{"line":${num(at.line)}${at.endLine !== undefined ? `,"endLine":${num(at.endLine)}` : ""}}` : JSON.stringify(at);
    return `${this.provenanceJson}${place}}`;
  }
}
