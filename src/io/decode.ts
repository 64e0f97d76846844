import { isUtf8 } from "node:buffer";
import type { ByteReader, InputSource } from "./source.js";
import { surveyUtf16, Utf16Checker, type Utf16Encoding } from "./utf16-damage.js";
import { sniffUtf32, surveyUtf32, Utf32Decoder, type Utf32Encoding } from "./utf32.js";
import { isDamagedUtf8, LINES_KEPT, surveyUtf8, type TextDamage } from "./utf8-damage.js";

/** Encodings the text layer decodes (UTF-32 by hand: TextDecoder has none). */
export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "utf-32le" | "utf-32be" | "gb18030";

/** How a text input was decoded. */
export interface EncodingInfo {
  encoding: TextEncoding;
  bom: boolean;
  /** True when strict UTF-8 failed and GB18030 was used (report `encoding-fallback`). */
  fallback: boolean;
  /**
   * Set when the input is UTF-8 with byte sequences that are not, or UTF-32 with units that are no
   * characters (each read as U+FFFD; report `encoding-replacement`).
   */
  damaged?: TextDamage;
}

/** Reads the byte-order mark, if any. */
export function sniffBom(head: Uint8Array): { encoding: TextEncoding; length: number } | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  // Before UTF-16LE: the UTF-32LE BOM FF FE 00 00 starts with the UTF-16LE one.
  if (head[0] === 0xff && head[1] === 0xfe && head[2] === 0 && head[3] === 0) return { encoding: "utf-32le", length: 4 };
  if (head[0] === 0 && head[1] === 0 && head[2] === 0xfe && head[3] === 0xff) return { encoding: "utf-32be", length: 4 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  // U+FEFF in GB18030, which editors that save GB18030 "with signature" write first.
  if (head[0] === 0x84 && head[1] === 0x31 && head[2] === 0x95 && head[3] === 0x33) return { encoding: "gb18030", length: 4 };
  return undefined;
}

/** Guesses UTF-16 without a BOM from the pattern of zero bytes in ASCII-heavy text. */
export function sniffUtf16NoBom(head: Uint8Array): Utf16Encoding | undefined {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 8) return undefined;
  let evenZero = 0, oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return "utf-16le";
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return "utf-16be";
  return undefined;
}

/**
 * Length of the prefix of `chunk` that ends on a UTF-8 character boundary: an incomplete multi-byte
 * sequence at the end (at most 3 bytes) is left for the next chunk.
 */
export function completeUtf8Length(chunk: Uint8Array): number {
  for (let k = 1; k <= 3 && k <= chunk.length; k++) {
    const b = chunk[chunk.length - k]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > k ? chunk.length - k : chunk.length;
  }
  return chunk.length;
}

/**
 * Re-cuts a byte stream so every chunk ends on a UTF-8 character boundary: an incomplete trailing
 * sequence is carried into the next chunk (a truncated tail at the end of the stream comes last, alone).
 */
export async function* utf8AlignedChunks(stream: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  let carry: Uint8Array | undefined;
  for await (const chunk0 of stream) {
    let chunk = chunk0;
    if (carry) {
      const merged = new Uint8Array(carry.length + chunk.length);
      merged.set(carry);
      merged.set(chunk, carry.length);
      chunk = merged;
      carry = undefined;
    }
    const cut = completeUtf8Length(chunk);
    if (cut < chunk.length) carry = chunk.slice(cut);
    if (cut > 0) yield chunk.subarray(0, cut);
  }
  if (carry) yield carry;
}

/**
 * Whether the whole stream is valid UTF-8 (streamed; characters split across chunks are carried), or
 * valid but cut inside its last character (an interrupted copy: still UTF-8, its incomplete tail decodes
 * to U+FFFD instead of sending the whole file to GB18030), or neither.
 */
async function wholeStreamUtf8(source: InputSource): Promise<"valid" | "cut-tail" | "invalid"> {
  let tail = false;
  for await (const chunk of utf8AlignedBytes(source, SCAN_BUFFER)) {
    if (tail) return "invalid";
    if (!isUtf8(chunk)) {
      if (!isTruncatedUtf8Tail(chunk)) return "invalid";
      tail = true; // must be the stream's last chunk
    }
  }
  return tail ? "cut-tail" : "valid";
}

