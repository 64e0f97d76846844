import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { readBoth } from "./helpers/read.js";

// Repeated server ids in the mobile and 4.x databases (formats/wechat-shared/repeats.ts): SQLite finds the
// ids stored on more than one row before reading, and only those are remembered. The first row in read
// order keeps the id; later rows fall back to local ids (wechat-android and wechat-ios over the whole
// database, silently; wechat-v4 per conversation, with a `duplicate-id` report).

const md5 = (s: string) => createHash("md5").update(s, "utf8").digest("hex");
const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));

async function read(input: string, from: string) {
  const { archive } = await readBoth(input, { from });
  const ids = (username: string) => archive.conversations.find((c) => c.id === `wechat-chat:${username}`)!.messages.map((m) => m.id);
  return { ids, archive, dups: archive.diagnostics.filter((d) => d.code === "duplicate-id") };
}

describe("wechat-android: repeated msgSvrId", () => {
  // msgSvrId declared without a type so text stays text; the reader reads CAST(msgSvrId AS TEXT) either way.
  function androidDb(rows: [number, string, string, number][]): string {
    const file = join(tmp("android-repeats-"), "EnMicroMsg.db");
    const db = new Database(file);
    db.exec(`CREATE TABLE message (msgId INTEGER PRIMARY KEY, msgSvrId, type INT, status INT, isSend INT, createTime INTEGER, talker TEXT, content TEXT, imgPath TEXT);
      CREATE TABLE rcontact (username TEXT PRIMARY KEY, alias TEXT, conRemark TEXT, nickname TEXT);`);
    for (const [id, svr, talker, t] of rows)
      db.exec(`INSERT INTO message (msgId, msgSvrId, type, status, isSend, createTime, talker, content) VALUES (${id}, ${svr}, 1, 4, 0, ${t}, '${talker}', 'row ${id}')`);
    db.close();
    return file;
  }

  it("reads a conversation in numeric time order, ties by msgId as numbers (not as text)", async () => {
    // The ORDER BY used to name the SELECT's CAST(… AS TEXT) aliases: "10" sorted before "9", "1000" before "999".
    const { archive } = await read(androidDb([[10, "110", "wxid_a", 1000], [9, "109", "wxid_a", 1000], [100, "200", "wxid_a", 1000], [11, "111", "wxid_a", 999]]), "wechat-android");
    expect(archive.conversations[0]!.messages.map((m) => m.text)).toEqual(["row 11", "row 9", "row 10", "row 100"]);
  });

  it("keeps the first of a repeat within and across conversations; -1 and 0 are no id", async () => {
    const { ids, dups } = await read(
      androidDb([
        [1, "100", "wxid_a", 1000],
        [2, "100", "wxid_a", 2000],
        [3, "200", "wxid_a", 3000],
        [4, "200", "wxid_b", 500],
        [5, "-1", "wxid_a", 4000],
        [6, "'-1'", "wxid_a", 5000],
        [7, "0", "wxid_a", 6000],
        [8, "' -1 '", "wxid_a", 7000],
        [9, "'18446744073709551615'", "wxid_a", 8000],
        [10, "-5", "wxid_b", 900],
        [11, "'18446744073709551611'", "wxid_b", 950],
        [12, "'  300'", "wxid_b", 960],
      ]),
      "wechat-android",
    );
    const local = expect.stringMatching(/^wechat-android:[0-9a-f]{16}$/);
    // read order: talker, createTime — wxid_a's rows come first, so wxid_b's 200 is the repeat
    // " -1 " is not the literal -1 (no-id marker): it normalises to 18446744073709551615, so row 9 repeats it
    expect(ids("wxid_a")).toEqual(["100", local, "200", local, local, local, "18446744073709551615", local]);
    // -5 and 18446744073709551611 are one id (two's complement)
    expect(ids("wxid_b")).toEqual([local, "18446744073709551611", local, "300"]);
    const all = [...ids("wxid_a"), ...ids("wxid_b")];
    expect(new Set(all).size).toBe(all.length);
    expect(dups).toEqual([]);
  });
});

