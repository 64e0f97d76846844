/**
 * Opening WeChat databases for the mobile readers: the plain-SQLite check (an encrypted database is
 * refused with `encrypted-database`: chatport does not decrypt), a private read-only copy through
 * `openSqliteCopy`, and a schema check that names the tables found when the expected ones are absent.
 */
import { ChatportError } from "../../src/diagnostics/errors.js";
import type { InputSource } from "../../src/io/source.js";
import { isSqliteHeader, openSqliteCopy, type SqliteCopy } from "../../src/io/sqlite.js";

/** Opens a database input after checking it is plain SQLite; `what` names it in messages ("EnMicroMsg.db"). */
export async function openWechatDb(src: InputSource, what: string): Promise<SqliteCopy> {
  const head = await src.head(16);
  if (!isSqliteHeader(head))
    throw new ChatportError(
      "input-damaged",
      `${src.name} looks like an encrypted database (a ${what} without the "SQLite format 3" header): decrypt it first with a tool you trust, then convert the decrypted copy; chatport does not decrypt or extract keys.`,
      { code: "encrypted-database" },
    );
  if (!src.path) throw new ChatportError("usage", `${src.name}: databases are read from a file on disk; give its path.`);
  return openSqliteCopy(src.path);
}

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
