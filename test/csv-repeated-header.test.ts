import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { DiagnosticCollector } from "../src/diagnostics/collector.js";
import { memorySource } from "../src/io/source.js";
import { readAll } from "../src/pipeline/index.js";

async function read(from: string, name: string, text: string) {
  let accounting: Record<string, number> | undefined;
  const archive = await readAll(memorySource(name, text), builtinRegistry, { from, diagnostics: new DiagnosticCollector(), onAccounting: (a) => (accounting = a) });
  return { archive, accounting, msgs: archive.conversations.flatMap((c) => c.messages) };
}

// Two exports joined into one file (`cat a.csv b.csv`): the second header, BOM included, is structure.
describe("CSV exports joined into one file: the repeated header is structure, not a message", () => {
  it("wechatmsg-csv", async () => {
    const H = "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender";
    const r = (id: number) => `${id},217,1,0,0,${1709251200 + id},2,m${id},2024-03-01 08:00:00,,Alice,wxid_alice01`;
    const { archive, accounting, msgs } = await read("wechatmsg-csv", "chat.csv", ["\uFEFF" + H, r(1), "\uFEFF" + H, r(2)].join("\r\n"));
    expect(msgs.map((m) => m.text)).toEqual(["m1", "m2"]);
    expect(archive.conversations).toHaveLength(1);
    expect(accounting).toEqual({ recordsRead: 3, recordsInMessages: 2, recordsStructural: 1, recordsReported: 0 });
    expect(archive.diagnostics.filter((d) => d.code === "duplicate-section")).toMatchObject([{ place: { line: 3 }, raw: "\uFEFF" + H }]);
  });

  it("pywxdump-csv: the pages stay one conversation", async () => {
    const H = "id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime";
    const r = (id: number) => `${id},900${id},文本,0,wxid_a,123@chatroom,m${id},,2024-03-01 08:00:0${id}`;
    const { archive, accounting, msgs } = await read("pywxdump-csv", "123@chatroom_0_5000.csv", [H, r(1), H, r(2)].join("\r\n"));
    expect(msgs.map((m) => m.text)).toEqual(["m1", "m2"]);
    expect(archive.conversations.map((c) => c.id)).toEqual(["wechat-chat:123@chatroom"]);
    expect(accounting).toEqual({ recordsRead: 3, recordsInMessages: 2, recordsStructural: 1, recordsReported: 0 });
    expect(archive.diagnostics.filter((d) => d.code === "duplicate-section")).toMatchObject([{ place: { line: 3 }, raw: H }]);
  });
});
