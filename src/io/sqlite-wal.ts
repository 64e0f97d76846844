/**
 * The `-wal` beside a database, judged as SQLite judges it. Measured with the bundled SQLite: a WAL
 * whose 32-byte header is valid (magic, page size, header checksum) is applied to WHATEVER database it
 * sits beside — nothing in a WAL names its database, and SQLite even adopts the WAL's page size — so a
 * `-wal` copied from another database silently replaces pages (its sqlite_master too). A WAL whose
 * header is not valid is ignored without a word.
 */
import { copyFile, open, rm } from "node:fs/promises";
import { basename, join } from "node:path";
import { ChatportError, isChatportError } from "../diagnostics/errors.js";
import type { ReadContext } from "../plugin/types.js";
import { makeScratchDir } from "./scratch-dirs.js";
import { loadSqlite, type SqliteCopy, type SqliteDatabase } from "./sqlite.js";

/** What SQLite will do with a `-wal`: apply it, find nothing in it, ignore it, or (refused) it cannot be this database's. */
export type WalVerdict = { kind: "usable" | "empty" } | { kind: "ignored" | "refused"; why: string };

const WAL_MAGIC = 0x377f0682;
const WAL_VERSION = 3007000;

/**
 * Reads the 32-byte header of the `-wal` at `path` (nothing more) and says what SQLite will do with it
 * (sqlite3 wal.c walIndexRecover). `dbPageSize` is the main file's page size, when its header gives one:
 * a WAL of another page size cannot belong to it (the page size cannot change in WAL mode).
 */
export async function inspectWal(path: string, dbPageSize: number | undefined): Promise<WalVerdict> {
  const head = Buffer.alloc(32);
  const fh = await open(path, "r");
  let size: number, got: number;
  try {
    size = (await fh.stat()).size;
    got = (await fh.read(head, 0, 32, 0)).bytesRead;
  } finally {
    await fh.close();
  }
  if (size === 0) return { kind: "empty" };
  if (got < 32) return { kind: "ignored", why: `it has ${size} bytes, fewer than a WAL header` };
  const magic = head.readUInt32BE(0);
  if ((magic & 0xfffffffe) !== WAL_MAGIC) return { kind: "ignored", why: "it is not a SQLite WAL file (no WAL magic number)" };
  const pageSize = head.readUInt32BE(8);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return { kind: "ignored", why: `its header names no valid page size (${pageSize})` };
  const [s0, s1] = walChecksum(head.subarray(0, 24), (magic & 1) === 1);
  if (s0 !== head.readUInt32BE(24) || s1 !== head.readUInt32BE(28)) return { kind: "ignored", why: "its header checksum does not match (the header is damaged)" };
  // SQLite refuses to open the database at all over a WAL of another version (SQLITE_CANTOPEN).
  if (head.readUInt32BE(4) !== WAL_VERSION) return { kind: "refused", why: `its WAL format version is ${head.readUInt32BE(4)}, not ${WAL_VERSION}` };
  if (dbPageSize !== undefined && pageSize !== dbPageSize) return { kind: "refused", why: `its pages are ${pageSize} bytes and the database's are ${dbPageSize}, so it was written for another database` };
  return { kind: "usable" };
}

/** SQLite's WAL checksum (wal.c walChecksumBytes) over `data` (a multiple of 8 bytes), words big- or little-endian. */
function walChecksum(data: Buffer, bigEndian: boolean): [number, number] {
  let s0 = 0, s1 = 0;
  for (let i = 0; i < data.length; i += 8) {
    s0 = (s0 + (bigEndian ? data.readUInt32BE(i) : data.readUInt32LE(i)) + s1) >>> 0;
    s1 = (s1 + (bigEndian ? data.readUInt32BE(i + 4) : data.readUInt32LE(i + 4)) + s0) >>> 0;
  }
  return [s0, s1];
}

/** The error for a `-wal` that cannot belong to its database, naming the `-wal` and what to do. */
export function foreignWalError(dbName: string, why: string, cause?: unknown): ChatportError {
  return new ChatportError(
    "input-damaged",
    `${dbName}-wal does not belong to ${dbName}: ${why}. Remove ${basename(dbName)}-wal, or copy it again together with its database (both from the same moment).`,
    { code: "damaged-database", ...(cause ? { cause } : {}) },
  );
}

/** Reports each sidecar of `copy` that SQLite ignored (`sidecar-ignored`), under the input name `name`. */
export function reportIgnoredSidecars(copy: SqliteCopy, name: string, ctx: Pick<ReadContext, "report">): void {
  for (const s of copy.ignoredSidecars)
    ctx.report("sidecar-ignored", {
      message: `${name}${s.suffix} was not applied (${s.why}); the database was read without it, so messages only in it (the most recent ones) may be missing. Copy it again together with its database if it should hold data.`,
      file: name,
    });
}

/**
 * Runs `read` (a reader's schema check) on `copy`; when it fails and a `-wal` was applied, reads the main
 * file alone (a second private copy, made only on this failing path): if that succeeds, the `-wal` came
 * from another database and the error says so, naming it. Otherwise the original error stands.
 */
export async function blameForeignWal<T>(copy: SqliteCopy, name: string, read: (db: SqliteDatabase) => T): Promise<T> {
  try {
    return read(copy.db);
  } catch (e) {
    if (!copy.sidecars.some((s) => s.endsWith("-wal")) || copy.ignoredSidecars.some((s) => s.suffix === "-wal")) throw e;
    if (!isChatportError(e) && (e as Error).name !== "SqliteError") throw e;
    if (!(await readsWithoutWal(copy.copyPath, read))) throw e;
    throw foreignWalError(name, `with it, ${(e as Error).message.replace(/\.$/, "")}; the database alone reads as expected`, e);
  }
}

/**
 * Whether `read` succeeds on the database at `copyPath` (a private copy) without its sidecars: the main
 * file is copied once more, alone, to a scratch folder (only on a path that is failing anyway).
 */
export async function readsWithoutWal(copyPath: string, read: (db: SqliteDatabase) => unknown): Promise<boolean> {
  const dir = await makeScratchDir("db");
  try {
    const alone = join(dir, basename(copyPath));
    // A read-only connection never writes the private copy, so it still holds the original's bytes.
    await copyFile(copyPath, alone);
    const Database = await loadSqlite();
    const db = new Database(alone, { readonly: true, fileMustExist: true });
    try {
      read(db);
      return true;
    } catch {
      return false;
    } finally {
      db.close();
    }
  } catch {
    return false;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
