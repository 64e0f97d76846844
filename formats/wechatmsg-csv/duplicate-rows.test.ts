import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { memorySource } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/index.js";

const HEADER = "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender";
const row = (id: number, text: string) => `${id},217,1,0,0,${1709251200 + id},2,${text},2024-03-01 08:00:00,,Alice,wxid_alice01`;

async function read(text: string) {
  let accounting: Record<string, number> | undefined;
  const archive = await readAll(memorySource("chat.csv", text), builtinRegistry, { from: "wechatmsg-csv", diagnostics: new DiagnosticCollector(), onAccounting: (a) => (accounting = a) });
  return { archive, accounting, msgs: archive.conversations.flatMap((c) => c.messages) };
}

describe("wechatmsg-csv: repeated rows", () => {
  it("reports a row whose localId and CreateTime appeared before (duplicate-id), keeping it under a line id", async () => {
    const { archive, msgs } = await read([HEADER, row(1, "a"), row(2, "b"), row(1, "a again")].join("\r\n"));
    expect(msgs.map((m) => m.text)).toEqual(["a", "b", "a again"]);
    expect(new Set(msgs.map((m) => m.id)).size).toBe(3);
    const dup = archive.diagnostics.filter((d) => d.code === "duplicate-id");
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ place: { line: 4 }, raw: row(1, "a again") });
  });
});
