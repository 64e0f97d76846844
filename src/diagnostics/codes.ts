import type { Severity } from "../model/schema.js";

/**
 * The closed list of diagnostic codes and their default severities: the one table severity comes
 * from (STYLE.md §8). Readers and writers report a code; they never choose a severity.
 */
export const DIAGNOSTIC_CODES = {
  "unrecognized-line": { severity: "warning", summary: "a line that is neither a message, a continuation nor structure" },
  "unrecognized-record": { severity: "warning", summary: "a record or row the reader could not map" },
  "timezone-floating": { severity: "info", summary: "times have no zone; kept as wall clock without an instant (pass --tz)" },
  "timezone-gap": { severity: "warning", summary: "a wall time that does not exist in the assumed zone (DST gap)" },
  "timezone-ambiguous": { severity: "info", summary: "a wall time that occurs twice in the assumed zone; the earlier was taken" },
  "invalid-timestamp": { severity: "warning", summary: "a timestamp that names no real date or time" },
  "out-of-order": { severity: "info", summary: "a message earlier than the one before it; kept in source order" },
  "encoding-fallback": { severity: "warning", summary: "the input is not valid UTF-8; decoded as GB18030" },
  "encoding-replacement": { severity: "warning", summary: "bytes that no encoding could decode were replaced by U+FFFD" },
  "unknown-message-type": { severity: "warning", summary: "a message type the reader does not know; kept raw" },
  "unknown-element": { severity: "warning", summary: "a message element the reader does not know; kept raw" },
  "attachment-missing": { severity: "info", summary: "an attachment referenced by a message was not found" },
  "encrypted-database": { severity: "error", summary: "an encrypted database; decrypt it first" },
  "sidecar-ignored": { severity: "warning", summary: "a -wal beside a database that SQLite does not apply (not a WAL, damaged header); rows only in it are missing" },
  "damaged-database": { severity: "error", summary: "a SQLite database that is truncated or damaged" },
  "duplicate-id": { severity: "warning", summary: "an id that appeared before in the same input" },
  "invalid-id": { severity: "warning", summary: "an id of a form the source never writes (not an integer, beyond any number); read with a positional id, the original kept" },
  "duplicate-key": { severity: "warning", summary: "a key that appears more than once in one JSON object; every value was read" },
  "duplicate-section": { severity: "info", summary: "a section that may repeat another one (e.g. 最近联系人)" },
  "empty-input": { severity: "warning", summary: "the input holds no messages" },
  "truncated-input": { severity: "warning", summary: "the input ends in the middle of a record" },
  "count-mismatch": { severity: "warning", summary: "a count stated by the input differs from what was read" },
  "unsupported-content": { severity: "info", summary: "content a writer cannot show; shown as a placeholder" },
  "malformed-payload": { severity: "warning", summary: "an embedded payload (XML, protobuf, JSON) that could not be parsed" },
  "date-unknown": { severity: "warning", summary: "times of day given with no date (a chat window's \"today\"); kept raw, with no wall clock or instant" },
  "date-order-undecidable": { severity: "warning", summary: "day/month order could not be decided from the file" },
  "attachment-changed": { severity: "warning", summary: "an attachment's bytes differ from the size or SHA-256 the reader recorded" },
  "unresolved-name": { severity: "info", summary: "a table or id that could not be mapped to a contact; kept under its own name" },
  "json-escape-repaired": { severity: "info", summary: "invalid JSON escapes a known exporter writes (e.g. tdesktop's \\xHH) were read as the characters they stand for" },
  "unsafe-entry": { severity: "warning", summary: "an archive entry or attachment path that was refused (unsafe path, encrypted, undecodable) and skipped" },
  "input-changed": { severity: "error", summary: "an input file's bytes changed (or it vanished) between the hash before reading and the hash after" },
  "attachment-unreadable": { severity: "warning", summary: "an attachment marked present could not be read or its SHA-256 differs from the recorded one" },
  "contacts-missing": { severity: "info", summary: "the contact database was not given or not found; participants carry ids only" },
  "lossy-output": { severity: "info", summary: "the output format cannot hold some fields; they were dropped or flattened" },
  "repaired-markup": { severity: "info", summary: "source markup repaired by a documented rule (e.g. QQ's bogus &get; entity read as '>')" },
  "conversion-stopped": { severity: "error", summary: "reading stopped with an error part-way; the output holds only what was read before it" },
  "spreadsheet-limit": { severity: "info", summary: "the CSV holds more than Excel opens (32,767 characters a cell, 1,048,576 rows a sheet); written whole" },
  "oversized-record": { severity: "info", summary: "a line or record far larger than any chat export writes (over 1 MiB, or over 1,000 media placeholders); read whole" },
  "date-range": { severity: "info", summary: "what --since/--until kept and left out, and the messages kept because their time could not be placed in the range" },
  "option-unused": { severity: "warning", summary: "a reader option that had no effect: the reader does not take it, or --self matched no participant" },
  "unreferenced-media": { severity: "info", summary: "an embedded media part that no message refers to; its hash is in the diagnostic" },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

/** A diagnostic code from the closed list. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** The default severity of a code. */
export function severityOf(code: DiagnosticCode): Severity {
  return DIAGNOSTIC_CODES[code].severity;
}
