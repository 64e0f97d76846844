import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
import { writePieces, type OutputSink } from "../../src/io/sink.js";
import { stringSlices } from "../../src/io/string-slices.js";
import { StoredZipWriter } from "../../src/io/zip-writer.js";
import { sourceCountOf, sourcesOf } from "../../src/plugin/archive-sources.js";
import type { ArchiveInfo, WriteContext } from "../../src/plugin/types.js";
import { addressField, Base64Lines, CRLF, headerField, rfc5322Date, wordsField } from "./eml.js";
import { conversationEntry, manifestPieces, participantEntry, RSMF_VERSION, type RsmfParticipant } from "./manifest.js";
import type { Slice } from "./slice.js";

/** Facts shared by every slice of one export. */
export interface SliceFacts {
  info: ArchiveInfo;
  collectionId: string;
  ctx: WriteContext;
  /** True when another slice follows this one. */
  more: boolean;
  /** Set when reading stopped early: why. */
  incomplete?: string;
}

/**
 * Writes one slice as an `.rsmf` file: RFC 5322 headers with the `X-RSMF-*` fields, a text/plain part
 * (what Relativity indexes as Extracted Text), and exactly one base64 attachment `rsmf.zip` holding
 * `rsmf_manifest.json` and the attachment files it names. The zip is streamed through base64 into the
 * sink; attachment files are read a second time, never held whole. The MIME boundary is derived from
 * the content's hash, so the same input gives the same bytes.
 */
export async function writeSlice(sink: OutputSink, slice: Slice, facts: SliceFacts): Promise<void> {
  const { ctx, info } = facts;
  const custodians = new Set<string>();
  const conversations = [...slice.conversations.values()].map((sc) => {
    const ids = [...sc.conversation.participantIds];
    for (const s of sc.senders) if (!ids.includes(s)) ids.push(s);
    const self = ids.find((id) => ctx.participant(id)?.isSelf);
    if (self !== undefined) custodians.add(self);
    return conversationEntry(sc.conversation, ids, self);
  });
  const ids = new Set<string>();
  for (const c of conversations) for (const p of c.participants) ids.add(p);
  for (const p of slice.participantRefs) ids.add(p);
  const participants = [...ids].map((id) => participantEntry(id, ctx.participant(id), slice.fallbackNames.get(id)));
  // The manifest and the text part are never joined into one string: each is a sequence of pieces,
  // encoded in ~64 KiB batches twice (once here for size, CRC-32 and the boundary's hash, once while
  // writing). Joined, a 10,000-event slice took ~7 MB of text, as much again encoded, a copy for the
  // hash and ~10 MB of base64: peak RSS 185–191 MiB at 250k–1M QQ messages.
  const manifest = () => manifestPieces(facts.collectionId, participants, conversations, slice.events);
  const text = () => bodyPieces(slice, facts, participants);
  const hash = createHash("sha256");
  const measure = (pieces: Iterable<string>) => {
    let bytes = 0;
    let crc = 0;
    for (const b of encodedBatches(pieces)) {
      hash.update(b);
      crc = crc32(b, crc);
      bytes += b.byteLength;
    }
    return { bytes, crc };
  };
  const manifestFacts = measure(manifest());
  measure(text());
  hash.update(Buffer.from(slice.files.map((f) => `${f.name}:${f.bytes}:${f.crc32}`).join("\n")));
  const boundary = `=_chatport_${hash.digest("hex").slice(0, 40)}`;

  const byId = new Map(participants.map((p) => [p.id, p]));
  const person = (p: RsmfParticipant) => ({ name: p.display, ...(p.email ? { address: p.email } : {}) });
  const platforms = [...new Set(conversations.map((c) => c.platform))];
  const titles = [...new Set(conversations.map((c) => c.display))];
  const subject = (titles.length === 1 ? titles[0]! : `${titles.length} conversations`) + (slice.number > 1 || facts.more ? ` (part ${slice.number})` : "");
  let head = "";
  const custodian = custodians.size === 1 ? byId.get([...custodians][0]!) : undefined;
  if (custodian) head += addressField("From", [person(custodian)]);
  if (participants.length) head += addressField("To", participants.map(person));
  head += headerField("Subject", subject);
  if (slice.begin) head += headerField("Date", rfc5322Date(slice.begin.text));
  head += "MIME-Version: 1.0" + CRLF;
  head += `Content-Type: multipart/mixed;${CRLF} boundary="${boundary}"${CRLF}`;
  head += headerField("X-RSMF-Version", RSMF_VERSION);
  head += headerField("X-RSMF-Generator", `${info.generator.name} ${info.generator.version}`);
  head += headerField("X-RSMF-Application", platforms.join(", ") || "unknown");
  if (custodian) head += headerField("X-RSMF-Custodian", custodian.display);
  head += headerField("X-RSMF-Participants", participants.map((p) => p.display).join("; "));
  if (slice.begin && slice.end) head += headerField("X-RSMF-BeginDate", slice.begin.text) + headerField("X-RSMF-EndDate", slice.end.text);
  head += headerField("X-RSMF-EventCount", String(slice.events.length));
  head += headerField("X-RSMF-AttachmentCount", String(slice.attachmentCount));
  head += headerField("X-RSMF-EventCollectionID", facts.collectionId);
  head += headerField("X-RSMF-SliceNumber", String(slice.number));
  head += headerField("X-RSMF-GeneratedAt", info.generatedAt);
  await sink.write(head);
  // A digest a piece: a folder input has one per file.
  if (sourceCountOf(info) > 0) await writePieces(sink, wordsField("X-RSMF-SourceSHA256", sourceDigests(info)));
  head = "";
  if (facts.incomplete) head += headerField("X-RSMF-Incomplete", facts.incomplete);
  head += CRLF;
  head += `--${boundary}${CRLF}Content-Type: text/plain; charset="utf-8"${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}`;
  await sink.write(head);
  const textLines = new Base64Lines();
  for (const b of encodedBatches(text())) {
    const lines = textLines.push(b);
    if (lines) await sink.write(lines);
  }
  head = textLines.end();
  head += `--${boundary}${CRLF}Content-Type: application/zip; name="rsmf.zip"${CRLF}Content-Transfer-Encoding: base64${CRLF}Content-Disposition: attachment; filename="rsmf.zip"${CRLF}${CRLF}`;
  await sink.write(head);

  const b64 = new Base64Lines();
  const zip = new StoredZipWriter(async (chunk) => {
    const lines = b64.push(chunk);
    if (lines) await sink.write(lines);
  });
  await zip.addStream("rsmf_manifest.json", manifestFacts.bytes, manifestFacts.crc, asyncOf(encodedBatches(manifest())));
  for (const f of slice.files) await zip.addStream(f.name, f.bytes, f.crc32, f.source.stream());
  await zip.finish();
  await sink.write(b64.end() + `--${boundary}--${CRLF}`);
}

