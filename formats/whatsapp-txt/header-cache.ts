/**
 * {@link parseHeader} with the last fast-path header remembered. Consecutive messages of an export
 * usually share their whole header text (`01/01/2017, 00:00 - `: every message of the same minute), and
 * at 1M messages re-parsing it was the largest single cost of the first pass (fastHeader ~10% of the
 * reader's profile, run twice per line). A line that starts with the remembered header text, and whose
 * next character leads {@link fastHeader} to the same decision, gets the SAME Header object back (headers
 * are never mutated), so callers may also key their own caches on the object.
 *
 * Only fast-path headers are remembered: fastHeader reads nothing past the author's first character, so
 * "same prefix + same verdict on that character" means "same result"; the general grammar may look
 * further (the "plain" family scans for ": "), so its lines are always parsed in full.
 */
import { fastHeader } from "./fast-header.js";
import { parseHeaderGeneral, type Header } from "./grammar.js";

// What fastHeader checks on the character right after the remembered text (at restStart):
const ANY_BUT_MARK = 0; // after " - " or "] ": the author must not start with an invisible mark
const ASCII_NOT_SPACE = 1; // after "]" glued to the author: an ASCII character other than a space (or the line end)
const LINE_END = 2; // a line ending right after " -": only the very same line

// The marks fastHeader refuses where the author starts (normalize.ts drops them).
const isMark = (c: number): boolean =>
  c === 0xfeff || c === 0x200b || c === 0x200e || c === 0x200f || c === 0x061c || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);

/** Parses header lines like {@link parseHeader}, reusing the previous line's header when its text repeats. */
export class HeaderCache {
  private last: Header | undefined;
  /** The remembered line's text up to the author (raw[0, restStart)). */
  private prefix = "";
  private rule = ANY_BUT_MARK;

  /** The header of a line, or undefined when it does not start a message (exactly parseHeader's answer). */
  parse(raw: string): Header | undefined {
    const first = raw.charCodeAt(0);
    // Cheap reject, as parseHeader: a header starts with a digit, "[" or a non-ASCII character.
    if (!(first >= 48 && first <= 57) && first !== 91 && first < 0x80) return undefined;
    const last = this.last;
    if (last !== undefined && raw.startsWith(this.prefix)) {
      const n = this.prefix.length;
      const c = raw.charCodeAt(n);
      if (this.rule === ANY_BUT_MARK ? !isMark(c) : this.rule === ASCII_NOT_SPACE ? !(c >= 0x80) && c !== 32 : raw.length === n) return last;
    }
    const h = fastHeader(raw);
    if (h === undefined) return parseHeaderGeneral(raw);
    this.last = h;
    this.prefix = raw.slice(0, h.restStart);
    const before = raw.charCodeAt(h.restStart - 1);
    this.rule = h.family === "android" ? (before === 32 ? ANY_BUT_MARK : LINE_END) : before === 32 ? ANY_BUT_MARK : ASCII_NOT_SPACE;
    return h;
  }
}
