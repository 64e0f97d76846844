import { ChatportError } from "../../src/diagnostics/errors.js";
import type { InputSource, InputTree } from "../../src/io/source.js";
import { isSqliteHeader, openSqliteCopy, SORTED_READ_CACHE_KIB, type SqliteCopy } from "../../src/io/sqlite.js";
import { looksBinary } from "../../src/pipeline/probe.js";
import { textNotDatabaseError } from "../wechat-shared/database.js";

/** Length of the Tencent header QQNT puts before the (SQLCipher) database (formats-cn.md §3.1). */
export const QQNT_HEADER_BYTES = 1024;

/** The database file of the input: the file itself, or the shallowest `nt_msg.db` in a folder. */
export async function databaseOf(input: InputSource | InputTree): Promise<{ db: InputSource; tree?: InputTree }> {
  if (input.kind === "file") return { db: input, ...(input.parent ? { tree: input.parent } : {}) };
  const found = (await input.list())
    .filter((p) => /(^|\/)nt_msg\.db$/i.test(p))
    .sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b));
  if (found.length === 0) throw new ChatportError("unknown-format", `${input.name} holds no nt_msg.db; give the decrypted QQNT nt_msg.db file or the folder that holds it.`);
  return { db: (await input.open(found[0]!))!, tree: input };
}

/** Where the SQLite data starts: 0, after the 1024-byte QQNT header, or nowhere (encrypted). */
export function sqliteOffset(head: Uint8Array): number | undefined {
  if (isSqliteHeader(head)) return 0;
  if (head.length >= QQNT_HEADER_BYTES + 16 && isSqliteHeader(head.subarray(QQNT_HEADER_BYTES))) return QQNT_HEADER_BYTES;
  return undefined;
}

/**
 * Opens a private read-only copy of a decrypted nt_msg.db. A file that was decrypted but still carries
 * QQNT's 1024-byte header is read from byte 1024 (only the copy is cut). A file with no SQLite header at
 * either place is encrypted: the error says to decrypt it first. Its message tables are read through
 * one ORDER BY over an expression (the conversation key), so SQLite sorts whole rows, 40800 bodies
 * included: the smaller sorter cache ({@link SORTED_READ_CACHE_KIB}).
 */
export async function openNtDb(db: InputSource): Promise<{ copy: SqliteCopy; offset: number }> {
  const head = await db.head(QQNT_HEADER_BYTES + 16);
  if (head.length === 0) throw new ChatportError("input-unreadable", `${db.name} is empty (0 bytes); copy the database again.`);
  const offset = sqliteOffset(head);
  // Text is no encrypted database (a JSON export given --from qqnt-db was told to decrypt it).
  if (offset === undefined && !looksBinary(head)) throw textNotDatabaseError(db.name, "QQNT nt_msg.db");
  if (offset === undefined)
    throw new ChatportError(
      "input-damaged",
      `${db.name} is an encrypted database (no "SQLite format 3" header at byte 0 nor after QQNT's 1024-byte header): decrypt it first with a tool you trust (SQLCipher, see the QQNT notes); chatport does not decrypt or extract keys.`,
      { code: "encrypted-database" },
    );
  if (!db.path)
    throw new ChatportError("usage", `${db.name} is not a file on disk; qqnt-db opens a private copy of the database file, so give its path.`);
  const copy = await openSqliteCopy(db.path, { cacheKib: SORTED_READ_CACHE_KIB, ...(offset ? { skipBytes: offset } : {}) });
  return { copy, offset };
}
