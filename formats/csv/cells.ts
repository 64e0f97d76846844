/**
 * Cell encoding for CSV that opens safely in Excel (audit-outputs.md §3): RFC 4180 quoting, LF inside
 * fields, and our own formula-neutralising rule. papaparse's `escapeFormulae: true` tests
 * `/^[=+\-@\t\r].*$/` without the `s` flag, so "=HYPERLINK(…)\nsecond" (a trigger, then a line break)
 * slips through; our pattern only looks at the start of the cell.
 */

/**
 * Characters that show as nothing or as a space: Unicode spaces, zero-width and joining characters,
 * bidi marks and the BOM (as a regular-expression class body). A trigger behind them looks to a
 * reviewer like ordinary text, and importers that trim more than ASCII spaces would see a formula.
 */
const BLANKS = " \u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufeff\uffa0";

/**
 * Cells that start with one of these are prefixed with an apostrophe: = + - @ (CWE-1236 / OWASP), TAB,
 * CR and LF (OWASP ASVS), their fullwidth forms ＝＋－＠, and any of = + - @ ＝＋－＠ after leading
 * blanks ({@link BLANKS}: spaces, ideographic spaces, NBSP, zero-width and bidi characters).
 */
export const FORMULA_TRIGGER = new RegExp(`^(?:[=+\\-@\t\r\n＝＋－＠]|[${BLANKS}]+[=+\\-@＝＋－＠])`);

/** The rule in words, declared in the manifest. */
export const FORMULA_RULE =
  "cells of source-derived columns that start with = + - @ TAB CR LF, with fullwidth ＝＋－＠, or with spaces, NBSP, zero-width, joining or bidi characters before one of = + - @ ＝＋－＠ (multi-line values included) are prefixed with ' and quoted; a cell that itself starts with ' gets one more, so removing one leading ' restores every value; CR and CRLF inside cells are written as LF; NUL is written as ␀ (U+2400), since many CSV readers stop at a NUL";

/**
 * Neutralises a formula-looking value (and doubles a leading apostrophe, so the rule can be undone by
 * dropping one leading `'`); normalises CRLF/CR inside the value to LF, and writes NUL as U+2400.
 */
export function neutralise(value: string): string {
  if (value === "") return value;
  let v = value.indexOf("\r") === -1 ? value : value.replace(/\r\n?/g, "\n");
  // Python's csv module (before 3.11) fails the whole file on a NUL ("line contains NUL").
  if (v.indexOf("\0") !== -1) v = v.replaceAll("\0", "\u2400");
  const c = value.charCodeAt(0);
  // Only a few first characters can start a trigger: test the pattern only for those (hot path).
  return c === 39 /* ' */ || (MAY_TRIGGER.has(c) && FORMULA_TRIGGER.test(value)) ? "'" + v : v;
}

/** Every character code of a regular-expression class body made of single characters and `a-b` ranges. */
function classCodes(body: string): number[] {
  const chars = [...body];
  const codes: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    const from = chars[i]!.charCodeAt(0);
    if (chars[i + 1] === "-" && i + 2 < chars.length) {
      for (let c = from; c <= chars[i + 2]!.charCodeAt(0); c++) codes.push(c);
      i += 2;
    } else codes.push(from);
  }
  return codes;
}

/** First characters {@link FORMULA_TRIGGER} can match at: its triggers and the blanks. */
export const MAY_TRIGGER = new Set([..."=+-@\t\r\n＝＋－＠"].map((ch) => ch.charCodeAt(0)).concat(classCodes(BLANKS)));

/** Quotes a cell when RFC 4180 requires it (comma, quote, CR, LF) or when it was neutralised. */
export function quote(value: string): string {
  if (value === "") return "";
  if (/[",\r\n]/.test(value) || value.charCodeAt(0) === 39 /* ' */) return `"${value.replace(/"/g, '""')}"`;
  return value;
}
