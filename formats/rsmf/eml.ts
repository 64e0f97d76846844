/**
 * The RFC 5322 / MIME pieces of an `.rsmf` file, 7-bit clean as Relativity's sample generator makes
 * them (MimeKit with `EncodingConstraint.SevenBit`): CRLF line ends, folded headers, RFC 2047
 * encoded-words for non-ASCII header text, base64 bodies wrapped at 76 columns.
 */

/** Line end of every EML line. */
import { utcToMs } from "../../src/time/wall.js";

export const CRLF = "\r\n";
/** Soft limit of a header line (RFC 5322 §2.1.1 recommends 78). */
const FOLD_AT = 76;
/** UTF-8 bytes per encoded-word: 45 bytes → 60 base64 chars → 72-char word. */
const WORD_BYTES = 45;

const PRINTABLE = /^[\x20-\x7e]*$/;

/** Splits text into RFC 2047 `B` encoded-words of at most {@link WORD_BYTES} bytes, never inside a code point. */
export function encodedWords(text: string): string[] {
  const words: string[] = [];
  const bytes = Buffer.from(text, "utf8");
  for (let at = 0; at < bytes.length; ) {
    let end = Math.min(at + WORD_BYTES, bytes.length);
    // Back off continuation bytes (10xxxxxx) so the word ends on a whole code point.
    while (end < bytes.length && end > at + 1 && (bytes[end]! & 0xc0) === 0x80) end--;
    words.push(`=?utf-8?B?${bytes.toString("base64", at, end)}?=`);
    at = end;
  }
  return words;
}

/**
 * One header field, folded. Plain printable ASCII is folded at spaces; anything else is written as a
 * run of encoded-words (the whitespace between adjacent encoded-words is dropped when decoding, so
 * the value comes back exactly).
 */
export function headerField(name: string, value: string): string {
  const flat = value.replace(/[\r\n]+/g, " ");
  const tokens = PRINTABLE.test(flat) ? flat.split(/(?<= )/) : encodedWords(flat);
  return fold(name, tokens, PRINTABLE.test(flat) ? "" : " ");
}

/**
 * The bytes of `headerField(name, words.join(" "))`, in pieces, for at least one word of printable ASCII
 * without spaces, walking the words once: X-RSMF-SourceSHA256 has one per input file, 100,000 for a folder.
 */
export function wordsField(name: string, words: Iterable<string>): Generator<string> {
  return foldPieces(name, spaced(words), "");
}

/** Each word followed by a space, but the last. */
function* spaced(words: Iterable<string>): Generator<string> {
  let prev: string | undefined;
  for (const w of words) {
    if (prev !== undefined) yield prev + " ";
    prev = w;
  }
  if (prev !== undefined) yield prev;
}

/** A display name as an RFC 5322 phrase: a quoted-string when ASCII, encoded-words otherwise. */
export function phrase(name: string): string[] {
  const flat = name.replace(/[\r\n]+/g, " ");
  if (PRINTABLE.test(flat)) return [`"${flat.replace(/(["\\])/g, "\\$1")}"`];
  return encodedWords(flat);
}

/** An address-list header (`To`, `From`): `phrase <addr>` items separated by commas, folded. */
export function addressField(name: string, people: { name: string; address?: string }[]): string {
  const tokens: string[] = [];
  people.forEach((p, i) => {
    // A loop, not push(...words): a name of some MB is ~10^5 encoded-words, more than the stack holds as arguments.
    for (const w of phrase(p.name)) tokens.push(w);
    tokens.push(`<${p.address ?? ""}>${i < people.length - 1 ? "," : ""}`);
  });
  return fold(name, tokens, " ");
}

/**
 * Joins tokens after `Name: ` with `sep`, folding (CRLF + space) before a token when the line would
 * pass {@link FOLD_AT}. Folding only ever replaces a space that is there, so unfolding gives the value
 * back; a token that cannot be folded before makes a longer line (allowed up to 998).
 */
function fold(name: string, tokens: Iterable<string>, sep: "" | " "): string {
  // Pieces joined once at the end: appending to one string and asking it endsWith(" ") flattened the
  // whole header at every fold, quadratic in its length (X-RSMF-SourceSHA256 of a folder input of
  // 200,000 files never finished).
  return [...foldPieces(name, tokens, sep)].join("");
}

/** {@link fold} in pieces, a token each (with its glue or fold), the last one ending in CRLF. */
function* foldPieces(name: string, tokens: Iterable<string>, sep: "" | " "): Generator<string> {
  // The last non-empty piece is held back: a fold in a field without separators takes the space off its end.
  let held = `${name}:`;
  let line = held.length;
  let i = -1;
  for (const t of tokens) {
    i++;
    const glue = i === 0 ? " " : sep;
    // Before the first token the fold replaces the space after the colon (RFC 5322 allows FWS there).
    if (line + glue.length + t.length > FOLD_AT && (i === 0 || sep === " " || held.endsWith(" "))) {
      yield i !== 0 && sep !== " " ? held.slice(0, -1) : held;
      held = CRLF + " " + t;
      line = 1 + t.length;
      continue;
    }
    if (glue + t !== "") {
      yield held;
      held = glue + t;
    }
    line += glue.length + t.length;
  }
  yield held + CRLF;
}

/**
 * Base64 in lines of 76 characters (57 input bytes) with CRLF, streamed: `push` returns the complete
 * lines so far, `end` the rest. Line breaks fall on the same bytes however the input is chunked.
 */
export class Base64Lines {
  private pending: Uint8Array = new Uint8Array(0);

  /** Adds bytes; returns the complete lines they finish. */
  push(chunk: Uint8Array): string {
    const all = this.pending.byteLength ? concat(this.pending, chunk) : chunk;
    const whole = all.byteLength - (all.byteLength % 57);
    this.pending = all.slice(whole);
    if (whole === 0) return "";
    const b64 = Buffer.from(all.buffer, all.byteOffset, whole).toString("base64");
    let out = "";
    for (let i = 0; i < b64.length; i += 76) out += b64.slice(i, i + 76) + CRLF;
    return out;
  }

  /** The last (short) line, if any. */
  end(): string {
    const rest = this.pending;
    this.pending = new Uint8Array(0);
    return rest.byteLength ? Buffer.from(rest).toString("base64") + CRLF : "";
  }
}

/** Base64 of a whole value in 76-column lines. */
export function base64Block(data: Uint8Array): string {
  const enc = new Base64Lines();
  return enc.push(data) + enc.end();
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a, 0);
  out.set(b, a.byteLength);
  return out;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** An RFC 5322 `Date:` value in UTC ("Sun, 01 Jan 2017 00:36:52 +0000") from an RFC 3339 instant with Z. */
export function rfc5322Date(instant: string): string {
  const d = new Date(utcToMs(instant));
  const p = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
