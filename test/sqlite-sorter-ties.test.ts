/**
 * Private copies sort with SQLite's helper threads (sqlite.ts SORTER_THREADS), whose sorted runs finish
 * in any order: rows whose sort keys tie could then come out in a different order each run. Every
 * reader's ORDER BY ends in a unique key; these tests give a reader a table whose declared key is not
 * unique (no PRIMARY KEY) and enough tied rows for the sorter to spill several runs, and check the rows
 * come out in rowid order, twice.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { openSqliteCopy, SORTER_THREADS } from "../src/io/sqlite.js";
import { readAll } from "../src/pipeline/read-all.js";

/** Rows enough (~20 MB of sort data) for the sorter to write several runs past a 4 MiB cache. */
const ROWS = 50_000;
const PAD = "填".repeat(120);

function androidWithTies(): string {
  const path = join(mkdtempSync(join(tmpdir(), "cp-ties-")), "EnMicroMsg.db");
  const db = new Database(path);
  // msgId without PRIMARY KEY: every row has the same talker, createTime and msgId.
  db.exec(`CREATE TABLE message (msgId INTEGER, msgSvrId INTEGER, type INT, status INT, isSend INT, createTime INTEGER, talker TEXT, content TEXT, imgPath TEXT);
    CREATE TABLE rcontact (username TEXT PRIMARY KEY, alias TEXT, conRemark TEXT, nickname TEXT, type INT);
    CREATE TABLE userinfo (id INTEGER PRIMARY KEY, type INT, value TEXT);
    INSERT INTO userinfo VALUES (2, 3, 'wxid_owner9');`);
  const insert = db.prepare("INSERT INTO message VALUES (7, ?, 1, 2, 0, 1709251205000, 'wxid_carol3', ?, NULL)");
  db.transaction(() => {
    for (let i = 0; i < ROWS; i++) insert.run(1000 + i, `${i} ${PAD}`);
  })();
  db.close();
  return path;
}

describe("sorting with helper threads", () => {
  it("private copies allow the helper threads", async () => {
    const copy = await openSqliteCopy(androidWithTies());
    try {
      expect(copy.db.pragma("threads", { simple: true })).toBe(SORTER_THREADS);
    } finally {
      await copy.dispose();
    }
  });

  it("wechat-android: rows tied on talker, time and msgId come out in rowid order, the same each run", async () => {
    const path = androidWithTies();
    for (let run = 0; run < 2; run++) {
      const archive = await readAll(path, builtinRegistry, { from: "wechat-android" });
      const order = archive.conversations.flatMap((c) => c.messages.map((m) => Number(m.text!.split(" ")[0])));
      expect(order.length).toBe(ROWS);
      const firstOutOfOrder = order.findIndex((n, i) => n !== i);
      expect(firstOutOfOrder).toBe(-1);
    }
  }, 60_000);
});
