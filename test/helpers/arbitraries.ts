/**
 * fast-check arbitraries for valid chatport Archives: hostile text (CJK, emoji sequences, RTL marks,
 * control characters, lone surrogates), every message kind, status and place shape, and timestamps of
 * every basis and precision. Archives are consistent the way readAll builds them (unique ids, seq
 * increasing, every sender in its conversation's participantIds).
 */
import fc from "fast-check";
import { DIAGNOSTIC_CODES } from "../../src/diagnostics/codes.js";
import { severityOf, type DiagnosticCode } from "../../src/diagnostics/codes.js";
import type { Archive, Attachment, Conversation, Diagnostic, Message, Participant, Place } from "../../src/model/index.js";
import { MessageKind, type Timestamp } from "../../src/model/index.js";

const PIECES = [
  "微信", "消息管理器", "日本語", "한국어", "😀", "👨‍👩‍👧‍👦", "🏳️‍🌈", "\u200f", "\u200e", "שלום", "مرحبا", "\u202e", "\u0000", "\u0001",
  "\u001f", "\u007f", "\r\n", "\r", "\n", "\t", "\u2028", "\u2029", "\ufeff", "\ufffd", "\\", "\"", "'", "=1+1", "<script>", "]]>", "</style>", "</title>", "<!--", "-->", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "&amp;", "\"'><svg onload=alert(1)>", "\ud800", "\udfff", "a\udc00b",
];

/** Text: any Unicode, hostile pieces, and lone surrogates (JSON escapes them as \udXXX and reads them back). */
export const text = fc.array(
  fc.oneof(
    fc.string({ unit: "binary", maxLength: 8 }),
    fc.constantFrom(...PIECES),
    fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 3 }),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  ),
  { maxLength: 6 },
).map((a) => a.join(""));

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const PRECISIONS = ["day", "minute", "second", "millisecond", "microsecond", "nanosecond"] as const;
const FRACTION = { millisecond: 3, microsecond: 6, nanosecond: 9 } as Record<string, number>;

/** A timestamp of any basis and precision whose fields match the schema's patterns. */
export const timestamp: fc.Arbitrary<Timestamp> = fc
  .record({
    y: fc.integer({ min: 1, max: 9999 }), mo: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }),
    h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }), s: fc.integer({ min: 0, max: 59 }),
    frac: fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 9, maxLength: 9 }),
    offMin: fc.integer({ min: -14 * 60, max: 14 * 60 }),
    basis: fc.constantFrom("exact", "source-offset", "assumed-zone", "floating" as const),
    precision: fc.constantFrom(...PRECISIONS),
    raw: fc.oneof(text, fc.constant("")),
    zone: fc.constantFrom("Asia/Shanghai", "Europe/Berlin", "America/St_Johns", "Pacific/Chatham"),
    hasWall: fc.boolean(),
  })
  .map((r) => {
    const date = `${pad(r.y, 4)}-${pad(r.mo)}-${pad(r.d)}`;
    let clock = "";
    if (r.precision !== "day") clock = `T${pad(r.h)}:${pad(r.mi)}`;
    if (r.precision !== "day" && r.precision !== "minute") clock += `:${pad(r.s)}`;
    const f = FRACTION[r.precision];
    if (f) clock += "." + r.frac.slice(0, f);
    const wall = date + clock;
    const sign = r.offMin < 0 ? "-" : "+";
    const offset = `${sign}${pad(Math.floor(Math.abs(r.offMin) / 60))}:${pad(Math.abs(r.offMin) % 60)}`;
    const ts: Timestamp = { raw: r.raw, basis: r.basis, precision: r.precision };
    if (r.basis === "floating") {
      ts.wall = wall;
      return ts;
    }
    if (r.hasWall || r.basis !== "exact") {
      ts.wall = wall;
      ts.offset = offset;
    }
    if (r.precision !== "day") ts.utc = wall + "Z";
    else ts.utc = wall + "T00:00Z";
    if (r.basis === "assumed-zone" || r.hasWall) ts.zone = r.zone;
    return ts;
  });

const place: fc.Arbitrary<Place> = fc.oneof(
  fc.record({ line: fc.integer({ min: 1, max: 1e6 }) }),
  fc.record({ line: fc.integer({ min: 1, max: 1e6 }), endLine: fc.integer({ min: 1, max: 1e6 }) }),
  fc.record({ table: text, rowid: fc.oneof(fc.integer(), fc.string()) }),
  fc.record({ pointer: text }),
  fc.record({ entry: text }),
  fc.record({ entry: text, inner: fc.record({ line: fc.integer({ min: 1, max: 1e6 }) }) }),
);

/** JSON-safe extra payloads (fast-check's jsonValue round-trips through JSON.stringify/parse). */
const extra = fc.option(fc.dictionary(fc.oneof(fc.string(), fc.constantFrom("__proto__", "constructor", "toString")), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }), { nil: undefined });

const attachment = (i: number): fc.Arbitrary<Attachment> =>
  fc.record(
    {
      id: fc.constant(`att${i}`),
      kind: fc.constantFrom("image", "video", "voice", "audio", "sticker", "file", "other" as const),
      fileName: text,
      mediaType: fc.constantFrom("image/jpeg", "application/octet-stream"),
      bytes: fc.nat(),
      sha256: fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 64, maxLength: 64 }),
      path: text,
      availability: fc.constantFrom("present", "missing", "omitted" as const),
      extra,
    },
    { requiredKeys: ["id", "kind", "availability"] },
  );