describe("wechat-ios: repeated MesSvrID over tables and files", () => {
  const SCHEMA = (t: string) => `CREATE TABLE "${t}" (MesLocalID INTEGER PRIMARY KEY AUTOINCREMENT, MesSvrID, CreateTime INTEGER, Message TEXT, Status INTEGER, Type INTEGER, Des INTEGER);`;
  function file(path: string, tables: Record<string, [number, string, number][]>): void {
    const db = new Database(path);
    for (const [user, rows] of Object.entries(tables)) {
      const t = `Chat_${md5(user)}`;
      db.exec(SCHEMA(t));
      for (const [id, svr, time] of rows) db.exec(`INSERT INTO "${t}" (MesLocalID, MesSvrID, CreateTime, Message, Status, Type, Des) VALUES (${id}, ${svr}, ${time}, 'row ${id}', 4, 1, 1)`);
    }
    db.close();
  }

  it("reads a chat table in numeric CreateTime order (not the text order of its CAST alias)", async () => {
    const dir = join(tmp("ios-order-"), "DB");
    mkdirSync(dir);
    file(join(dir, "MM.sqlite"), { wxid_a: [[1, "101", 1000], [2, "102", 999], [3, "103", 1000]] });
    const c = new Database(join(dir, "WCDB_Contact.sqlite"));
    c.exec("CREATE TABLE Friend (userName TEXT PRIMARY KEY, type INTEGER, dbContactRemark BLOB)");
    c.exec(`INSERT INTO Friend VALUES ('wxid_a', 3, NULL)`);
    c.close();
    const { archive } = await read(dir, "wechat-ios");
    expect(archive.conversations[0]!.messages.map((m) => m.text)).toEqual(["row 2", "row 1", "row 3"]);
  });

  it("keeps the first in table order, wherever the repeat sits", async () => {
    const dir = join(tmp("ios-repeats-"), "DB");
    mkdirSync(dir);
    file(join(dir, "MM.sqlite"), {
      wxid_a: [
        [1, "100", 10],
        [2, "100", 20],
        [3, "'  400 '", 30],
      ],
      wxid_b: [[1, "300", 10]],
    });
    file(join(dir, "message_1.sqlite"), { wxid_a: [[1, "300", 40]], wxid_c: [[1, "400", 5], [2, "0", 6], [3, "-2", 7]] });
    const c = new Database(join(dir, "WCDB_Contact.sqlite"));
    c.exec("CREATE TABLE Friend (userName TEXT PRIMARY KEY, type INTEGER, dbContactRemark BLOB)");
    for (const u of ["wxid_a", "wxid_b", "wxid_c"]) c.exec(`INSERT INTO Friend VALUES ('${u}', 3, NULL)`);
    c.close();
    const { ids, dups } = await read(dir, "wechat-ios");
    const local = expect.stringMatching(/^wechat-ios:[0-9a-f]{16}$/);
    // tables are read in table-name order (md5 of the username): find which chat comes first
    const order = ["wxid_a", "wxid_b", "wxid_c"].sort((x, y) => (md5(x) < md5(y) ? -1 : 1));
    const first = (u: string) => order.indexOf(u);
    // wxid_a (MM.sqlite then message_1.sqlite): 100 twice in one table; 300 also in wxid_b; 400 also in wxid_c
    expect(ids("wxid_a")).toEqual([
      "100",
      local,
      first("wxid_a") < first("wxid_c") ? "400" : local,
      first("wxid_a") < first("wxid_b") ? "300" : local,
    ]);
    expect(ids("wxid_b")).toEqual([first("wxid_b") < first("wxid_a") ? "300" : local]);
    expect(ids("wxid_c")).toEqual([first("wxid_c") < first("wxid_a") ? "400" : local, local, "18446744073709551614"]);
    expect(dups).toEqual([]);
  });
});

describe("wechat-v4: repeated server_id", () => {
  const MSG = (t: string, localIdPk = true) =>
    `CREATE TABLE "${t}" ("local_id" INTEGER${localIdPk ? "" : ", ord INTEGER"}, "server_id", "local_type" INTEGER, "sort_seq" INTEGER, "real_sender_id" INTEGER,
      "create_time" INTEGER, "status" INTEGER, "message_content" TEXT, "WCDB_CT_message_content" INTEGER${localIdPk ? ', PRIMARY KEY("local_id" AUTOINCREMENT)' : ""});`;
  function messageDb(path: string, tables: Record<string, [number, string, number][]>, localIdPk = true): void {
    const db = new Database(path);
    db.exec("CREATE TABLE Name2Id (user_name TEXT PRIMARY KEY, is_session INTEGER)");
    for (const [user, rows] of Object.entries(tables)) {
      db.exec(`INSERT INTO Name2Id (user_name, is_session) VALUES ('${user}', 1)`);
      const t = `Msg_${md5(user)}`;
      db.exec(MSG(t, localIdPk));
      for (const [id, svr, time] of rows)
        db.exec(`INSERT INTO "${t}" (local_id, server_id, local_type, sort_seq, create_time, status, message_content, WCDB_CT_message_content) VALUES (${id}, ${svr}, 1, ${time * 1000}, ${time}, 4, 'row ${id}', 0)`);
    }
    db.close();
  }
  function account(): string {
    const root = join(tmp("v4-repeats-"), "wxid_owner_1a2b");
    mkdirSync(join(root, "db_storage", "message"), { recursive: true });
    return root;
  }
  const local = expect.stringMatching(/^wechat-v4:[0-9a-f]{16}$/);

  it("reports a repeat within a conversation, across its two databases, and lets two conversations share an id", async () => {
    const root = account();
    messageDb(join(root, "db_storage", "message", "message_0.db"), {
      wxid_a: [
        [1, "100", 10],
        [2, "100", 20],
        [3, "500", 30],
      ],
      wxid_b: [[1, "500", 10]],
    });
    messageDb(join(root, "db_storage", "message", "message_1.db"), { wxid_a: [[1, "'500'", 40], [2, "-1", 50], [3, "'18446744073709551615'", 60]] });
    const { ids, dups } = await read(root, "wechat-v4");
    expect(ids("wxid_a")).toEqual(["100", local, "500", local, "18446744073709551615", local]);
    expect(ids("wxid_b")).toEqual(["500"]);
    expect(dups.map((d) => [(d.file ?? "").replace(/.*\//, ""), d.place])).toEqual([
      ["message_0.db", { table: `Msg_${md5("wxid_a")}`, rowid: 2 }],
      ["message_1.db", { table: `Msg_${md5("wxid_a")}`, rowid: 1 }],
      ["message_1.db", { table: `Msg_${md5("wxid_a")}`, rowid: 3 }],
    ]);
    expect(dups[0]!.message).toContain("Message id 100 appears twice");
  });

  it("still finds repeated fallback ids when local_id is not the table's key", async () => {
    const root = account();
    messageDb(join(root, "db_storage", "message", "message_0.db"), { wxid_a: [[7, "0", 10], [7, "NULL", 20], [8, "0", 30]] }, false);
    const { ids, dups } = await read(root, "wechat-v4");
    const got = ids("wxid_a");
    expect(got).toEqual([local, local, local]);
    // rows 1 and 2 share local_id 7, so the second repeats the first's fallback id and is reported
    expect(got[1]).toBe(got[0]);
    expect(dups.map((d) => d.place)).toEqual([{ table: `Msg_${md5("wxid_a")}`, rowid: 2 }]);
  });
});
