/**
 * Helpers of the mobile database readers: a schema check that names the tables found when the expected
 * ones are absent, and text decoding that reports invalid UTF-8. (Databases open through
 * `openWechatDatabase` in database.ts.)
 */
import { ChatportError } from "../../src/diagnostics/errors.js";

/** Throws an `unknown-format` error naming the tables found when a required one is missing. */
export function requireTables(file: string, found: string[], required: string[], what: string): void {
  const missing = required.filter((t) => !found.includes(t));
  if (missing.length === 0) return;
  const shown = found.length > 20 ? `${found.slice(0, 20).join(", ")} … (${found.length} in all)` : found.join(", ") || "none";
  throw new ChatportError("unknown-format", `${file} is not a ${what}: table(s) ${missing.join(", ")} missing; tables found: ${shown}. Pass the right --from for this database.`);
}

/** Decodes text that may hold invalid UTF-8 (Android `content`, formats-cn.md §7); reports replacements. */
export function bytesToTextReporting(value: unknown, onReplacement: () => void): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (value instanceof Uint8Array) {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(value);
    } catch {
      onReplacement();
      return new TextDecoder("utf-8").decode(value);
    }
  }
  return String(value);
}
