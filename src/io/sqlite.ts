import { createReadStream, createWriteStream } from "node:fs";
import { copyFile, mkdtemp, rm, stat } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { ChatportError } from "../diagnostics/errors.js";

/** The SQLite sidecar suffixes that hold rows not yet in the main file. */
export const SQLITE_SIDECARS = ["-wal", "-shm", "-journal"] as const;

/** "SQLite format 3\0", the first 16 bytes of every unencrypted SQLite database. */
export function isSqliteHeader(head: Uint8Array): boolean {
  const sig = "SQLite format 3\u0000";
  if (head.length < 16) return false;
  for (let i = 0; i < 16; i++) if (head[i] !== sig.charCodeAt(i)) return false;
  return true;
}

/** Minimal shape of a better-sqlite3 database that readers use. */
export type SqliteDatabase = import("better-sqlite3").Database;

/** A private read-only copy of a database and how to dispose of it. */
export interface SqliteCopy {
  db: SqliteDatabase;
  /** The sidecars found beside the original and copied with it. */
  sidecars: string[];
  dispose(): Promise<void>;
}

/** Loads better-sqlite3 only when a database is read, with an install hint when it is absent. */
export async function loadSqlite(): Promise<typeof import("better-sqlite3")> {
  try {
    const mod = await import("better-sqlite3");
    return (mod as unknown as { default: typeof import("better-sqlite3") }).default ?? mod;
  } catch (e) {
    throw new ChatportError("output-failed", "Reading databases needs the better-sqlite3 package: run `npm install better-sqlite3`.", { cause: e });
  }
}

/** Options of {@link openSqliteCopy}. */
export interface SqliteCopyOptions {
  /**
   * Bytes to leave out at the start of the original when copying: a decrypted QQNT nt_msg.db may still
   * carry its 1024-byte Tencent header before "SQLite format 3" (formats-cn.md §3.1). Only the private
   * copy is affected; the original is never changed.
   */
  skipBytes?: number;
}

/**
 * Copies a database with its -wal/-shm/-journal sidecars to a private temporary folder and opens the copy
 * read-only, so the original's bytes and mtime never change while rows still only in the WAL are read.
 */
export async function openSqliteCopy(path: string, opts: SqliteCopyOptions = {}): Promise<SqliteCopy> {
  const Database = await loadSqlite();
  const dir = await mkdtemp(join(tmpdir(), "chatport-db-"));
  const target = join(dir, basename(path));
  const sidecars: string[] = [];
  if (opts.skipBytes && opts.skipBytes > 0) await pipeline(createReadStream(path, { start: opts.skipBytes }), createWriteStream(target));
  else await copyFile(path, target);
  for (const s of SQLITE_SIDECARS) {
    try {
      await stat(path + s);
      await copyFile(path + s, target + s);
      sidecars.push(path + s);
    } catch {
      /* absent sidecar */
    }
  }
  let db: SqliteDatabase;
  try {
    db = new Database(target, { readonly: true, fileMustExist: true });
    db.prepare("SELECT count(*) FROM sqlite_master").get();
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw new ChatportError("input-damaged", `${path} could not be opened as a SQLite database (${(e as Error).message}); it may be truncated or encrypted.`, { cause: e, code: "encrypted-database" });
  }
  return {
    db,
    sidecars,
    async dispose() {
      db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Table names of a database (a private copy is opened and removed). */
export async function listSqliteTables(path: string): Promise<string[]> {
  const copy = await openSqliteCopy(path);
  try {
    return (copy.db.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  } finally {
    await copy.dispose();
  }
}
