/**
 * Cell encoding for CSV that opens safely in Excel (audit-outputs.md §3): RFC 4180 quoting, LF inside
 * fields, and our own formula-neutralising rule (papaparse's `escapeFormulae` misses "=…\n…").
 */

/** Cells starting with these are prefixed with an apostrophe (ASCII and fullwidth forms). */
export const FORMULA_TRIGGER = /^[=+\-@\t\r＝＋－＠]/;

/** The rule in words, declared in the manifest. */
export const FORMULA_RULE =
  "cells of source-derived columns that start with = + - @ TAB CR (or fullwidth ＝＋－＠) are prefixed with ' and quoted; line breaks inside cells are written as LF";

/** Neutralises a formula-looking value; normalises CRLF/CR inside the value to LF. */
export function neutralise(value: string): string {
  const v = value.includes("\r") ? value.replace(/\r\n?/g, "\n") : value;
  return FORMULA_TRIGGER.test(value) ? "'" + v : v;
}

/** Quotes a cell when RFC 4180 requires it (comma, quote, CR, LF) or when it was neutralised. */
export function quote(value: string): string {
  if (value === "") return "";
  if (/[",\r\n]/.test(value) || value.charCodeAt(0) === 39 /* ' */) return `"${value.replace(/"/g, '""')}"`;
  return value;
}
