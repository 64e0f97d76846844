import { extname } from "node:path";
import { isChatportError } from "../diagnostics/errors.js";
import { decodeHead, sniffBom } from "../io/decode.js";
import { sniffUtf32 } from "../io/utf32.js";
import { isCrOnlyText } from "../io/lines.js";
import { isSqliteHeader, listSqliteTables } from "../io/sqlite.js";
import type { InputSource, InputTree } from "../io/source.js";
import { isZipHeader, zipTree } from "../io/zip.js";
import type { Probe } from "../plugin/types.js";

/** Bytes of the head that detection sees. */
export const PROBE_BYTES = 64 * 1024;

/** Builds what detectors see: head bytes and text, a folder listing, or a database's tables. */
export async function buildProbe(input: InputSource | InputTree): Promise<Probe> {
  if (input.kind === "tree") {
    return { name: input.name, extension: "", size: 0, head: new Uint8Array(0), text: "", listing: await input.list() };
  }
  const head = await input.head(PROBE_BYTES);
  const probe: Probe = {
    name: input.name,
    extension: extname(input.name).toLowerCase(),
    size: input.size,
    head,
    text: looksBinary(head) ? "" : probeText(decodeHead(head)),
  };
  if (isZipHeader(head)) {
    try {
      probe.listing = await zipTree(input).list(); // the central directory only; nothing is inflated
    } catch (e) {
      // A zip bomb, or a zip whose directory cannot be read (cut short, damaged): no reader can open it, and
      // zip.ts's sentence says why where detection would only say "not a chat export (it looks binary)".
      if (isChatportError(e)) throw e;
      // otherwise detectors see the bytes alone
    }
  }
  if (isSqliteHeader(head) && input.path) {
    try {
      probe.sqliteTables = await listSqliteTables(input.path);
    } catch (e) {
      // A database no reader can open (truncated, damaged, SQLite support missing) gets openSqliteCopy's
      // own sentence: detection would only call it "not a chat export (it looks binary)".
      if (isChatportError(e)) throw e;
      probe.sqliteTables = [];
    }
  }
  return probe;
}

/**
 * The head text detectors see. Lines that end in lone CRs are shown ending in LF, as the line splitter
 * reads them ({@link isCrOnlyText}), so that detectors splitting at LF recognise such a file.
 */
function probeText(text: string): string {
  return isCrOnlyText(text) ? text.replace(/\r(?!\n)/g, "\n") : text;
}

/** True when the head has NUL bytes in a pattern text (UTF-8/GBK/UTF-16/UTF-32) does not produce. */
export function looksBinary(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return false;
  if (sniffBom(head)?.encoding === "utf-32be" || sniffUtf32(head)) return false;
  const n = Math.min(head.length, 8192);
  let nul = 0, ctrl = 0, evenNul = 0, oddNul = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) {
      nul++;
      if (i % 2 === 0) evenNul++;
      else oddNul++;
    } else if (b < 9 || (b > 13 && b < 32 && b !== 27)) ctrl++;
  }
  // UTF-16 without BOM: NULs almost all on one parity.
  if (nul > n * 0.2 && (evenNul < nul * 0.05 || oddNul < nul * 0.05)) return false;
  return nul > 0 || ctrl > n * 0.05;
}

/** Extensions of text formats: a file named so is not taken for an encrypted database. */
const TEXT_EXTENSIONS = new Set([".txt", ".json", ".jsonl", ".ndjson", ".html", ".htm", ".mht", ".mhtml", ".csv", ".md", ".xml"]);

/** True when the extension names a text format (`.txt`, `.json`, `.html`, `.mht`, `.csv` …). */
export function hasTextExtension(probe: Probe): boolean {
  return TEXT_EXTENSIONS.has(probe.extension);
}

/**
 * True when a file looks like an encrypted SQLite database: bytes with no text structure and no SQLite
 * header, a size that is a whole number of pages (SQLCipher pages are 1024 or 4096 bytes; QQNT adds a
 * 1024-byte header: formats-cn.md §3.1, §7), and a name that is not a text format's.
 */
export function looksLikeEncryptedDatabase(probe: Probe): boolean {
  return probe.size % 1024 === 0 && !hasTextExtension(probe) && looksLikeRandomBytes(probe);
}

/**
 * True when a file's head (at least 1 KiB) is bytes with no structure, as random, compressed or
 * encrypted data is: over 7.5 bits of entropy a byte, no SQLite header, not a zip.
 */
export function looksLikeRandomBytes(probe: Probe): boolean {
  if (probe.listing || probe.head.length < 1024 || isSqliteHeader(probe.head)) return false;
  const counts = new Uint32Array(256);
  const n = Math.min(probe.head.length, 16384);
  for (let i = 0; i < n; i++) counts[probe.head[i]!]!++;
  let entropy = 0;
  for (const c of counts) if (c) entropy -= (c / n) * Math.log2(c / n);
  return entropy > 7.5;
}