/** The text/plain part, in pieces: what the file is, its participants, then each conversation's events in source order. */
function* bodyPieces(slice: Slice, facts: SliceFacts, participants: RsmfParticipant[]): Generator<string> {
  const { info } = facts;
  const lines = [
    `Chat export, RSMF ${RSMF_VERSION} file ${slice.number}${facts.more ? " (continued in the next file of this event collection)" : ""}.`,
    `Written by ${info.generator.name} ${info.generator.version} at ${info.generatedAt}; event collection ${facts.collectionId}.`,
    `Events: ${slice.events.length}${slice.begin && slice.end ? `, from ${slice.begin.text} to ${slice.end.text}` : ""}. Attachments in rsmf.zip: ${slice.attachmentCount}.`,
    `Times are shown as wall clock with offset and zone when known; RSMF timestamps are UTC.`,
  ];
  if (facts.incomplete) lines.push(`INCOMPLETE: ${facts.incomplete}`);
  lines.push("", "Participants:");
  for (const p of participants) lines.push(`    ${p.display} (${p.id})`);
  yield lines.join("\n") + "\n";
  yield* slice.texts;
}

/** Batch size of {@link encodedBatches}, in UTF-16 code units. */
const BATCH = 1 << 16;

/**
 * UTF-8 bytes of the pieces, joined into batches of about {@link BATCH} code units. Pieces are whole
 * strings (a JSON value, a text line), so a batch never splits a surrogate pair and the bytes are
 * those of the joined text. A piece longer than a batch (one message of many MB) is encoded a slice
 * at a time: whole, it was one more buffer of its size, and its base64 one more string and a
 * million-line rope (RSMF of a 60 MB line peaked at 738 MB).
 */
export function* encodedBatches(pieces: Iterable<string>): Generator<Buffer> {
  let batch: string[] = [];
  let size = 0;
  for (const p of pieces) {
    if (p.length > BATCH) {
      if (size) yield Buffer.from(batch.join(""), "utf8");
      batch = [];
      size = 0;
      for (const slice of stringSlices(p, BATCH)) yield Buffer.from(slice, "utf8");
      continue;
    }
    batch.push(p);
    size += p.length;
    if (size >= BATCH) {
      yield Buffer.from(batch.join(""), "utf8");
      batch = [];
      size = 0;
    }
  }
  if (size) yield Buffer.from(batch.join(""), "utf8");
}

async function* asyncOf<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

/** The SHA-256 of every input file, in order, one at a time. */
export function* sourceDigests(info: ArchiveInfo): Generator<string> {
  for (const s of sourcesOf(info)) yield s.sha256;
}
