/**
 * SQLite evidence handling (DESIGN.md §6, audit-outputs.md §1.3): the originals and their sidecars keep
 * their bytes and mtimes, rows still only in the -wal are read through the private copy, encrypted and
 * truncated files give clear errors, and the private copy is gone after dispose.
 */
import { createHash } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatportError } from "../src/diagnostics/errors.js";
import { hashWithSidecars, openSqliteCopy } from "../src/io/index.js";

let root: string;
/** The "evidence" folder: main file + -wal + -shm, with 1 row checkpointed and 5 only in the WAL. */
let evidence: string;
let db: string;

const sha = async (p: string) => createHash("sha256").update(await readFile(p)).digest("hex");

async function snapshot(paths: string[]) {
  const out: Record<string, { sha: string; mtimeMs: number; size: number }> = {};
  for (const p of paths) {
    const st = await stat(p);
    out[p] = { sha: await sha(p), mtimeMs: st.mtimeMs, size: st.size };
  }
  return out;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "chatport-sqlite-test-"));
  const live = join(root, "live");
  evidence = join(root, "evidence");
  await mkdir(live);
  await mkdir(evidence);
  const livePath = join(live, "MSG0.db");
  const w = new Database(livePath);
  w.pragma("journal_mode = WAL");
  w.pragma("wal_autocheckpoint = 0");
  w.exec("CREATE TABLE msg (id INTEGER PRIMARY KEY, svr_id INTEGER, text TEXT)");
  w.prepare("INSERT INTO msg (svr_id, text) VALUES (?, ?)").run(9007199254740993n, "checkpointed");
  w.pragma("wal_checkpoint(TRUNCATE)");
  const ins = w.prepare("INSERT INTO msg (svr_id, text) VALUES (?, ?)");
  for (let i = 1; i <= 5; i++) ins.run(BigInt(i), `only in wal ${i}`);
  // The writer is still open, so nothing is checkpointed: copy the files as an acquisition would.
  db = join(evidence, "MSG0.db");
  for (const s of ["", "-wal", "-shm"]) await copyFile(livePath + s, db + s);
  w.close();
  // Old, distinctive mtimes so a change cannot hide inside the same second.
  const t = new Date("2020-02-02T02:02:02Z");
  for (const s of ["", "-wal", "-shm"]) await utimes(db + s, t, t);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("openSqliteCopy on WAL evidence", () => {
  it("the fixture really has rows only in the -wal", async () => {
    expect((await stat(db + "-wal")).size).toBeGreaterThan(0);
    // The main file alone (no sidecars) holds only the checkpointed row.
    const alone = join(root, "alone");
    await mkdir(alone);
    await copyFile(db, join(alone, "MSG0.db"));
    const d = new Database(join(alone, "MSG0.db"), { readonly: true, fileMustExist: true });
    try {
      expect(d.prepare("SELECT count(*) AS n FROM msg").get()).toEqual({ n: 1 });
    } finally {
      d.close();
    }
  });

  it("reads the rows still only in the -wal, and the originals keep their bytes and mtimes", async () => {
    const files = [db, db + "-wal", db + "-shm"];
    const before = await snapshot(files);
    const tempRoot = await mkdtemp(join(root, "tmp-"));
    const copy = await openSqliteCopy(db, { tempRoot });
    try {
      expect(copy.sidecars).toEqual([db + "-wal", db + "-shm"]);
      const rows = copy.db.prepare("SELECT CAST(svr_id AS TEXT) AS svr, text FROM msg ORDER BY id").all() as { svr: string; text: string }[];
      expect(rows).toHaveLength(6);
      expect(rows[0]).toEqual({ svr: "9007199254740993", text: "checkpointed" });
      expect(rows[5]).toEqual({ svr: "5", text: "only in wal 5" });
      expect(existsSync(copy.copyPath)).toBe(true);
      expect(copy.copyPath.startsWith(tempRoot)).toBe(true);
    } finally {
      await copy.dispose();
    }
    expect(await snapshot(files)).toEqual(before);
    expect((await readdir(evidence)).sort()).toEqual(["MSG0.db", "MSG0.db-shm", "MSG0.db-wal"]);
    // (d) the private copy is gone, and dispose can run twice.
    expect(await readdir(tempRoot)).toEqual([]);
    await copy.dispose();
  });
});

