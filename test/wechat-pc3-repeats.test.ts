import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { readBoth } from "./helpers/read.js";

// Repeated server ids (formats/wechat-shared/repeats.ts, as wechat-pc3 uses it): the first row in merged order keeps the id, every
// later row of the same conversation gets its local id and a `duplicate-id` report, wherever the repeat
// sits (same shard, another shard, stored as text or as a negative integer).

// MsgSvrID has no declared type here so that text stays text (WeChat's INT column would turn '  300 ' into
// 300); the reader reads it with CAST(... AS TEXT) either way.
const SCHEMA = `CREATE TABLE MSG (localId INTEGER PRIMARY KEY AUTOINCREMENT, MsgSvrID, Type INT, SubType INT,
  IsSender INT, CreateTime INT, Sequence INT DEFAULT 0, StrTalker TEXT, StrContent TEXT);`;

/** [localId, MsgSvrID as SQL, talker, CreateTime] */
type Row = [number, string, string, number];

function shard(path: string, rows: Row[]): void {
  const db = new Database(path);
  db.exec(SCHEMA);
  for (const [id, svrid, talker, t] of rows)
    db.exec(`INSERT INTO MSG (localId, MsgSvrID, Type, SubType, IsSender, CreateTime, StrTalker, StrContent) VALUES (${id}, ${svrid}, 1, 0, 0, ${t}, '${talker}', 'row ${id}')`);
  db.close();
}

function account(shards: Row[][]): string {
  const root = join(mkdtempSync(join(tmpdir(), "pc3-repeats-")), "wxid_owner");
  mkdirSync(join(root, "Msg", "Multi"), { recursive: true });
  shards.forEach((rows, i) => shard(join(root, "Msg", "Multi", `MSG${i}.db`), rows));
  return root;
}

async function idsOf(input: string) {
  const { archive, accounting } = await readBoth(input, { from: "wechat-pc3" });
  const conv = (talker: string) => archive.conversations.find((c) => c.id === `wechat-chat:${talker}`)!.messages;
  const dups = archive.diagnostics.filter((d) => d.code === "duplicate-id");
  return { conv, dups, accounting, all: archive.conversations.flatMap((c) => c.messages) };
}

const LOCAL = /^wechat-pc3:[0-9a-f]{16}$/;

describe("wechat-pc3: repeated server ids", () => {
  it("keeps the first and gives later repeats local ids, within a shard and across shards", async () => {
    const { conv, dups, accounting } = await idsOf(
      account([
        [
          [1, "100", "wxid_a", 10],
          [2, "100", "wxid_a", 20],
          [3, "200", "wxid_a", 30],
          [4, "-1", "wxid_a", 50],
        ],
        [
          [1, "200", "wxid_a", 40],
          [2, "'  300 '", "wxid_a", 60],
          [3, "'18446744073709551615'", "wxid_a", 70],
        ],
      ]),
    );
    expect(accounting).toEqual({ rowsRead: 7, rowsInMessages: 7, rowsReported: 0 });
    const ids = conv("wxid_a").map((m) => m.id);
    // -1 and 18446744073709551615 are one id (two's complement), so the text row at t=70 is a repeat
    expect(ids.slice(0, 2)).toEqual(["100", expect.stringMatching(LOCAL)]);
    expect(ids.slice(2, 4)).toEqual(["200", expect.stringMatching(LOCAL)]);
    expect(ids.slice(4)).toEqual(["18446744073709551615", "300", expect.stringMatching(LOCAL)]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(dups.map((d) => d.place)).toEqual([
      { table: "MSG", rowid: 2 },
      { table: "MSG", rowid: 1 },
      { table: "MSG", rowid: 3 },
    ]);
    expect(dups[1]!.message).toContain("Message id 200 appears twice");
  });

  it("lets two conversations share a server id, and gives rows without one local ids", async () => {
    const { conv, dups, all } = await idsOf(
      account([
        [
          [1, "500", "wxid_a", 10],
          [2, "0", "wxid_a", 20],
          [3, "NULL", "wxid_a", 30],
        ],
        [[1, "500", "wxid_b", 15]],
      ]),
    );
    expect(dups).toEqual([]);
    expect(conv("wxid_a")[0]!.id).toBe("500");
    expect(conv("wxid_b")[0]!.id).toBe("500");
    expect(conv("wxid_a").slice(1).map((m) => m.id)).toEqual([expect.stringMatching(LOCAL), expect.stringMatching(LOCAL)]);
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length - 1);
  });

  it("finds repeats in a single database file given alone", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "pc3-repeats-")), "MSG0.db");
    shard(file, [
      [1, "9007199254740993", "wxid_a", 10],
      [2, "7", "wxid_a", 20],
      [3, "'9007199254740993'", "wxid_a", 30],
      [4, "7.0", "wxid_a", 40],
    ]);
    const { conv, dups } = await idsOf(file);
    // a REAL 7.0 is not an id ("7.0" is not an integer), so it is not a repeat of 7: it gets a local id unreported
    expect(conv("wxid_a").map((m) => m.id)).toEqual(["9007199254740993", "7", expect.stringMatching(LOCAL), expect.stringMatching(LOCAL)]);
    expect(dups.map((d) => d.place)).toEqual([{ table: "MSG", rowid: 3 }]);
  });
});
