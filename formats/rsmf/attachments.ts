import type { InputSource } from "../../src/io/source.js";
import { measureSource } from "../../src/io/zip-writer.js";
import type { Attachment, Message } from "../../src/model/index.js";
import type { WriteContext } from "../../src/plugin/types.js";
import type { AttachmentOutcome, RsmfCustom } from "./events.js";

/** A file to copy into rsmf.zip, measured in a first pass (size, CRC-32) and streamed in a second. */
export interface ZipFile {
  name: string;
  source: InputSource;
  bytes: number;
  crc32: number;
}

/**
 * Resolves a message's attachments (and those of a forwarded bundle's messages) for one slice:
 * `present` ones whose file opens go into the zip as `<eventId>_<original name>` (ASCII-safe, unique
 * in the slice; audit-outputs.md §5.4) with `display` = the original name, their SHA-256 in custom
 * `attachment_sha256`; the rest are listed in custom `attachment_unavailable` with the reason. A file
 * whose size or SHA-256 differs from what the reader recorded is reported (`attachment-changed`).
 */
export async function prepareAttachments(m: Message, ctx: WriteContext, used: Set<string>): Promise<{ outcome: AttachmentOutcome; files: ZipFile[] }> {
  const outcome: AttachmentOutcome = { entries: [], custom: [] };
  const files: ZipFile[] = [];
  const hashes: string[] = [];
  const unavailable: string[] = [];
  for (const a of allAttachments(m)) {
    const named = a.fileName ?? lastSegment(a.path);
    const original = named ?? a.id;
    const label = named ? `${a.kind} ${named}` : a.kind;
    if (a.availability !== "present") {
      unavailable.push(`${label} (${a.availability})`);
      continue;
    }
    const source = await ctx.openAttachment?.(a);
    if (!source) {
      unavailable.push(`${label} (file not found${a.path ? ` at ${a.path}` : ""})`);
      ctx.report("attachment-missing", { message: `The file of attachment ${original} of message ${m.id} was not found${a.path ? ` at ${a.path}` : ""}; it is listed as unavailable in the RSMF event.`, file: m.provenance.file, place: m.provenance.at });
      continue;
    }
    const measured = await measureSource(source);
    if ((a.sha256 !== undefined && a.sha256 !== measured.sha256) || (a.bytes !== undefined && a.bytes !== measured.bytes))
      ctx.report("attachment-changed", { message: `The file of attachment ${original} of message ${m.id} has ${measured.bytes} bytes and SHA-256 ${measured.sha256}, not what the reader recorded; the file as found now is in the RSMF.`, file: m.provenance.file, place: m.provenance.at });
    const name = uniqueName(zipName(m.id, original), used);
    files.push({ name, source, bytes: measured.bytes, crc32: measured.crc32 });
    outcome.entries.push({ id: name, display: original, size: measured.bytes });
    hashes.push(`${name} ${measured.sha256}`);
  }
  const custom: RsmfCustom[] = [];
  if (hashes.length) custom.push({ name: "attachment_sha256", value: hashes.join("; ") });
  if (unavailable.length) custom.push({ name: "attachment_unavailable", value: unavailable.join("; ") });
  outcome.custom = custom;
  return { outcome, files };
}

function* allAttachments(m: Message): Iterable<Attachment> {
  yield* m.attachments;
  for (const i of m.inner ?? []) yield* allAttachments(i);
}

function lastSegment(path: string | undefined): string | undefined {
  const s = path?.split(/[\\/]/).pop();
  return s ? s : undefined;
}

/** `<eventId>_<name>` reduced to ASCII letters, digits, `.`, `_`, `-`, at most 120 characters, extension kept. */
export function zipName(eventId: string, original: string): string {
  const clean = (s: string) => s.normalize("NFC").replace(/[^A-Za-z0-9._-]+/g, "_");
  const dot = original.lastIndexOf(".");
  const ext = dot > 0 && original.length - dot <= 10 ? clean(original.slice(dot)) : "";
  let stem = clean(dot > 0 && ext ? original.slice(0, dot) : original).replace(/^[._]+/, "");
  if (!/[A-Za-z0-9]/.test(stem)) stem = "file";
  const full = `${clean(eventId)}_${stem}`;
  return full.slice(0, 120 - ext.length) + ext;
}

/** Makes `name` unique in `used` with a `-2`, `-3` … before the extension, and records it. */
export function uniqueName(name: string, used: Set<string>): string {
  let out = name;
  const dot = name.lastIndexOf(".");
  for (let n = 2; used.has(out.toLowerCase()); n++) out = dot > 0 ? `${name.slice(0, dot)}-${n}${name.slice(dot)}` : `${name}-${n}`;
  used.add(out.toLowerCase());
  return out;
}
