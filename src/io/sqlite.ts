import { createReadStream, createWriteStream } from "node:fs";
import { copyFile, open, rm, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { basename, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { ChatportError } from "../diagnostics/errors.js";
import { hashPath } from "./hash.js";
import { makeScratchDir } from "./scratch-dirs.js";
import { foreignWalError, inspectWal, readsWithoutWal } from "./sqlite-wal.js";

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
  /** The sidecars found beside the original and copied with it (paths of the originals). */
  sidecars: string[];
  /**
   * Sidecars copied but not used by SQLite (a `-wal` that is not a WAL or has a damaged header, which it
   * ignores silently): the reader reports them (`reportIgnoredSidecars`, sqlite-wal.ts).
   */
  ignoredSidecars: { suffix: (typeof SQLITE_SIDECARS)[number]; why: string }[];
  /** Path of the private copy of the main file (inside a temporary folder removed by `dispose`). */
  copyPath: string;
  /** Closes the database and removes the private copy; safe to call twice. */
  dispose(): Promise<void>;
}

/** Options of {@link openSqliteCopy}. */
export interface SqliteCopyOptions {
  /**
   * Bytes to leave out at the start of the original when copying: a decrypted QQNT nt_msg.db may still
   * carry its 1024-byte Tencent header before "SQLite format 3" (formats-cn.md §3.1). Only the private
   * copy is affected; the original is never changed.
   */
  skipBytes?: number;
  /** Folder in which the private temporary folder is made; the OS temp folder by default. */
  tempRoot?: string;
  /** Page cache of the connection (main and temp schemas), KiB; {@link SQLITE_CACHE_KIB} by default. */
  cacheKib?: number;
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

/**
 * Page cache of a private copy's connection (main and temp schemas), in KiB. SQLite's sorter (every ORDER
 * BY over a whole message table, the repeated-id GROUP BY) keeps up to the cache size in memory before it
 * spills to temporary files: better-sqlite3's 16 MiB default was ~30–35 MiB of peak RSS at 1M rows in the
 * WeChat and QQNT readers. 4 MiB measured no slower (the OS caches the file anyway).
 */
export const SQLITE_CACHE_KIB = 4096;

/**
 * The page cache for a message database read through ORDER BYs that no index serves, several sorting at
 * once (wechat-v4's message_N.db, wechat-ios's MM.sqlite and message_N.sqlite, qqnt-db's nt_msg.db):
 * 1 MiB each took 1M-row peak RSS from 155 to 137 MiB (v4), 146 to 122 (ios), 152 to 136 (qqnt) in the
 * same CPU time, the sorted runs being merged from temporary files the OS caches. 512 and 256 KiB saved
 * no more. The other databases keep {@link SQLITE_CACHE_KIB}.
 */
export const SORTED_READ_CACHE_KIB = 1024;

/**
 * Helper threads SQLite's sorter may use on each private copy (`PRAGMA threads`): one fewer than the
 * cores, at most 3. Readers sort whole message tables (ORDER BY with no index to serve it, the repeated-id
 * GROUP BY): on the 2-core bench machine one helper took WeChat PC3's 1M-row query to its first row
 * from ~1.0 s to ~0.5 s and the repeated-id pass from ~0.5 to ~0.35 s, for ~4 MiB more memory per helper.
 * The helpers sort runs in whatever order they finish, so rows with equal sort keys may come out in a
 * different order each time: every ORDER BY a reader issues ends in a unique key (rowid or the
 * table's primary key), which keeps outputs byte-identical run to run.
 */
export const SORTER_THREADS = Math.max(0, Math.min(3, availableParallelism() - 1));

/**
 * Copies a database with its -wal/-shm/-journal sidecars to a private temporary folder and opens the copy
 * read-only (audit-outputs.md §1.3): the originals' bytes and mtimes never change (nothing opens them
 * except to read), and rows still only in the -wal ARE seen, which `immutable=1` on the original would
 * miss. Before opening, the original's header is checked: no "SQLite format 3" header → an encrypted
 * database (decrypt first); a file shorter than its header says → damaged or truncated.
 */
export async function openSqliteCopy(path: string, options: SqliteCopyOptions = {}): Promise<SqliteCopy> {
  const skip = options.skipBytes && options.skipBytes > 0 ? options.skipBytes : 0;
  const pageSize = await checkDatabaseFile(path, skip);
  const ignoredSidecars: SqliteCopy["ignoredSidecars"] = [];
  if (await isFile(path + "-wal")) {
    const wal = await inspectWal(path + "-wal", pageSize).catch((e: unknown) => {
      throw new ChatportError("input-unreadable", `${path}-wal cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check the path and permissions.`, { cause: e });
    });
    // SQLite would apply a WAL of another page size anyway, reading another database's pages.
    if (wal.kind === "refused") throw foreignWalError(path, wal.why);
    if (wal.kind === "ignored") ignoredSidecars.push({ suffix: "-wal", why: wal.why });
  }
  const Database = await loadSqlite();
  const dir = await makeScratchDir("db", options.tempRoot);
  const target = join(dir, basename(path));
  const sidecars: string[] = [];
  let db: SqliteDatabase;
  try {
    if (skip) await pipeline(createReadStream(path, { start: skip }), createWriteStream(target));
    else await copyFile(path, target);
    for (const s of SQLITE_SIDECARS) {
      if (!(await isFile(path + s))) continue;
      await copyFile(path + s, target + s);
      sidecars.push(path + s);
    }
    // A -journal beside the database is an interrupted write: SQLite rolls it back before reading (or
    // drops it when it is not a valid journal), which needs a writable file. The copy is private, so it
    // is opened writable once for that; the original and its journal stay as they were.
    if (await hasBytes(target + "-journal")) {
      const rw = new Database(target, { fileMustExist: true });
      try {
        rw.prepare("SELECT count(*) FROM sqlite_master").get();
      } finally {
        rw.close();
      }
    }
    db = new Database(target, { readonly: true, fileMustExist: true });
    db.prepare("SELECT count(*) FROM sqlite_master").get();
    const cacheKib = options.cacheKib ?? SQLITE_CACHE_KIB;
    db.pragma(`main.cache_size = -${cacheKib}`);
    db.pragma(`temp.cache_size = -${cacheKib}`);
    db.pragma(`threads = ${SORTER_THREADS}`);
  } catch (e) {
    const code = (e as { code?: string }).code ?? "";
    // A valid WAL of another database is applied all the same and can leave the schema unreadable.
    const walToBlame = code.startsWith("SQLITE_") && sidecars.includes(path + "-wal") && !ignoredSidecars.length && (await readsWithoutWal(target, (d) => d.prepare("SELECT count(*) FROM sqlite_master").get()));
    await rm(dir, { recursive: true, force: true });
    if (e instanceof ChatportError) throw e;
    if (walToBlame) throw foreignWalError(path, `with it, SQLite cannot read the database (${(e as Error).message}); the database alone opens`, e);
    if (code === "SQLITE_NOTADB")
      throw new ChatportError("input-damaged", `${path} is not readable as a SQLite database (${(e as Error).message}): if it comes from WeChat, QQ or another app that encrypts its data, decrypt it first with a tool you trust; chatport does not decrypt.`, { cause: e, code: "encrypted-database" });
    if (code.startsWith("SQLITE_"))
      throw new ChatportError("input-damaged", `${path} is a damaged SQLite database (${(e as Error).message}); copy it again from the device or backup and check the copy is complete.`, { cause: e, code: "damaged-database" });
    throw new ChatportError("input-unreadable", `${path} could not be copied for reading (${(e as Error).message}); check the path and permissions.`, { cause: e });
  }
  let disposed = false;
  return {
    db,
    sidecars,
    ignoredSidecars,
    copyPath: target,
    async dispose() {
      if (disposed) return;
      disposed = true;
      db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Checks a database file before it is copied: readable, not empty, a SQLite header at `skip` (else it
 * is taken for an encrypted database), and at least as long as its header says (else truncated).
 * Returns the page size its header gives, when valid.
 */
async function checkDatabaseFile(path: string, skip: number): Promise<number | undefined> {
  let size: number;
  const head = new Uint8Array(100);
  let got = 0;
  try {
    const fh = await open(path, "r");
    try {
      size = (await fh.stat()).size - skip;
      got = (await fh.read(head, 0, 100, skip)).bytesRead;
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw new ChatportError("input-unreadable", `${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check the path and permissions.`, { cause: e });
  }
  if (size <= 0) throw new ChatportError("input-unreadable", `${path} is empty (0 bytes); copy the database again and check that the copy finished.`);
  if (!isSqliteHeader(head.subarray(0, got)))
    throw new ChatportError("input-damaged", `${path} has no "SQLite format 3" header, so it looks like an encrypted database: decrypt it first with a tool you trust; chatport does not decrypt or extract keys.`, { code: "encrypted-database" });
  // With a -wal or hot -journal beside it the main file may legitimately lag its header (a copy taken
  // mid-checkpoint or mid-transaction); SQLite itself judges those when the copy is opened.
  const expected = (await isFile(path + "-wal")) || (await isFile(path + "-journal")) ? undefined : declaredSize(head.subarray(0, got));
  if (got < 100 || (expected !== undefined && size < expected))
    throw new ChatportError("input-damaged", `${path} is truncated: it has ${size} bytes but its header describes ${expected ?? "at least 100"}; copy the database again from the device or backup and check the copy is complete.`, { code: "damaged-database" });
  return headerPageSize(head);
}

/** The page size in a database header (offset 16, 1 = 65536), undefined when not a valid one. */
function headerPageSize(head: Uint8Array): number | undefined {
  const raw = (head[16]! << 8) | head[17]!;
  const size = raw === 1 ? 65536 : raw;
  return size >= 512 && (size & (size - 1)) === 0 ? size : undefined;
}

/**
 * Bytes the main file should have per its 100-byte header: page size (offset 16, 1 = 65536) × page
 * count (offset 28), trusted only when "version-valid-for" (offset 92) equals the change counter
 * (offset 24), as SQLite itself does (fileformat.html §1.3.7).
 */
function declaredSize(head: Uint8Array): number | undefined {
  if (head.length < 100) return undefined;
  const v = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const raw = v.getUint16(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const pages = v.getUint32(28);
  if (pages === 0 || v.getUint32(92) !== v.getUint32(24) || pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return undefined;
  return pageSize * pages;
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/** One file of a database as found on disk: the main file or a sidecar. */
export interface HashedFile {
  /** "main", "-wal", "-shm" or "-journal". */
  role: "main" | (typeof SQLITE_SIDECARS)[number];
  path: string;
  bytes: number;
  sha256: string;
  /** Modification time from the file system (RFC 3339, UTC), for the manifest. */
  mtime: string;
}

/**
 * Hashes a database and each sidecar beside it (streamed SHA-256 + size + mtime), for the manifest:
 * evidence is hashed before reading, sidecars included (audit-outputs.md §1.2–§1.3). Only reads.
 */
export async function hashWithSidecars(path: string): Promise<HashedFile[]> {
  const out: HashedFile[] = [];
  for (const role of ["main", ...SQLITE_SIDECARS] as const) {
    const p = role === "main" ? path : path + role;
    if (role !== "main" && !(await isFile(p))) continue;
    const st = await stat(p).catch((e) => {
      throw new ChatportError("input-unreadable", `${p} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check the path and permissions.`, { cause: e });
    });
    const { bytes, sha256 } = await hashPath(p, { fresh: true });
    out.push({ role, path: p, bytes, sha256, mtime: st.mtime.toISOString() });
  }
  return out;
}

/** Table names of an open database, sorted. */
export function tableNames(db: SqliteDatabase): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

/** An identifier (table or column name) quoted for SQL: in double quotes, each `"` doubled. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Column names of a table (case kept, PRAGMA table_info), empty when the table is absent: for probing schema versions. */
export function columnNames(db: SqliteDatabase, table: string): Set<string> {
  return new Set((db.prepare(`PRAGMA table_info(${quoteIdent(table)})`).all() as { name: string }[]).map((r) => r.name));
}

/** Table names of a database (a private copy is opened and removed). */
export async function listSqliteTables(path: string): Promise<string[]> {
  const copy = await openSqliteCopy(path);
  try {
    return tableNames(copy.db);
  } finally {
    await copy.dispose();
  }
}

/**
 * Maps an error SQLite raised while a reader queried an already opened database (a damaged page met
 * mid-way: SQLITE_CORRUPT, SQLITE_NOTADB, SQLITE_IOERR …) to a clean `input-damaged` error naming the
 * input; undefined for anything else. The engine applies it to every reader, so no reader lets a raw
 * SqliteError escape as an "internal" failure.
 */
export function damagedDatabaseError(e: unknown, inputName: string): ChatportError | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !/^SQLITE_(CORRUPT|NOTADB|IOERR|FORMAT|RANGE|CANTOPEN|ERROR)/.test(code)) return undefined;
  if ((e as Error).name !== "SqliteError") return undefined;
  // A query naming what this database lacks is a schema the reader does not know, not damage.
  if (code === "SQLITE_ERROR" && /^no such (column|table)|has no column named/.test((e as Error).message))
    return new ChatportError(
      "unknown-format",
      `${inputName}: its SQLite data lacks tables or columns the reader expects (${(e as Error).message}); it is another app's or another version's schema, or was edited. Check the --from format; if this is a real export, report the schema.`,
      { cause: e },
    );
  return new ChatportError(
    "input-damaged",
    `${inputName}: a SQLite database in it is damaged (${(e as Error).message}, ${code}); reading stopped there. Copy the database again from the device or backup and check the copy is complete.`,
    { cause: e, code: "damaged-database" },
  );
}

/** Whether `path` is a file with at least one byte. */
async function hasBytes(path: string): Promise<boolean> {
  try {
    return (await stat(path)).size > 0;
  } catch {
    return false;
  }
}
