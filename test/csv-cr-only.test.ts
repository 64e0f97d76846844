import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { DiagnosticCollector } from "../src/diagnostics/collector.js";
import { memorySource } from "../src/io/source.js";
import { readAll } from "../src/pipeline/index.js";

async function read(from: string, name: string, text: string | Uint8Array) {
  const archive = await readAll(memorySource(name, text), builtinRegistry, { from, diagnostics: new DiagnosticCollector() });
  return { archive, msgs: archive.conversations.flatMap((c) => c.messages) };
}

// Excel for Mac's "CSV (Macintosh)" ends lines in lone CRs; detection already read such files as CSV.
describe("CSV exports with lone-CR line ends", () => {
  it("wechatmsg-csv reads every record, a quoted line break included", async () => {
    const H = "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender";
    const text = [H, '1,217,1,0,0,1709251201,2,"two\rlines",2024-03-01 08:00:01,,Alice,wxid_alice01', "2,217,1,0,0,1709251202,2,m2,2024-03-01 08:00:02,,Alice,wxid_alice01"].join("\r") + "\r";
    const { archive, msgs } = await read("wechatmsg-csv", "chat.csv", text);
    expect(msgs.map((m) => m.text)).toEqual(["two\nlines", "m2"]);
    expect(msgs.map((m) => m.provenance.at)).toEqual([{ line: 2, endLine: 3 }, { line: 4 }]);
    expect(archive.diagnostics.map((d) => d.code)).toEqual([]);
  });

  it("pywxdump-csv reads every record, and a CR split across decoded chunks still ends one line", async () => {
    const H = "id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime";
    const rows = Array.from({ length: 3000 }, (_, i) => `${i + 1},${9000000 + i},文本,0,wxid_a,123@chatroom,第${i + 1}条,,2024-03-01 08:00:00`);
    const { msgs } = await read("pywxdump-csv", "123@chatroom_0_5000.csv", [H, ...rows].join("\r"));
    expect(msgs).toHaveLength(3000);
    expect(msgs[2999]!.text).toBe("第3000条");
    expect(msgs[2999]!.provenance.at).toEqual({ line: 3001 });
  });
});