/** A lead byte followed by fewer continuation bytes than it needs (what utf8AlignedChunks yields last). */
function isTruncatedUtf8Tail(c: Uint8Array): boolean {
  const lead = c[0];
  if (lead === undefined || c.length > 3 || lead < 0xc2 || lead > 0xf4) return false;
  for (let i = 1; i < c.length; i++) if ((c[i]! & 0xc0) !== 0x80) return false;
  return (lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2) > c.length;
}

/**
 * The bytes of `source` in chunks cut at UTF-8 character boundaries, as {@link utf8AlignedChunks} cuts
 * `source.stream()`; the incomplete character at the end of the input comes last, alone. A source with
 * `openReader` is read ahead through two reused buffers of `bufferSize` bytes ({@link readAhead}), so
 * **each chunk is valid only until the next one is asked for**: look at it, do not keep it.
 */
export async function* utf8AlignedBytes(source: InputSource, bufferSize = DECODE_BUFFER): AsyncIterable<Uint8Array> {
  if (!source.openReader) {
    yield* utf8AlignedChunks(source.stream());
    return;
  }
  yield* readAhead(await source.openReader(), bufferSize, true);
}

/**
 * The bytes a reader gives, through two reused buffers of `size` bytes: the next read runs while the
 * caller looks at the chunk just yielded (one await per read with nothing in flight left the reader
 * idle ~0.6 s on a 215 MB Telegram export). With `alignUtf8`, each chunk ends on a UTF-8 character
 * boundary: the incomplete character at the end of a read moves to the start of the next buffer, and
 * an incomplete last character comes alone at the end. Each chunk is valid until the next is asked for.
 */
async function* readAhead(reader: ByteReader, size: number, alignUtf8: boolean): AsyncIterable<Uint8Array> {
  const bufs = [new Uint8Array(size), new Uint8Array(size)];
  let k = 0;
  let kept = 0;
  let pending: Promise<number> | undefined = reader.read(bufs[0]!, 0, size);
  try {
    for (;;) {
      const n = await pending;
      pending = undefined;
      const buf = bufs[k]!;
      if (n === 0) {
        if (kept > 0) yield buf.subarray(0, kept);
        break;
      }
      const len = kept + n;
      const cut = alignUtf8 ? completeUtf8Length(buf.subarray(0, len)) : len;
      const next = bufs[k ^ 1]!;
      if (cut < len) next.set(buf.subarray(cut, len), 0);
      kept = len - cut;
      pending = reader.read(next, kept, size - kept);
      k ^= 1;
      if (cut > 0) yield buf.subarray(0, cut);
    }
  } finally {
    await pending?.catch(() => 0);
    await reader.close();
  }
}

/** Bytes per read of the whole-file UTF-8 check. */
const SCAN_BUFFER = 1 << 18;
/** Bytes per read when decoding (the chunk size `stream()` gives for files). */
const DECODE_BUFFER = 1 << 16;

const isUtf32 = (e: TextEncoding | undefined): e is Utf32Encoding => e === "utf-32le" || e === "utf-32be";

/**
 * Decides how to decode a text input: BOM → UTF-8/UTF-16/UTF-32/GB18030; else UTF-32 or UTF-16 by zero-byte pattern; else
 * strict UTF-8 over the whole file; else GB18030 (the legacy Chinese Windows code page, a superset of
 * GBK), unless the file is UTF-8 with a few damaged bytes ({@link isDamagedUtf8}): a handful of bad
 * bytes in a UTF-8 export must not turn all its text into GB18030 mojibake. UTF-8 that is not all valid
 * (with a BOM or without) comes back with its survey in `damaged`, for the reader to report.
 */
