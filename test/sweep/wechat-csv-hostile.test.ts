/**
 * Hostile headers for the WeChat CSV readers' by-name column mapping: a column named "__proto__", labels
 * that collide after being made unique, and the other tool's header mid-file (PyWxDump's 9 cells read
 * as WeChatMsg's older 9-field rows made messages of its header and rows).
 */
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { memorySource } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/index.js";

const WM = "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender";
const WM_ROW = "1,2,1,0,0,1709251205,2,hi,2024-03-01 08:00:05,,A,wxid_a";
const PY = "id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime";
const PY_ROW = "1,9001,文本,0,wxid_a,wxid_a,hi,,2024-03-01 08:00:05";

async function read(name: string, text: string, from: string) {
  let accounting: Record<string, number> | undefined;
  const archive = await readAll(memorySource(name, text), builtinRegistry, { from, diagnostics: new DiagnosticCollector(), onAccounting: (a) => (accounting = a) });
  return { archive, accounting, msgs: archive.conversations.flatMap((c) => c.messages) };
}

describe("unknown columns with hostile names", () => {
  it.each([
    ["wechatmsg-csv", WM, WM_ROW],
    ["pywxdump-csv", PY, PY_ROW],
  ])("%s keeps a column named __proto__ as a key, not a prototype", async (from, header, row) => {
    const { msgs } = await read("c.csv", `${header},__proto__,constructor\n${row},P,C\n`, from);
    const columns = msgs[0]!.extra?.columns as Record<string, string>;
    expect(Object.keys(columns)).toEqual(["__proto__", "constructor"]);
    expect(Object.getOwnPropertyDescriptor(columns, "__proto__")?.value).toBe("P");
    expect(Object.getPrototypeOf(columns)).toBe(Object.prototype);
  });

  it("gives every column its own label when a made-unique label is already a header name", async () => {
    // "x", "x (column 14)", "x": the third x's first choice of label is the second column's name.
    const { msgs, archive } = await read("c.csv", `${WM},x,x (column 15),x\n${WM_ROW},a,b,c\n`, "wechatmsg-csv");
    expect(msgs[0]!.extra?.columns).toEqual({ x: "a", "x (column 15)": "b", "x (column 15, 2)": "c" });
    expect(archive.diagnostics.filter((d) => d.code === "unknown-column")).toHaveLength(3);
  });
});

describe("the other tool's header mid-file", () => {
  it("wechatmsg-csv reports a PyWxDump header and its rows instead of reading them as 9-field messages", async () => {
    const text = [WM, WM_ROW, PY, PY_ROW, WM, WM_ROW.replace(/^1,/, "2,").replace("1709251205", "1709251206")].join("\n");
    const { msgs, accounting, archive } = await read("c.csv", text, "wechatmsg-csv");
    expect(msgs.map((m) => m.text)).toEqual(["hi", "hi"]);
    expect(accounting).toEqual({ recordsRead: 5, recordsInMessages: 2, recordsStructural: 1, recordsReported: 2 });
    const bad = archive.diagnostics.filter((d) => d.code === "unrecognized-record");
    expect(bad.map((d) => [d.place, d.raw])).toEqual([
      [{ line: 3 }, PY],
      [{ line: 4 }, PY_ROW],
    ]);
    expect(bad[0]!.message).toContain("--from pywxdump-csv");
  });

  it("pywxdump-csv reports a WeChatMsg header and its rows, the 9-field ones too", async () => {
    const short = "2,2,1,0,0,1709251206,2,yo,2024-03-01 08:00:06";
    const text = [PY, PY_ROW, WM, WM_ROW, short].join("\n");
    const { msgs, accounting, archive } = await read("c.csv", text, "pywxdump-csv");
    expect(msgs.map((m) => m.text)).toEqual(["hi"]);
    expect(accounting).toEqual({ recordsRead: 4, recordsInMessages: 1, recordsStructural: 0, recordsReported: 3 });
    const bad = archive.diagnostics.filter((d) => d.code === "unrecognized-record");
    expect(bad.map((d) => d.raw)).toEqual([WM, WM_ROW, short]);
    expect(bad[0]!.message).toContain("--from wechatmsg-csv");
  });
});
