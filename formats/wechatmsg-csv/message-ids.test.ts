/**
 * WeChatMsg CSV rows gave a message an id of their own (a hash of file, localId and CreateTime) even when
 * the export carried MSG's MsgSvrID: the same message read from the CSV and from MSG.db (wechat-pc3) had
 * two ids, and a quote's replyTo (the quoted server id) named no message of the CSV. A usable MsgSvrID is
 * now the id, as wechat-pc3 gives it. Built from samples/wechat-pc3/single-msg-db (a negative MsgSvrID, a
 * quote): the test adds a row with MsgSvrID 0 and a recall notice, reads the database with wechat-pc3,
 * writes its MSG rows as WeChatMsg CSVs, and compares.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import type { Message } from "../../src/model/index.js";
import { memorySource } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/index.js";
import { csvServerId, looksRounded } from "./message-ids.js";

const SQL = readFileSync(join(import.meta.dirname, "..", "..", "samples", "wechat-pc3", "single-msg-db", "input.db.sql"), "utf8");
const GROUP = "20481234567@chatroom";
/** A quote as a WeChatMsg build that writes the decompressed XML has it (MSG keeps it in CompressContent). */
const QUOTE_XML =
  '<?xml version="1.0"?><msg><appmsg appid="" sdkver="0"><title>九点，南门集合</title><type>57</type><refermsg><type>1</type><svrid>17212176183586094827</svrid><fromusr>20481234567@chatroom</fromusr><content>周六几点出发？</content></refermsg></appmsg></msg>';
const HEADER = "localId,TalkerId,MsgSvrID,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender,StrTalker";

type MsgRow = { localId: number; TalkerId: number; svrid: string | null; Type: number; SubType: number; IsSender: number; CreateTime: number; Status: number; StrContent: string; StrTalker: string };

const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The sample database plus a row with MsgSvrID 0 and a recall notice naming localId 5's server id. */
function buildDb(dir: string): string {
  const path = join(dir, "MSG0.db");
  const db = new Database(path);
  db.exec(SQL);
  const insert = db.prepare("INSERT INTO MSG (localId, TalkerId, MsgSvrID, Type, SubType, IsSender, CreateTime, Sequence, Status, StrTalker, StrContent, DisplayContent, BytesExtra) VALUES (?, 2, ?, ?, 0, ?, ?, ?, 2, ?, ?, '', X'0a0408101000')");
  insert.run(8, 0, 1, 0, 1705290200, 1705290200008, GROUP, "没有服务器 id 的一条");
  const revoke = `<sysmsg type="revokemsg"><revokemsg><session>${GROUP}</session><newmsgid>7330772355966177001</newmsgid><replacemsg><![CDATA["Bob" 撤回了一条消息]]></replacemsg></revokemsg></sysmsg>`;
  insert.run(9, "7330772355966177009", 10002, 0, 1705290300, 1705290300009, GROUP, revoke);
  db.close();
  return path;
}

/** MSG's rows of one talker as a WeChatMsg CSV (with the MsgSvrID and StrTalker columns some builds add). */
function csvOf(path: string, talker: string, withSvrid = true): string {
  const db = new Database(path, { readonly: true });
  const rows = db.prepare("SELECT localId, TalkerId, CAST(MsgSvrID AS TEXT) AS svrid, Type, SubType, IsSender, CreateTime, Status, StrContent, StrTalker FROM MSG WHERE StrTalker = ? ORDER BY CreateTime").all(talker) as MsgRow[];
  db.close();
  const lines = rows.map((r) =>
    [r.localId, r.TalkerId, r.svrid, r.Type, r.SubType, r.IsSender, r.CreateTime, r.Status, r.Type === 49 && r.SubType === 57 ? QUOTE_XML : r.StrContent, "", "", "", "", r.StrTalker].map(cell),
  );
  const drop = (cells: string[]) => (withSvrid ? cells : cells.filter((_, i) => i !== 2));
  return "\uFEFF" + [drop(HEADER.split(",")), ...lines.map(drop)].map((c) => c.join(",")).join("\r\n") + "\r\n";
}