export async function detectEncoding(source: InputSource): Promise<EncodingInfo> {
  const head = await source.head(4096);
  const bom = sniffBom(head);
  if (isUtf32(bom?.encoding)) return utf32Info(source, bom.encoding, true);
  if (bom) {
    if (bom.encoding === "utf-16le" || bom.encoding === "utf-16be") return utf16Info(source, bom.encoding, true);
    if (bom.encoding !== "utf-8" || (await wholeStreamUtf8(source)) === "valid") return { encoding: bom.encoding, bom: true, fallback: false };
    return { encoding: "utf-8", bom: true, fallback: false, damaged: await surveyUtf8(utf8AlignedBytes(source, SCAN_BUFFER)) };
  }
  const u32 = sniffUtf32(head);
  if (u32) return utf32Info(source, u32, false);
  const u16 = sniffUtf16NoBom(head);
  if (u16) return utf16Info(source, u16, false);
  const whole = await wholeStreamUtf8(source);
  if (whole === "valid") return { encoding: "utf-8", bom: false, fallback: false };
  // Cut inside its last character: UTF-8 all the same, its cut character reported (a copy cut short).
  if (whole === "cut-tail") return { encoding: "utf-8", bom: false, fallback: false, damaged: await surveyUtf8(utf8AlignedBytes(source, SCAN_BUFFER)) };
  const survey = await surveyUtf8(utf8AlignedBytes(source, SCAN_BUFFER));
  if (isDamagedUtf8(survey)) return { encoding: "utf-8", bom: false, fallback: false, damaged: survey };
  return { encoding: "gb18030", bom: false, fallback: true };
}

/** UTF-16 input: one pass finds the units that are no characters (unpaired surrogates), for the reader to report. */
async function utf16Info(source: InputSource, encoding: Utf16Encoding, bom: boolean): Promise<EncodingInfo> {
  const damage = await surveyUtf16(sourceChunks(source, SCAN_BUFFER), encoding, LINES_KEPT);
  return { encoding, bom, fallback: false, ...(damage.invalid ? { damaged: damage } : {}) };
}

/** UTF-32 input: one pass finds the units that are no characters, for the reader to report. */
async function utf32Info(source: InputSource, encoding: Utf32Encoding, bom: boolean): Promise<EncodingInfo> {
  const damage = await surveyUtf32(sourceChunks(source, SCAN_BUFFER), encoding, LINES_KEPT);
  return { encoding, bom, fallback: false, ...(damage.invalid ? { damaged: damage } : {}) };
}

/** Reports how a text input was decoded when it was not plain valid text: GB18030 chosen, or UTF-8 with damage. */
export function reportEncoding(info: EncodingInfo, file: string, report: (code: "encoding-fallback" | "encoding-replacement", r: { message: string; file: string; place?: { line: number } }) => void): void {
  if (info.fallback) report("encoding-fallback", { message: `${file} is not valid UTF-8; decoded as GB18030 (the Chinese Windows code page).`, file });
  const d = info.damaged;
  if (!d) return;
  const where = d.lines.length === 0 ? "" : ` on line${d.lines.length === 1 ? "" : "s"} ${d.lines.join(", ")}${d.invalid > d.lines.length && d.lines.length === 10 ? " and later" : ""}`;
  const what = isUtf32(info.encoding)
    ? `${info.encoding.toUpperCase()} but ${d.invalid === 1 ? "one 4-byte unit is" : `${d.invalid} 4-byte units are`} no character (beyond U+10FFFF, a surrogate, or cut short at the end)`
    : info.encoding === "utf-16le" || info.encoding === "utf-16be"
      ? `${info.encoding.toUpperCase()} but ${d.invalid === 1 ? "one unit is" : `${d.invalid} units are`} no character (half of a surrogate pair, or a byte cut short at the end)`
      : `UTF-8 but ${d.invalid === 1 ? "one byte sequence is" : `${d.invalid} byte sequences are`} not`;
  report("encoding-replacement", {
    message: `${file} is ${what}${where}; each was read as U+FFFD (\uFFFD). The file may be damaged: compare it with the original export.`,
    file,
    ...(d.lines.length ? { place: { line: d.lines[0]! } } : {}),
  });
}

/**
 * Reports the chunks {@link decodeJsonText} found not valid in their encoding (`encoding`, as its
 * `onInvalid` was told; UTF-8 when not given), their bad bytes read as U+FFFD, if any.
 */
export function reportInvalidChunks(chunks: number, file: string, report: (code: "encoding-replacement", r: { message: string; file: string }) => void, encoding: TextEncoding = "utf-8"): void {
  if (chunks) report("encoding-replacement", { message: `${file} is not valid ${encoding.toUpperCase()} in ${chunks} chunk(s); the bad bytes were replaced by U+FFFD.`, file });
}

