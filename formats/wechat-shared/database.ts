import { ChatportError, isChatportError } from "../../src/diagnostics/errors.js";
import type { ReadContext } from "../../src/plugin/types.js";
import { damagedDatabaseError, isSqliteHeader, openSqliteCopy, type SqliteCopy, type SqliteCopyOptions } from "../../src/io/sqlite.js";
import type { InputSource } from "../../src/io/source.js";
import { reportIgnoredSidecars } from "../../src/io/sqlite-wal.js";
import { looksBinary } from "../../src/pipeline/probe.js";

const DB_NAME = /\.(db|sqlite|sqlite3|db3)$/i;

function entropy(bytes: Uint8Array): number {
  const counts = new Uint32Array(256);
  for (const b of bytes) counts[b]!++;
  let e = 0;
  for (const c of counts) if (c) e -= (c / bytes.length) * Math.log2(c / bytes.length);
  return e;
}

/**
 * The error for a database reader given a text file: not a SQLite database, so neither a decrypted nor
 * an encrypted `what` (exit 4, not "decrypt it first").
 */
export function textNotDatabaseError(name: string, what: string): ChatportError {
  return new ChatportError("unknown-format", `${name} is text, not a SQLite database, so it is neither a decrypted nor an encrypted ${what}; pass --from with the format it is (\`chatport detect\` says what it looks like).`);
}

/**
 * Opens a WeChat database as a private read-only copy (src/io/sqlite.ts). A file without the
 * "SQLite format 3" header is refused as text when it looks like text, else as encrypted (chatport does
 * not decrypt) when it must be a database: `expected` names what the caller found it as ("EnMicroMsg.db",
 * a mobile reader's one input), or its name or random-looking bytes say it is one. Anything else is not
 * a database at all. `options` go to `openSqliteCopy` (a smaller page cache for the message databases).
 */
export async function openWechatDatabase(src: InputSource, expected?: string, options: SqliteCopyOptions = {}): Promise<SqliteCopy> {
  const head = await src.head(4096);
  if (!isSqliteHeader(head)) {
    if (src.size === 0)
      throw new ChatportError("input-damaged", `${src.name} is empty (0 bytes); copy it again from the device or backup and check the copy is complete.`, { code: "damaged-database" });
    // Text is no encrypted database, whatever --from or its name said (a JSON export given --from
    // wechat-android was told to decrypt it).
    if (!looksBinary(head)) throw textNotDatabaseError(src.name, expected ?? "WeChat database");
    if (expected !== undefined)
      throw new ChatportError(
        "input-damaged",
        `${src.name} looks like an encrypted database (a ${expected} without the "SQLite format 3" header): decrypt it first with a tool you trust, then convert the decrypted copy; chatport does not decrypt or extract keys.`,
        { code: "encrypted-database" },
      );
    if ((DB_NAME.test(src.name) && src.size >= 1024) || (head.length >= 1024 && entropy(head) > 7.5))
      throw new ChatportError("input-damaged", `${src.name} is an encrypted WeChat database (it has no "SQLite format 3" header): decrypt it first with a tool you trust; chatport does not decrypt or extract keys.`, { code: "encrypted-database" });
    throw new ChatportError("unknown-format", `${src.name} is not a SQLite database (no "SQLite format 3" header), so it is not a decrypted WeChat database.`);
  }
  if (!src.path) throw new ChatportError("input-unreadable", `${src.name} is not a file on disk; WeChat databases are read from a private copy of a real file.`);
  return openSqliteCopy(src.path, options);
}

/**
 * Runs `read` over a side database opened with {@link openSideDatabase}; when a page turns out damaged
 * part-way (SQLITE_CORRUPT and the like) or a column it asks for is not there, reports it like an
 * unreadable side database and returns `fallback`. Other errors pass.
 */
export function readSideDatabase<T>(read: () => T, fallback: T, file: string, what: string, consequence: string, ctx: ReadContext): T {
  try {
    return read();
  } catch (e) {
    const damaged = damagedDatabaseError(e, file);
    if (!damaged) throw e;
    // Damage, or a schema without the columns asked for: either way this side database adds nothing.
    ctx.report(damaged.kind === "input-damaged" ? "damaged-database" : "unrecognized-record", { message: `${file} (${what}) could not be read: ${damaged.message} ${consequence}`, file });
    return fallback;
  }
}

/**
 * Opens a database that sits beside the messages (contacts, voice audio, media locations) like
 * {@link openWechatDatabase}; one that cannot be read (encrypted, damaged) is reported, saying what it
 * held and what follows (`consequence`), and undefined is returned: the messages are still read.
 */
export async function openSideDatabase(src: InputSource, what: string, consequence: string, ctx: ReadContext): Promise<SqliteCopy | undefined> {
  try {
    const copy = await openWechatDatabase(src);
    reportIgnoredSidecars(copy, src.name, ctx);
    return copy;
  } catch (e) {
    if (!isChatportError(e)) throw e;
    ctx.report(e.code === "encrypted-database" ? "encrypted-database" : "damaged-database", { message: `${src.name} (${what}) could not be read: ${e.message} ${consequence}`, file: src.name });
    return undefined;
  }
}