/** A message body without ids (filled in by the archive builder). */
const messageBody = (depth: number): fc.Arbitrary<Omit<Message, "id" | "conversationId" | "seq" | "senderId">> =>
  fc.record(
    {
      sentAt: timestamp,
      editedAt: timestamp,
      kind: fc.constantFrom(...MessageKind.options),
      text,
      parts: fc.array(fc.record({ type: fc.constantFrom("text", "mention", "link", "face"), text, href: text, userId: text }, { requiredKeys: ["type", "text"] }), { maxLength: 2 }),
      attachments: fc.tuple(fc.option(attachment(0), { nil: undefined }), fc.option(attachment(1), { nil: undefined })).map((a) => a.filter((x): x is Attachment => x !== undefined)),
      replyTo: text,
      forwarded: fc.record({ fromName: text, fromId: text, originalSentAt: timestamp }, { requiredKeys: [] }),
      reactions: fc.array(fc.record({ emoji: text, senderIds: fc.array(text, { maxLength: 2 }), count: fc.nat() }, { requiredKeys: ["emoji", "senderIds"] }), { maxLength: 2 }),
      status: fc.constantFrom("normal", "recalled", "deleted" as const),
      provenance: fc.record({ reader: fc.constantFrom("qq-txt", "telegram-json", "wechat-pc3"), readerVersion: fc.constant("1.0.0"), file: text, at: place }),
      raw: text,
      extra,
      inner: depth > 0 ? fc.array(messageBody(depth - 1), { maxLength: 2 }) : fc.constant([]),
    },
    { requiredKeys: ["sentAt", "kind", "text", "attachments", "reactions", "status", "provenance"] },
  ) as unknown as fc.Arbitrary<Omit<Message, "id" | "conversationId" | "seq" | "senderId">>;

const participantBody = fc.record(
  {
    displayName: text,
    aliases: fc.array(text, { maxLength: 2 }),
    handles: fc.array(fc.record({ kind: fc.constantFrom("qq", "wxid", "phone", "telegram-id", "other" as const), value: text }), { maxLength: 2 }),
    isSelf: fc.boolean(),
    isSystem: fc.boolean(),
    extra,
  },
  { requiredKeys: ["displayName", "aliases", "handles"] },
);

const DIAG_CODES = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];

/** Gives nested messages ids of their own (they are not checked for uniqueness, but keep them tidy). */
function fillInner(body: Omit<Message, "id" | "conversationId" | "seq" | "senderId">, id: string, convId: string, senderId: string | null): Message {
  const { inner, ...rest } = body as Message;
  const m: Message = { ...rest, id, conversationId: convId, seq: 0, senderId } as Message;
  if (inner && inner.length) m.inner = inner.map((b, k) => fillInner(b, `${id}/${k}`, convId, null));
  else delete m.inner;
  return m;
}

/** A whole valid archive. */
export const archive: fc.Arbitrary<Archive> = fc
  .record({
    participants: fc.array(participantBody, { maxLength: 4 }),
    conversations: fc.array(
      fc.record({
        platform: fc.constantFrom("qq", "wechat", "telegram", "whatsapp"),
        kind: fc.constantFrom("direct", "group", "channel", "unknown" as const),
        title: text,
        source: text,
        extra,
        messages: fc.array(fc.tuple(messageBody(2), fc.nat(), fc.nat({ max: 5 })), { maxLength: 6 }),
      }),
      { maxLength: 3 },
    ),
    diagnostics: fc.array(fc.record({ code: fc.constantFrom(...DIAG_CODES), message: text, file: text, place, raw: fc.string({ maxLength: 40 }) }, { requiredKeys: ["code", "message"] }), { maxLength: 3 }),
  })
  .map((r) => {
    const participants: Participant[] = r.participants.map((p, i) => ({ id: `p${i}`, ...p }) as Participant);
    let n = 0;
    const conversations = r.conversations.map((c, ci) => {
      const id = `c${ci}`;
      const senders: string[] = [];
      const messages = c.messages.map(([body, who, gap], mi) => {
        const senderId = participants.length && who % 4 !== 0 ? participants[who % participants.length]!.id : null;
        if (senderId && !senders.includes(senderId)) senders.push(senderId);
        const m = fillInner(body, `m${n++}`, id, senderId);
        m.seq = mi * 6 + gap;
        return m;
      });
      const conv: Conversation & { messages: Message[] } = { id, platform: c.platform, kind: c.kind, title: c.title, participantIds: senders, source: c.source, messages };
      if (c.extra) conv.extra = c.extra;
      return conv;
    });
    const diagnostics: Diagnostic[] = r.diagnostics.map((d) => ({ ...d, severity: severityOf(d.code), origin: "qq-txt" }) as Diagnostic);
    return {
      schemaVersion: "1.0.0",
      generator: { name: "chatport" as const, version: "0.1.0" },
      sources: [{ path: "input.txt", bytes: 1, sha256: "0".repeat(64), reader: "qq-txt", readerVersion: "1.0.0" }],
      participants,
      conversations,
      diagnostics,
    };
  });
