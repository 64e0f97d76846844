import { ownedString } from "../../src/io/owned-string.js";

const NEEDS_ESCAPE = /[&<>"'\0-\x08\x0b\x0c\x0e-\x1f\x7f]/;
const ESCAPED = /[&<>"'\0-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

/** Names of the C0 control characters (TAB, LF and CR are never marked), by code. */
const C0_NAMES = "NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US".split(" ");

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** The name of a control character (`NUL`, `ESC`, `DEL`) and its code point as `U+0000`. */
function controlName(c: string): { name: string; code: string } {
  const n = c.charCodeAt(0);
  return { name: n === 0x7f ? "DEL" : C0_NAMES[n]!, code: "U+" + n.toString(16).toUpperCase().padStart(4, "0") };
}

/**
 * Escapes text for HTML element content: a message is never markup. C0 control characters other than
 * TAB, LF and CR, and DEL, are shown as their names in a box (`<span class="ctl">NUL</span>`): a
 * browser drops a NUL from the page and shows the others as nothing, so a name "Ann\0Lee" printed as
 * "AnnLee". Names, not the Unicode control pictures (␀), because few fonts have those: Chromium on a
 * Debian machine printed them as empty boxes. For attributes and `<title>`, use {@link escapeAttr}.
 */
export function escapeHtml(s: string): string {
  // One test for both reasons to change a string: most strings (ids, times, names) have neither, and two
  // regex runs per string were ~0.2 s of QQ TXT 1M → html.
  if (!SPECIAL.test(s)) return s;
  const out = escapeText(s);
  return BIDI_CONTROLS.test(s) ? `<bdi>${out}</bdi>` : out;
}

/**
 * Explicit embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI). One left open in a
 * name ("Bob\u202Eevil") reverses everything after it up to the end of the block: the sender id, the
 * conversation's platform and id in its heading, the closing quote of a statement. A string holding one
 * is isolated in `<bdi>`, which ends it at the string's end; other strings (Arabic names included) are
 * written as before.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;

/** A character {@link escapeHtml} changes or isolates: {@link NEEDS_ESCAPE} and {@link BIDI_CONTROLS} in one class. */
const SPECIAL = /[&<>"'\0-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]/;

/** True when {@link escapeHtml} returns `s` unchanged (nothing to escape, nothing to isolate). */
export function isPlain(s: string): boolean {
  return !SPECIAL.test(s);
}

/** {@link escapeHtml} without the isolation: for a text that is a block of its own (a message body). */
function escapeText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(ESCAPED, (c) => ENTITIES[c] ?? boxedControl(c));
}

/**
 * A Bates prefix (or any string set before a counter in a margin box) with its direction contained:
 * "证据\u202E-" reversed the page number after it ("证据300000-" on page 3), and an Arabic prefix takes
 * the digits into its right-to-left run. Wrapped in FSI … PDI when it holds right-to-left letters or
 * bidi controls; returned as it is otherwise.
 */
export function isolatedPrefix(s: string): string {
  return /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f\u061c\u202a-\u202e\u2066-\u2069]|[\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u.test(s) ? `\u2068${s}\u2069` : s;
}

function boxedControl(c: string): string {
  const { name, code } = controlName(c);
  return `<span class="ctl" title="${code}">${name}</span>`;
}

/**
 * Escapes text for a double-quoted attribute or for `<title>` (where markup is not read): as
 * {@link escapeHtml}, but a control character becomes its Unicode control picture (U+2400–U+241F, U+2421).
 */
export function escapeAttr(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(ESCAPED, (c) => ENTITIES[c] ?? controlPicture(c));
}

/** The Unicode control picture of a C0 control character or DEL. */
export function controlPicture(c: string): string {
  const n = c.charCodeAt(0);
  return String.fromCharCode(n === 0x7f ? 0x2421 : 0x2400 + n);
}

/** Message texts longer than this (UTF-16 units) are escaped into blocks of {@link TEXT_BLOCK} units at most. */
export const LONG_TEXT = 1 << 16;
/** Units per block of a long text (see {@link escapeLongText}). */
export const TEXT_BLOCK = 1 << 14;

/** Characters that attach to the one before them: a block must not start with one (marks, ZWJ, selectors, skin tones, tags), nor follow a ZWJ. */
const EXTENDS = /^(?:\p{M}|\u200d|[\ufe00-\ufe0f]|[\u{1f3fb}-\u{1f3ff}]|[\u{e0020}-\u{e007f}]|[\udc00-\udfff])/u;

/**
 * {@link escapeHtml} for a message text; a text over {@link LONG_TEXT} units comes out as consecutive
 * `<div>` blocks of at most {@link TEXT_BLOCK} units. Chromium's PDF printing dropped the rest of a text
 * run beyond ~8 MB of UTF-8 without a line break (a 20M-character QQ line printed 2.29M characters on 512
 * pages) and took minutes on it; inline spans printed whole but ever slower (8M characters: 23 s, 20M:
 * over 15 min), blocks in linear time (8M: 11 s, 20M: 38 s).
 *
 * A block ends just after a line break when one lies in the second half of its window: a block ending in
 * a preserved newline lays out exactly as the unbroken text (`pre-wrap`). Only a line longer than half a
 * block is cut inside, which starts a new line there. A block never starts inside a surrogate pair, with
 * a character that joins the one before it, or after a ZWJ.
 */
export function escapeLongText(s: string): string {
  if (s.length <= LONG_TEXT) return escapeText(s);
  let out = "";
  for (let at = 0; at < s.length; ) {
    let end = Math.min(at + TEXT_BLOCK, s.length);
    const nl = end < s.length ? lastNewline(s, at + TEXT_BLOCK / 2, end) : -1;
    if (nl !== -1) end = nl + 1;
    else end = joinSafeCut(s, end);
    out += `<div>${escapeText(s.slice(at, end))}</div>`;
    at = end;
  }
  return out;
}

/**
 * The last `\n` in `s[from, to)`, or -1. `lastIndexOf` alone would scan on back to the start of the
 * text when the window has none: quadratic, 35 s for html of one 60 MB line without breaks.
 */
export function lastNewline(s: string, from: number, to: number): number {
  const i = s.slice(from, to).lastIndexOf("\n");
  return i === -1 ? -1 : from + i;
}

/** `end`, or up to 64 units earlier, so that no joined character sequence is cut; never inside a surrogate pair. */
function joinSafeCut(s: string, end: number): number {
  if (end >= s.length) return end;
  let back = 0;
  while (back < 64 && (EXTENDS.test(s.slice(end - back, end - back + 2)) || s.charCodeAt(end - back - 1) === 0x200d)) back++;
  if (back < 64) return end - back;
  // 64 joining characters in a row: cut anyway, but not inside a surrogate pair.
  const last = s.charCodeAt(end - 1);
  return last >= 0xd800 && last <= 0xdbff ? end - 1 : end;
}

/**
 * Escaped forms of strings that repeat from message to message (sender names and ids, file names,
 * kinds), kept in a bounded map: escaping them again was ~0.25 s of QQ TXT 1M → html. Keys and values
 * are owned copies, so a name sliced from an input chunk does not keep the chunk alive.
 */
export class EscapeMemo {
  private readonly map = new Map<string, string>();
  constructor(private readonly limit = 4096) {}
  /** escapeHtml(s), remembered. */
  get(s: string): string {
    let v = this.map.get(s);
    if (v === undefined) {
      v = ownedString(escapeHtml(s));
      if (this.map.size >= this.limit) this.map.clear();
      this.map.set(ownedString(s), v);
    }
    return v;
  }
}

/**
 * A CSS string literal (with its quotes) for `content:` inside a `<style>` element. Every ASCII character
 * other than letters, digits, space and `.,:;-_/#()` becomes a 6-digit hex escape ended by a space, so `"`, `\`, `<`
 * (no `</style>`) and line breaks cannot end the string or the element; control and line/paragraph
 * separator characters too.
 */
export function cssString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    // A CSS escape of 0 reads as U+FFFD, the other controls as nothing: shown as pictures, as in escapeAttr.
    if ((cp < 0x20 && cp !== 9 && cp !== 10 && cp !== 13) || cp === 0x7f) {
      out += controlPicture(ch);
      continue;
    }
    const plain = cp > 0x9f ? cp !== 0x2028 && cp !== 0x2029 : /[A-Za-z0-9 .,:;\-_/#()]/.test(ch);
    // The space after the escape ends it (CSS eats one whitespace after a hex escape), so a real space
    // that follows survives.
    out += plain ? ch : "\\" + cp.toString(16).padStart(6, "0") + " ";
  }
  return out + '"';
}

/** Cuts a string to at most `n` code points, adding "…" when cut. */
export function clip(s: string, n: number): string {
  if (s.length <= n) return s; // never more code points than UTF-16 units (per message)
  // Counts code points up to n+1 only: Array.from of a text of 60 MB was an array of 60M strings.
  let end = 0;
  for (let count = 0; count < n && end < s.length; count++) {
    const c = s.charCodeAt(end);
    const pair = c >= 0xd800 && c <= 0xdbff && end + 1 < s.length && (s.charCodeAt(end + 1) & 0xfc00) === 0xdc00;
    end += pair ? 2 : 1;
  }
  return end >= s.length ? s : s.slice(0, end) + "…";
}