describe("openSqliteCopy on bad files", () => {
  it("random bytes: encrypted-database, says to decrypt first, leaves no temp copy", async () => {
    const p = join(root, "random.db");
    const bytes = new Uint8Array(8192);
    let x = 0x2545f491;
    for (let i = 0; i < bytes.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      bytes[i] = x & 0xff;
    }
    await writeFile(p, bytes);
    const tempRoot = await mkdtemp(join(root, "tmp-"));
    const err = await openSqliteCopy(p, { tempRoot }).catch((e) => e);
    expect(err).toBeInstanceOf(ChatportError);
    expect(err.kind).toBe("input-damaged");
    expect(err.code).toBe("encrypted-database");
    expect(err.message).toContain(p);
    expect(err.message).toMatch(/decrypt it first/);
    expect(await readdir(tempRoot)).toEqual([]);
  });

  it("a truncated database: damaged-database, names the sizes, leaves no temp copy", async () => {
    const full = join(root, "full.db");
    const d = new Database(full);
    d.exec("CREATE TABLE t (x TEXT)");
    const ins = d.prepare("INSERT INTO t VALUES (?)");
    d.transaction(() => {
      for (let i = 0; i < 2000; i++) ins.run("row ".repeat(20) + i);
    })();
    d.close();
    const bytes = await readFile(full);
    expect(bytes.length).toBeGreaterThan(4096 * 4);
    const cut = join(root, "cut.db");
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const tempRoot = await mkdtemp(join(root, "tmp-"));
    const err = await openSqliteCopy(cut, { tempRoot }).catch((e) => e);
    expect(err).toBeInstanceOf(ChatportError);
    expect(err.kind).toBe("input-damaged");
    expect(err.code).toBe("damaged-database");
    expect(err.message).toContain(`${cut} is truncated: it has ${Math.floor(bytes.length / 2)} bytes but its header describes ${bytes.length}`);
    expect(await readdir(tempRoot)).toEqual([]);
    // The whole file still opens.
    const ok = await openSqliteCopy(full);
    expect(ok.db.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: 2000 });
    await ok.dispose();
  });

  it("a file cut inside its header, and an empty file", async () => {
    const head = join(root, "head.db");
    await writeFile(head, "SQLite format 3\u0000\u0010\u0000");
    expect((await openSqliteCopy(head).catch((e) => e)).code).toBe("damaged-database");
    const empty = join(root, "empty.db");
    await writeFile(empty, "");
    const err = await openSqliteCopy(empty).catch((e) => e);
    expect(err).toBeInstanceOf(ChatportError);
    expect(err.kind).toBe("input-unreadable");
    expect(err.message).toMatch(/is empty/);
  });
});

describe("hashWithSidecars", () => {
  it("returns the main file and each sidecar with bytes, SHA-256 and mtime, changing nothing", async () => {
    const before = await snapshot([db, db + "-wal", db + "-shm"]);
    const hashed = await hashWithSidecars(db);
    expect(hashed.map((h) => h.role)).toEqual(["main", "-wal", "-shm"]);
    for (const h of hashed) {
      expect(h.sha256).toBe(before[h.path]!.sha);
      expect(h.bytes).toBe(before[h.path]!.size);
      expect(h.mtime).toBe("2020-02-02T02:02:02.000Z");
    }
    expect(await snapshot([db, db + "-wal", db + "-shm"])).toEqual(before);
    expect((await hashWithSidecars(join(root, "full.db"))).map((h) => h.role)).toEqual(["main"]);
    expect((await hashWithSidecars(join(root, "nope.db")).catch((e) => e)).kind).toBe("input-unreadable");
  });
});

describe("damagedDatabaseError", () => {
  it("calls a missing column or table a schema the reader does not know, and real damage damage", async () => {
    const { damagedDatabaseError } = await import("../src/io/sqlite.js");
    const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { name: "SqliteError", code });
    expect(damagedDatabaseError(sqliteError("SQLITE_ERROR", "no such column: createTime"), "EnMicroMsg.db")).toMatchObject({ kind: "unknown-format", message: expect.stringContaining("lacks tables or columns") });
    expect(damagedDatabaseError(sqliteError("SQLITE_ERROR", "no such table: message"), "x.db")?.kind).toBe("unknown-format");
    expect(damagedDatabaseError(sqliteError("SQLITE_CORRUPT", "database disk image is malformed"), "x.db")).toMatchObject({ kind: "input-damaged", code: "damaged-database" });
  });
});
