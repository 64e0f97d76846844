import type { ZodType } from "zod";
import { DIAGNOSTIC_CODES, type DiagnosticCode } from "../../src/diagnostics/codes.js";
import type { Diagnostic as DiagnosticT } from "../../src/model/schema.js";
import { Diagnostic } from "../../src/model/schema.js";
import type { ReadContext } from "../../src/plugin/types.js";

/** Raw text kept in a diagnostic, cut so one huge bad record cannot blow up the report. */
const RAW_LIMIT = 2000;

/** Escapes one JSON-pointer segment (RFC 6901). */
export const pointerSegment = (s: string | number): string => String(s).replace(/~/g, "~0").replace(/\//g, "~1");

/** A short raw rendering of a value for a diagnostic. */
export function rawOf(v: unknown): string {
  let s: string;
  try {
    s = typeof v === "string" ? v : JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > RAW_LIMIT ? s.slice(0, RAW_LIMIT) + "…" : s;
}

/**
 * Validates a value with a zod schema; on failure reports one `unrecognized-record` diagnostic whose
 * place is the JSON pointer of the first offending field (e.g. `/conversations/0/messages/3/sentAt/basis`)
 * and returns undefined. On success the input value is returned as it was (keys the schema does not
 * know are kept, so a re-import passes them through).
 */
export function validated<T>(schema: ZodType<T>, value: unknown, what: string, pointer: string, file: string, ctx: ReadContext): T | undefined {
  const r = schema.safeParse(value);
  // The value itself, not r.data: zod rebuilds records by assignment, which silently drops an own
  // "__proto__" key (a legal JSON key) from `extra` payloads; the validated input is already plain data.
  if (r.success) return value as T;
  const issue = r.error.issues[0]!;
  const at = pointer + issue.path.map((p) => "/" + pointerSegment(String(p))).join("");
  const more = r.error.issues.length > 1 ? ` (and ${r.error.issues.length - 1} more problem(s))` : "";
  ctx.report("unrecognized-record", {
    message: `${file}: ${what} at ${at || "/"} does not match the chatport schema: ${issue.message}${more}; the record is kept only here, in raw.`,
    file,
    place: { pointer: at || "/" },
    raw: rawOf(value),
  });
  return undefined;
}

/**
 * Re-reports a diagnostic stored in the archive. Its code, message, file, place and raw are kept; its
 * origin becomes this reader and its severity comes from the code table (an unknown code is reported
 * as `unrecognized-record`, naming the original code).
 */
export function replayDiagnostic(value: unknown, pointer: string, file: string, ctx: ReadContext): boolean {
  const d = validated<DiagnosticT>(Diagnostic, value, "diagnostic", pointer, file, ctx);
  if (!d) return false;
  const known = d.code in DIAGNOSTIC_CODES;
  const code = (known ? d.code : "unrecognized-record") as DiagnosticCode;
  const message = known ? d.message : `${d.origin} reported ${d.code}: ${d.message}`;
  ctx.report(code, {
    message,
    ...(d.file !== undefined ? { file: d.file } : {}),
    ...(d.place !== undefined ? { place: d.place } : {}),
    ...(d.raw !== undefined ? { raw: d.raw } : {}),
    restated: true,
  });
  return true;
}