/** Decodes the source into text chunks (BOM removed), streaming. */
export async function* decodeChunks(source: InputSource, info: EncodingInfo): AsyncIterable<string> {
  if (isUtf32(info.encoding)) {
    yield* decodeUtf32(source, info.encoding);
    return;
  }
  // ignoreBOM: false makes TextDecoder drop a leading BOM of its own encoding; for UTF-8 and UTF-16 only.
  const decoder = new TextDecoder(info.encoding, { fatal: false, ignoreBOM: false });
  let gbBom = info.bom && info.encoding === "gb18030";
  // The decoder copies what it keeps (an incomplete character) between calls, so reused buffers are safe.
  for await (const chunk of sourceChunks(source, DECODE_BUFFER)) {
    let text = decoder.decode(chunk, { stream: true });
    if (gbBom && text) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      gbBom = false;
    }
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** {@link decodeChunks} for UTF-32; `onInvalid` is called for each chunk holding units read as U+FFFD. */
async function* decodeUtf32(source: InputSource, encoding: Utf32Encoding, onInvalid?: () => void): AsyncIterable<string> {
  const decoder = new Utf32Decoder(encoding);
  let seen = 0;
  for await (const chunk of sourceChunks(source, DECODE_BUFFER)) {
    const text = decoder.decode(chunk);
    if (decoder.invalid > seen) {
      seen = decoder.invalid;
      onInvalid?.();
    }
    if (text) yield text;
  }
  const tail = decoder.decode(new Uint8Array(0), true);
  if (decoder.invalid > seen) onInvalid?.();
  if (tail) yield tail;
}

/**
 * The bytes of `source` in order: read ahead through two reused buffers of `size` bytes when it has
 * `openReader` (each chunk valid only until the next is asked for), else its `stream()`.
 */
async function* sourceChunks(source: InputSource, size: number): AsyncIterable<Uint8Array> {
  if (!source.openReader) {
    yield* source.stream();
    return;
  }
  yield* readAhead(await source.openReader(), size, false);
}

/**
 * Decodes a JSON input to text chunks: UTF-8 (what JSON writers use; a BOM is dropped), or UTF-16 or
 * UTF-32 when a BOM or the zero bytes say so (a file re-saved by an editor; the zero-byte rules are
 * those of {@link detectEncoding}, so JSON and text inputs agree). UTF-8 is
 * checked chunk by chunk on chunks cut at character boundaries, and `onInvalid` is called for each chunk
 * with bytes that are not UTF-8 or UTF-32 units that are no characters (they decode to U+FFFD; the
 * caller reports it).
 */
export async function* decodeJsonText(source: InputSource, onInvalid: (encoding: TextEncoding) => void): AsyncIterable<string> {
  const head = await source.head(4096);
  const bom = sniffBom(head);
  const u32 = isUtf32(bom?.encoding) ? bom.encoding : bom ? undefined : sniffUtf32(head);
  if (u32) {
    yield* decodeUtf32(source, u32, () => onInvalid(u32));
    return;
  }
  const bomEncoding = bom?.encoding;
  const encoding: Utf16Encoding | "utf-8" = bomEncoding === "utf-16le" || bomEncoding === "utf-16be" ? bomEncoding : ((bom ? undefined : sniffUtf16NoBom(head)) ?? "utf-8");
  const decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: false });
  const chunks = encoding === "utf-8" ? utf8AlignedBytes(source) : sourceChunks(source, DECODE_BUFFER);
  const utf16 = encoding === "utf-8" ? undefined : new Utf16Checker(encoding);
  for await (const chunk of chunks) {
    if (utf16 ? utf16.push(chunk) > 0 : !isUtf8(chunk)) onInvalid(encoding);
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  if (utf16 && utf16.end() > 0) onInvalid(encoding);
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** Decodes a whole small input to a string (detection probes, tests). */
export function decodeHead(head: Uint8Array): string {
  const bom = sniffBom(head);
  const u32 = isUtf32(bom?.encoding) ? bom.encoding : bom ? undefined : sniffUtf32(head);
  // A head cut inside its last unit loses that unit (the rest of the file has it).
  if (u32) return new Utf32Decoder(u32).decode(head.subarray(0, head.length & ~3), true);
  const enc = bom?.encoding ?? sniffUtf16NoBom(head) ?? (isUtf8(head.subarray(0, completeUtf8Length(head))) ? "utf-8" : "gb18030");
  return new TextDecoder(enc, { fatal: false, ignoreBOM: false }).decode(enc === "gb18030" && bom ? head.subarray(bom.length) : head);
}

