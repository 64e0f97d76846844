import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { localMessageId } from "../formats/wechat-shared/ids.js";
import { readBoth } from "./helpers/read.js";

// Two different server ids whose 30-bit FNV-1a fingerprints are equal (found by brute force). The
// fingerprint set the WeChat readers used took the second for a repeat: it lost its server id (so
// quotes of it no longer linked) and pywxdump-csv reported a duplicate that was not there. At 100k
// messages about 5 such pairs were expected, at 1M about 466.
const A = "7330772355966178724";
const B = "7330772355966588200";

describe("WeChat server ids are compared exactly", () => {
  it("pywxdump-csv keeps two ids whose fingerprints collide, and reports a real repeat", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wx-ids-"));
    const file = join(dir, "chat.csv");
    const row = (n: number, svr: string, text: string) => `${n},${svr},文本,0,wxid_carol3,wxid_carol3,"{""src"": """", ""msg"": ""${text}""}",2024/1/1 0:0${n}`;
    writeFileSync(file, ["id,MsgSvrID,type_name,is_sender,talker,room_name,content,CreateTime", row(1, A, "一"), row(2, B, "二"), row(3, A, "三")].join("\n") + "\n");
    const { archive } = await readBoth(file, { from: "pywxdump-csv" });
    const ids = archive.conversations.flatMap((c) => c.messages.map((m) => m.id));
    expect(ids.slice(0, 2)).toEqual([A, B]);
    expect(ids[2]).toMatch(/^pywxdump-csv:/);
    expect(archive.diagnostics.filter((d) => d.code === "duplicate-id").map((d) => d.message)).toEqual([expect.stringContaining(`MsgSvrID ${A} appeared before`)]);
  });

  it("pywxdump-csv finds repeats across the page files of a folder, among thousands of ids (two-pass sketch)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wx-pages-"));
    const header = "id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime";
    const svr = (i: number) => String(7330772355966176000n + BigInt(i) * 7919n);
    const row = (i: number, id: string) => `${i},${id},文本,0,wxid_carol3,wxid_carol3,"第${i}条",,2024/1/1 0:00`;
    const first = [header], second = [header];
    for (let i = 0; i < 3000; i++) first.push(row(i, svr(i)));
    for (let i = 3000; i < 6000; i++) second.push(row(i, svr(i)));
    // Repeats: of an id on the first page (on the second), and within the second page.
    second.push(row(6000, svr(17)), row(6001, svr(4321)), row(6002, svr(17)));
    writeFileSync(join(dir, "wxid_carol3_0_3000.csv"), first.join("\n") + "\n");
    writeFileSync(join(dir, "wxid_carol3_3000_6003.csv"), second.join("\n") + "\n");
    const { archive } = await readBoth(dir, { from: "pywxdump-csv" });
    const ids = archive.conversations.flatMap((c) => c.messages.map((m) => m.id));
    expect(ids).toHaveLength(6003);
    expect(ids.slice(0, 6000)).toEqual(Array.from({ length: 6000 }, (_, i) => svr(i)));
    expect(ids.slice(6000).every((id) => id.startsWith("pywxdump-csv:"))).toBe(true);
    expect(new Set(ids).size).toBe(6003);
    const dups = archive.diagnostics.filter((d) => d.code === "duplicate-id").map((d) => d.message);
    expect(dups).toEqual([svr(17), svr(4321), svr(17)].map((id) => expect.stringContaining(`MsgSvrID ${id} appeared before`)));
  });

  it("wechatmsg-csv keeps the ids of two keys whose fingerprints collide, and gives a real repeat its line", async () => {
    // "16356:1700016356" and "27284:1700027284" have equal 30-bit FNV-1a fingerprints: the fingerprint
    // set this reader used took the second for a repeat and gave it a line id (456 messages in 1M).
    const dir = mkdtempSync(join(tmpdir(), "wm-ids-"));
    const chat = join(dir, "Carol(wxid_carol3)");
    mkdirSync(chat);
    const row = (localId: number, t: number, text: string) => `${localId},1,1,0,0,${t},2,${text},2023-11-15 06:00:00,Carol,carol,wxid_carol3`;
    const header = "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender";
    writeFileSync(join(chat, "Carol.csv"), [header, row(16356, 1700016356, "一"), row(27284, 1700027284, "二"), row(16356, 1700016356, "三")].join("\n") + "\n");
    const { archive } = await readBoth(dir, { from: "wechatmsg-csv" });
    const ids = archive.conversations.flatMap((c) => c.messages.map((m) => m.id));
    const file = "Carol(wxid_carol3)/Carol.csv";
    expect(ids).toEqual([
      localMessageId("wechatmsg-csv", file, "csv", "16356:1700016356"),
      localMessageId("wechatmsg-csv", file, "csv", "27284:1700027284"),
      localMessageId("wechatmsg-csv", file, "csv", "L4"),
    ]);
  });
});
