/**
 * Cell encoding for CSV that opens safely in Excel (audit-outputs.md §3): RFC 4180 quoting, LF inside
 * fields, and our own formula-neutralising rule. papaparse's `escapeFormulae: true` tests
 * `/^[=+\-@\t\r].*$/` without the `s` flag, so "=HYPERLINK(…)\nsecond" (a trigger, then a line break)
 * slips through; our pattern only looks at the start of the cell.
 */

/**
 * Cells that start with one of these are prefixed with an apostrophe: = + - @ (CWE-1236 / OWASP), TAB,
 * CR, LF and NUL (OWASP ASVS), their fullwidth forms ＝＋－＠, and any of = + - @ ＝＋－＠ after leading
 * spaces or ideographic spaces (some importers trim them).
 */
export const FORMULA_TRIGGER = /^(?:[=+\-@\t\r\n\0＝＋－＠]|[ \u3000]+[=+\-@＝＋－＠])/;

/** The rule in words, declared in the manifest. */
export const FORMULA_RULE =
  "cells of source-derived columns that start with = + - @ TAB CR LF NUL, with fullwidth ＝＋－＠, or with spaces before one of = + - @ ＝＋－＠ (multi-line values included) are prefixed with ' and quoted; a cell that itself starts with ' gets one more, so removing one leading ' restores every value; CR and CRLF inside cells are written as LF";

/**
 * Neutralises a formula-looking value (and doubles a leading apostrophe, so the rule can be undone by
 * dropping one leading `'`); normalises CRLF/CR inside the value to LF.
 */
export function neutralise(value: string): string {
  if (value === "") return value;
  const v = value.indexOf("\r") === -1 ? value : value.replace(/\r\n?/g, "\n");
  const c = value.charCodeAt(0);
  // Only a few first characters can start a trigger: test the pattern only for those (hot path).
  return c === 39 /* ' */ || (MAY_TRIGGER.has(c) && FORMULA_TRIGGER.test(value)) ? "'" + v : v;
}

/** First characters {@link FORMULA_TRIGGER} can match at: its triggers, space and ideographic space. */
const MAY_TRIGGER = new Set([..."=+-@\t\r\n\0＝＋－＠ \u3000"].map((ch) => ch.charCodeAt(0)));

/** Quotes a cell when RFC 4180 requires it (comma, quote, CR, LF) or when it was neutralised. */
export function quote(value: string): string {
  if (value === "") return "";
  if (/[",\r\n]/.test(value) || value.charCodeAt(0) === 39 /* ' */) return `"${value.replace(/"/g, '""')}"`;
  return value;
}
