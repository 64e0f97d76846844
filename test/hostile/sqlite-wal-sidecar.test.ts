/**
 * Hostile input: a `-wal` beside a database that is not its own. Measured with the bundled SQLite (see
 * src/io/sqlite-wal.ts): a valid WAL from another database is applied to this one (even with another
 * page size), replacing its schema; a WAL with a bad header is ignored without a word. Found by the
 * session-14 hostile-input sweep: the error blamed the main file ("has no MSG table") and a garbage
 * `-wal` was not reported.
 */
import { copyFileSync, cpSync, mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { readAll } from "../../src/pipeline/index.js";
import { inspectWal } from "../../src/io/sqlite-wal.js";
import { discoverSamples, materialise } from "../helpers/samples.js";

/** A scratch copy of a sample's database file. */
function sampleDb(format: string, name: string): string {
  const src = materialise(discoverSamples().find((s) => s.format === format && s.name === name)!);
  const path = join(mkdtempSync(join(tmpdir(), "chatport-wal-")), basename(src));
  cpSync(src, path);
  return path;
}

/** The bytes of the `-wal` a database in WAL mode has after `sql`, taken while it is still open (never checkpointed). */
function walOf(setup: string, sql: string, pageSize = 4096, base?: string): Buffer {
  const path = join(mkdtempSync(join(tmpdir(), "chatport-wal-src-")), "x.db");
  if (base) copyFileSync(base, path);
  const db = new Database(path);
  if (!base) db.pragma(`page_size = ${pageSize}`);
  db.pragma("journal_mode = WAL");
  db.exec(setup);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.pragma("wal_autocheckpoint = 0");
  db.exec(sql);
  const wal = readFileSync(path + "-wal");
  db.close();
  return wal;
}

const OTHER = "CREATE TABLE Contact (UserName TEXT, NickName TEXT)";
const ins = "INSERT INTO Contact VALUES ('wxid_a', 'A')";

describe("a -wal from another database", () => {
  it("of the same page size: the error names the -wal (the main file alone reads) and says to remove or re-copy it", async () => {
    const path = sampleDb("wechat-pc3", "single-msg-db");
    // A WAL written from the other database's creation on holds all its pages: its schema replaces this one's.
    writeFileSync(path + "-wal", walOf("", `${OTHER}; ${ins}`));
    const err = (await readAll(path, builtinRegistry, { from: "wechat-pc3" }).catch((e: unknown) => e)) as Error & { kind: string };
    expect(err.kind).toBe("input-damaged");
    expect(err.message).toContain("input.db-wal does not belong to input.db: ");
    expect(err.message).toMatch(/with it, input\.db has no MSG table.*tables are: Contact; the database alone reads as expected\. Remove input\.db-wal, or copy it again together with its database/);
  });

  it("without --from: detection sees the other database's tables, and the error names the -wal instead of an unknown file", async () => {
    const path = sampleDb("wechat-pc3", "single-msg-db");
    writeFileSync(path + "-wal", walOf("", `${OTHER}; ${ins}`));
    const err = (await readAll(path, builtinRegistry).catch((e: unknown) => e)) as Error & { kind: string };
    expect(err.kind).toBe("input-damaged");
    expect(err.message).toMatch(/^input\.db-wal does not belong to input\.db: with it, the database's tables are Contact; alone it reads as wechat-pc3 \(.+\)\. Remove input\.db-wal, or copy it again together with its database/);
  });

  it("holding only some pages (the schema unreadable with it): the error names the -wal, not a damaged main file", async () => {
    const path = sampleDb("wechat-pc3", "single-msg-db");
    writeFileSync(path + "-wal", walOf(OTHER, ins));
    const err = (await readAll(path, builtinRegistry, { from: "wechat-pc3" }).catch((e: unknown) => e)) as Error & { kind: string };
    expect(err.kind).toBe("input-damaged");
    expect(err.message).toMatch(/input\.db-wal does not belong to .*input\.db: with it, SQLite cannot read the database \(.*\); the database alone opens\. Remove input\.db-wal/);
  });

  it("of another page size: refused before reading, naming the -wal", async () => {
    const path = sampleDb("wechat-v4", "single-message-db");
    writeFileSync(path + "-wal", walOf(OTHER, ins, 1024));
    const err = (await readAll(path, builtinRegistry, { from: "wechat-v4" }).catch((e: unknown) => e)) as Error & { kind: string };
    expect(err.kind).toBe("input-damaged");
    expect(err.message).toMatch(/input\.db-wal does not belong to .*input\.db: its pages are 1024 bytes and the database's are 4096/);
  });
});

describe("a -wal SQLite ignores", () => {
  it("not a WAL at all: the messages are read as without it, and a warning names the -wal", async () => {
    const path = sampleDb("wechat-pc3", "single-msg-db");
    const clean = await readAll(path, builtinRegistry, { from: "wechat-pc3" });
    writeFileSync(path + "-wal", Buffer.from("not a write-ahead log ".repeat(100)));
    const a = await readAll(path, builtinRegistry, { from: "wechat-pc3" });
    expect(a.conversations.flatMap((c) => c.messages).length).toBe(clean.conversations.flatMap((c) => c.messages).length);
    const w = a.diagnostics.filter((d) => d.code === "sidecar-ignored");
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: "warning", file: "input.db" });
    expect(w[0]!.message).toMatch(/^input\.db-wal was not applied \(it is not a SQLite WAL file.*messages only in it \(the most recent ones\) may be missing/);
  });

  it("its own valid -wal is applied silently (rows only in it are read)", async () => {
    const path = sampleDb("wechat-pc3", "single-msg-db");
    const before = await readAll(path, builtinRegistry, { from: "wechat-pc3" });
    const n = before.conversations.flatMap((c) => c.messages).length;
    const wal = walOf("", "INSERT INTO MSG (localId, StrTalker, MsgSvrID, Type, SubType, IsSender, CreateTime, StrContent) VALUES (900, 'wxid_walonly', 9001, 1, 0, 0, 1705285200, 'only in the wal')", 4096, path);
    writeFileSync(path + "-wal", wal);
    const a = await readAll(path, builtinRegistry, { from: "wechat-pc3" });
    expect(a.conversations.flatMap((c) => c.messages).length).toBe(n + 1);
    expect(a.conversations.flatMap((c) => c.messages).some((m) => m.text === "only in the wal")).toBe(true);
    expect(a.diagnostics.filter((d) => d.code === "sidecar-ignored" || d.code === "damaged-database")).toEqual([]);
  });
});

describe("inspectWal (the 32-byte header, as SQLite judges it)", () => {
  const dir = mkdtempSync(join(tmpdir(), "chatport-walhead-"));
  const at = (name: string, b: Uint8Array) => (writeFileSync(join(dir, name), b), join(dir, name));
  const good = walOf(OTHER, ins);
  it("a valid header is usable; an empty file has nothing to apply", async () => {
    expect(await inspectWal(at("good", good), 4096)).toEqual({ kind: "usable" });
    expect(await inspectWal(at("empty", new Uint8Array()), 4096)).toEqual({ kind: "empty" });
  });
  it("a damaged header checksum, a short file or a bad page size is ignored", async () => {
    const bad = Buffer.from(good);
    bad[25] = bad[25]! ^ 0xff;
    expect(await inspectWal(at("cksum", bad), 4096)).toMatchObject({ kind: "ignored", why: expect.stringMatching(/checksum/) });
    expect(await inspectWal(at("short", good.subarray(0, 20)), 4096)).toMatchObject({ kind: "ignored" });
    const ps = Buffer.from(good);
    ps.writeUInt32BE(3000, 8);
    expect(await inspectWal(at("ps", ps), 4096)).toMatchObject({ kind: "ignored", why: expect.stringMatching(/page size/) });
  });
  it("another page size than the database's is refused", async () => {
    expect(await inspectWal(at("good2", good), 1024)).toMatchObject({ kind: "refused" });
  });
});