const messages = (a: { conversations: { messages: Message[] }[] }) => a.conversations.flatMap((c) => c.messages);
const localIdOf = (m: Message): string => String((m.extra as { localId?: string } | undefined)?.localId ?? (m.provenance.at as { rowid?: number }).rowid);

async function readCsv(name: string, text: string) {
  const diagnostics = new DiagnosticCollector();
  const archive = await readAll(memorySource(name, text), builtinRegistry, { from: "wechatmsg-csv", diagnostics });
  return { archive, diagnostics: diagnostics.list() };
}

describe("wechatmsg-csv message ids from MsgSvrID", () => {
  it("are the ids wechat-pc3 gives the same rows (a negative MsgSvrID too); quotes and recalls link", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wm-svrid-"));
    const db = buildDb(dir);
    const pc3 = messages(await readAll(db, builtinRegistry, { from: "wechat-pc3", diagnostics: new DiagnosticCollector() }));
    const byLocal = new Map(pc3.map((m) => [localIdOf(m), m]));
    expect(byLocal.size).toBe(9);

    for (const talker of ["wxid_friend01", GROUP]) {
      const file = `${talker}(${talker})/${talker}.csv`;
      const { archive, diagnostics } = await readCsv(file, csvOf(db, talker));
      const csv = messages(archive);
      const old = new Map(messages((await readCsv(file, csvOf(db, talker, false))).archive).map((m) => [localIdOf(m), m.id]));
      expect(diagnostics.filter((d) => d.code === "duplicate-id")).toEqual([]);
      for (const m of csv) {
        const want = byLocal.get(localIdOf(m))!;
        if (localIdOf(m) === "8") {
          // MsgSvrID 0: no server id; the CSV id it had.
          expect(m.id).toBe(old.get("8"));
          expect(m.id).toMatch(/^wechatmsg-csv:/);
        } else expect(m.id).toBe(want.id);
        expect(m.status).toBe(want.status);
        if (want.replyTo !== undefined) expect(m.replyTo).toBe(want.replyTo);
      }
      expect(csv.map((m) => m.id)).not.toEqual(csv.map((m) => old.get(localIdOf(m)))); // the ids did change
    }
    const group = messages((await readCsv("g.csv", csvOf(db, GROUP))).archive);
    const quote = group.find((m) => m.replyTo !== undefined)!;
    expect(quote.replyTo).toBe("17212176183586094827");
    expect(group.find((m) => m.id === quote.replyTo)?.text).toBe("周六几点出发？"); // the negative MsgSvrID row
    const recalled = group.filter((m) => m.status === "recalled");
    expect(recalled.map((m) => m.id)).toEqual(["7330772355966177001"]); // named by the notice's <newmsgid>
    expect(byLocal.get("5")!.status).toBe("recalled");
  });

  it("a server id repeated in a file or across a folder's files gets a line id and is reported (duplicate-id)", async () => {
    const row = (localId: number, svrid: string, text: string) => `${localId},1,${svrid},1,0,0,${1709251200 + localId},2,${text},2024-03-01 08:00:00,,Alice,wxid_alice01,wxid_alice01`;
    const text = [HEADER, row(1, "8801000000000000001", "a"), row(2, "8801000000000000002", "b"), row(3, "8801000000000000001", "a again")].join("\r\n");
    const { archive, diagnostics } = await readCsv("chat.csv", text);
    const ids = messages(archive).map((m) => m.id);
    expect(ids.slice(0, 2)).toEqual(["8801000000000000001", "8801000000000000002"]);
    expect(ids[2]).toMatch(/^wechatmsg-csv:[0-9a-f]{16}$/);
    const dup = diagnostics.filter((d) => d.code === "duplicate-id");
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ place: { line: 4 }, raw: row(3, "8801000000000000001", "a again") });
    expect(dup[0]!.message).toContain("MsgSvrID 8801000000000000001 appeared before in this file");

    const dir = mkdtempSync(join(tmpdir(), "wm-svrid-folder-"));
    for (const [name, r] of [["Alice(wxid_alice01)", row(1, "8801000000000000007", "x")], ["Bob(wxid_bob02)", row(1, "8801000000000000007", "x again")]] as const) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, `${name.replace(/\(.*/, "")}.csv`), [HEADER, r].join("\r\n"));
    }
    const diag = new DiagnosticCollector();
    const folder = messages(await readAll(dir, builtinRegistry, { from: "wechatmsg-csv", diagnostics: diag }));
    expect(folder.map((m) => m.id)[0]).toBe("8801000000000000007");
    expect(new Set(folder.map((m) => m.id)).size).toBe(2);
    expect(diag.list().filter((d) => d.code === "duplicate-id").map((d) => d.message)).toEqual([expect.stringContaining("appeared before in this export folder")]);
  });

  it("only a usable MsgSvrID is an id: empty, 0, not an integer or beyond 64 bits keep the CSV id", async () => {
    expect(csvServerId("7330772355966176001")).toBe("7330772355966176001");
    expect(csvServerId(" -1234567890123456789 ")).toBe("17212176183586094827");
    expect(csvServerId("-9223372036854775808")).toBe("9223372036854775808");
    expect(csvServerId("18446744073709551615")).toBe("18446744073709551615");
    for (const bad of ["", "0", "-0", "7.33077E+18", "12.0", "abc", "18446744073709551616", "-9223372036854775809", undefined])
      expect(csvServerId(bad), String(bad)).toBeUndefined();
    const row = (localId: number, svrid: string) => `${localId},1,${cell(svrid)},1,0,0,${1709251200 + localId},2,t${localId},2024-03-01 08:00:00,,Alice,wxid_alice01,wxid_alice01`;
    const bad = ["", "0", "7.33077E+18", "18446744073709551616"];
    const { archive } = await readCsv("chat.csv", [HEADER, ...bad.map((v, i) => row(i + 1, v))].join("\r\n"));
    const without = await readCsv("chat.csv", [HEADER.replace(",MsgSvrID", ""), ...bad.map((v, i) => row(i + 1, v).replace(`,${cell(v)},`, ","))].join("\r\n"));
    expect(messages(archive).map((m) => m.id)).toEqual(messages(without.archive).map((m) => m.id));
  });
  it("a column a spreadsheet rounded to 15 digits is no id: rows keep their CSV ids, reported once a file", async () => {
    expect(looksRounded("7330772355966170000")).toBe(true);
    expect(looksRounded("-733077235596617000")).toBe(true);
    expect(looksRounded("18446744073709500000")).toBe(true);
    for (const real of ["7330772355966176003", "7330772355966170001", "8801000000000000001", "1000000000000000", "73307723559661700", "7330772355966170000x"])
      expect(looksRounded(real), real).toBe(false);
    expect(csvServerId("7330772355966170000")).toBeUndefined();
    // Two neighbours rounded to the same value: as ids they collided (one reported as a duplicate).
    const row = (localId: number, svrid: string) => `${localId},1,${svrid},1,0,0,${1709251200 + localId},2,t${localId},2024-03-01 08:00:00,,Alice,wxid_alice01,wxid_alice01`;
    const rounded = ["7330772355966170000", "7330772355966170000", "7330772355966180000"];
    const { archive, diagnostics } = await readCsv("chat.csv", [HEADER, ...rounded.map((v, i) => row(i + 1, v))].join("\r\n"));
    const without = await readCsv("chat.csv", [HEADER.replace(",MsgSvrID", ""), ...rounded.map((v, i) => row(i + 1, v).replace(`,${v},`, ","))].join("\r\n"));
    expect(messages(archive).map((m) => m.id)).toEqual(messages(without.archive).map((m) => m.id));
    expect(diagnostics.filter((d) => d.code === "duplicate-id")).toEqual([]);
    const reports = diagnostics.filter((d) => d.code === "invalid-id");
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ place: { line: 2 }, raw: row(1, rounded[0]!) });
    expect(reports[0]!.message).toContain("spreadsheet");
  });
});
