/** pywxdump-csv and wechatmsg-csv on the project's own samples: senders, instants, quotes, recalls, accounting. */
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { memorySource } from "../src/io/source.js";
import { readCsvRecords } from "../src/io/csv-records.js";
import { readAll } from "../src/pipeline/read-all.js";
import type { ReadContext } from "../src/plugin/types.js";
import { parseExportWall } from "../formats/wechat-shared/export-time.js";

async function read(path: string, opts: Parameters<typeof readAll>[2] = {}) {
  const accounting: Record<string, number>[] = [];
  const archive = await readAll(path, builtinRegistry, { ...opts, onAccounting: (a) => accounting.push(a) });
  return { archive, accounting, msgs: archive.conversations.flatMap((c) => c.messages) };
}

describe("readCsvRecords", () => {
  const ctx = { report() {} } as unknown as ReadContext;
  it("keeps line ranges and raw text of multi-line records across tiny chunks, CRLF and LF mixed", async () => {
    const text = 'a,b\r\n1,"x\ny"\r\n2,z\n3,"q""uote"';
    const src = memorySource("t.csv", text);
    const small = { ...src, async *stream() { for (const b of new TextEncoder().encode(text)) yield new Uint8Array([b]); } };
    const recs = [];
    for await (const r of readCsvRecords(small, ctx)) recs.push(r);
    expect(recs.map((r) => [r.fields, r.line, r.endLine, r.raw])).toEqual([
      [["a", "b"], 1, 1, "a,b"],
      [["1", "x\ny"], 2, 3, '1,"x\ny"'],
      [["2", "z"], 4, 4, "2,z"],
      [["3", 'q"uote'], 5, 5, '3,"q""uote"'],
    ]);
  });

  const collect = async (text: string, opts: Parameters<typeof readCsvRecords>[2] = {}, step = 7) => {
    const src = memorySource("t.csv", text);
    const bytes = new TextEncoder().encode(text);
    const chunked = { ...src, async *stream() { for (let i = 0; i < bytes.length; i += step) yield bytes.subarray(i, i + step); } };
    const recs = [];
    for await (const r of readCsvRecords(chunked, ctx, opts)) recs.push(r);
    return recs;
  };

  it("reads the line of a quote that never closes on its own, and every line after it as before (at the end of the input)", async () => {
    const text = 'a,b\n1,x\n2,"stray\n3,y\n4,z\n';
    const recs = await collect(text);
    expect(recs.map((r) => [r.fields, r.line, r.endLine, r.raw, r.errors.length])).toEqual([
      [["a", "b"], 1, 1, "a,b", 0],
      [["1", "x"], 2, 2, "1,x", 0],
      [["2", '"stray'], 3, 3, '2,"stray', 1],
      [["3", "y"], 4, 4, "3,y", 0],
      [["4", "z"], 5, 5, "4,z", 0],
    ]);
    expect(recs[2]!.errors[0]).toMatch(/^UnterminatedQuote: /);
    // Before, lines 3 to 5 were one record: the stray quote swallowed the rest of the file.
  });

  it("reads the line of a stray quote on its own when a later quote closes the swallowed record (mid-file)", async () => {
    const text = 'a,b,c\n1,"stray,x\n2,y,z\n3,"q",w\n4,k,l\n';
    const recs = await collect(text);
    expect(recs.map((r) => [r.fields, r.line, r.endLine, r.errors.length])).toEqual([
      [["a", "b", "c"], 1, 1, 0],
      [["1", '"stray', "x"], 2, 2, 1],
      [["2", "y", "z"], 3, 3, 0],
      [["3", "q", "w"], 4, 4, 0],
      [["4", "k", "l"], 5, 5, 0],
    ]);
  });

  it("cuts an open record past maxRecordChars at its first line, so memory does not grow with the file", async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `${i},row ${i}`);
    const text = ["a,b", "x,\"stray", ...rows, 'q,"closed ""late"""', "z,end"].join("\r\n") + "\r\n";
    const recs = await collect(text, { maxRecordChars: 1000 }, 300);
    const stray = recs.find((r) => r.raw === 'x,"stray')!;
    expect(stray).toMatchObject({ line: 2, endLine: 2, fields: ["x", '"stray'] });
    expect(stray.errors).toHaveLength(1);
    // The rows after it are read as rows again (the first few, read while the record was still open, too).
    const good = recs.filter((r) => r.errors.length === 0);
    expect(good.map((r) => r.fields[0])).toEqual(["a", ...rows.map((_, i) => String(i)), "q", "z"]);
    expect(good.find((r) => r.fields[0] === "q")!.fields[1]).toBe('closed "late"');
    // Every physical line is in exactly one record.
    expect(recs.reduce((n, r) => n + (r.endLine - r.line + 1), 0)).toBe(2004);
    expect(recs.map((r) => r.raw).join("\r\n") + "\r\n").toBe(text);
  });

  it("keeps a long quoted field that does close, below the limit", async () => {
    const long = "line\n".repeat(300);
    const recs = await collect(`a,b\n1,"${long}"\n2,y\n`, { maxRecordChars: 4000 }, 64);
    expect(recs.map((r) => [r.fields[0], r.errors.length])).toEqual([["a", 0], ["1", 0], ["2", 0]]);
    expect(recs[1]!.fields[1]).toBe(long);
  });
});

describe("export wall times", () => {
  it("keeps spreadsheet times at minute precision and decides day/month when it can", () => {
    expect(parseExportWall("2024/10/4 11:42")).toEqual({ fields: { year: 2024, month: 10, day: 4, hour: 11, minute: 42 }, precision: "minute" });
    expect(parseExportWall("2024-10-04 11:42:05")?.precision).toBe("second");
    expect(parseExportWall("13/10/2024 11:42")?.fields).toMatchObject({ month: 10, day: 13 });
    expect(parseExportWall("10/4/2024 11:42", "dmy")).toMatchObject({ fields: { month: 4, day: 10 }, orderGuessed: true });
    expect(parseExportWall("2024/2/30 1:00")).toBeUndefined();
  });
});

describe("pywxdump-csv samples", () => {
  it("v3 export folder: names from users.json, media present/missing, quote, recall, unknown", async () => {
    const { archive, accounting, msgs } = await read("samples/pywxdump-csv/v3-group-folder/input");
    expect(accounting).toEqual([{ recordsRead: 9, recordsInMessages: 9, recordsStructural: 0, recordsReported: 0 }]);
    const conv = archive.conversations[0]!;
    expect([conv.id, conv.kind, conv.title]).toEqual(["wechat-chat:123456789@chatroom", "group", "周末登山群"]);
    expect(msgs.map((m) => m.senderId)).toEqual([
      "wechat:wxid_alice01", "wechat:wxid_owner9", "wechat:wxid_bob02", "wechat:wxid_bob02", "wechat:wxid_owner9",
      "wechat:系统", "wechat:wxid_alice01", "wechat:wxid_bob02", "wechat:wxid_alice01",
    ]);
    expect(archive.participants.find((p) => p.id === "wechat:wxid_alice01")).toMatchObject({ displayName: "爱丽丝", aliases: ["Alice"] });
    expect(archive.participants.find((p) => p.id === "wechat:wxid_owner9")?.isSelf).toBe(true);
    expect(msgs[0]!.sentAt).toEqual({ raw: "2024-03-01 08:00:05", wall: "2024-03-01T08:00:05", basis: "floating", precision: "second" });
    expect(msgs[2]!.attachments[0]).toMatchObject({ availability: "present", path: "FileStorage/MsgAttach/abc/Image/2024-03/aa11.dat", bytes: 17 });
    expect(msgs[3]!.attachments[0]!.availability).toBe("missing");
    expect(msgs[4]).toMatchObject({ text: "收到，八点见", replyTo: "9001000000000000001" });
    expect(msgs[5]).toMatchObject({ kind: "system", status: "recalled", text: '"Bob" 撤回了一条消息' });
    expect(msgs[6]!.attachments[0]).toMatchObject({ kind: "sticker", availability: "omitted" });
    expect(msgs[7]).toMatchObject({ kind: "unknown" });
    expect(msgs[7]!.raw).toContain("<msg><unknownthing/></msg>");
    expect(archive.diagnostics.map((d) => d.code)).toContain("unknown-message-type");
  });

  it("v2 with content JSON, spreadsheet times, a short record reported with its line", async () => {
    const { accounting, msgs, archive } = await read("samples/pywxdump-csv/v2-private-spreadsheet-crlf/input.csv", { tz: "Asia/Shanghai" });
    expect(accounting).toEqual([{ recordsRead: 7, recordsInMessages: 6, recordsStructural: 0, recordsReported: 1 }]);
    expect(msgs[1]!.sentAt).toEqual({ raw: "2024/1/1 0:00", wall: "2024-01-01T00:00", utc: "2023-12-31T16:00Z", offset: "+08:00", zone: "Asia/Shanghai", basis: "assumed-zone", precision: "minute" });
    expect(msgs[1]!.senderId).toBe("wechat:owner");
    expect(msgs[2]).toMatchObject({ text: "你也是", replyTo: "7002" });
    expect(msgs[3]!.attachments[0]).toMatchObject({ kind: "voice", availability: "missing" });
    expect(msgs[5]).toMatchObject({ kind: "system", status: "recalled" });
    const bad = archive.diagnostics.find((d) => d.code === "unrecognized-record")!;
    expect(bad.place).toEqual({ line: 7 });
    expect(bad.raw).toBe("6,7006,文本,0,wxid_carol3,wxid_carol3");
  });
});

describe("wechatmsg-csv samples", () => {
  it("12-column group: exact instants with the exporter's offset, senders, quote, recall, unknown type", async () => {
    const { accounting, msgs, archive } = await read("samples/wechatmsg-csv/group-12-columns/input.csv");
    expect(accounting).toEqual([{ recordsRead: 9, recordsInMessages: 9, recordsStructural: 0, recordsReported: 0 }]);
    expect(archive.conversations[0]!.kind).toBe("group");
    expect(msgs[0]!.sentAt).toEqual({ raw: "1709251205", wall: "2024-03-01T08:00:05", utc: "2024-03-01T00:00:05Z", offset: "+08:00", basis: "exact", precision: "second" });
    expect(msgs.map((m) => m.senderId)).toEqual([
      "wechat:wxid_alice01", "wechat:wxid_owner9", "wechat:wxid_bob02", "wechat:wxid_bob02", "wechat:wxid_owner9", null,
      "wechat:wxid_alice01", "wechat:wxid_alice01", "wechat:wxid_bob02",
    ]);
    expect(msgs[1]!.text).toBe("第一行\r\n第二行, 带逗号");
    expect(msgs[1]!.provenance.at).toEqual({ line: 3, endLine: 4 });
    expect(msgs[4]).toMatchObject({ text: "收到", replyTo: "9001000000000000001" });
    expect(msgs[5]).toMatchObject({ kind: "system", status: "recalled", text: '"Bob" 撤回了一条消息' });
    expect(msgs[6]!.kind).toBe("unknown");
    expect(msgs[7]!.sentAt).toEqual({ raw: "2024/3/1 8:06", wall: "2024-03-01T08:06", basis: "floating", precision: "minute" });
    // The mangled CreateTime is not dropped silently: the fallback to StrTime is reported with both.
    expect(archive.diagnostics.filter((d) => d.code === "invalid-timestamp").map((d) => d.message)).toEqual([
      expect.stringMatching(/^CreateTime "1\.70925E\+09" is not an epoch in seconds .* from StrTime "2024\/3\/1 8:06" instead\.$/),
    ]);
    expect(archive.participants.find((p) => p.id === "wechat:wxid_alice01")?.displayName).toBe("阿丽");
  });

  it("9 fields under the 12-column header: private chat from the folder name, nothing dropped", async () => {
    const { accounting, msgs, archive } = await read("samples/wechatmsg-csv/private-9-field-quirk/input");
    expect(accounting).toEqual([{ recordsRead: 6, recordsInMessages: 5, recordsStructural: 0, recordsReported: 1 }]);
    const conv = archive.conversations[0]!;
    expect([conv.id, conv.kind, conv.title]).toEqual(["wechat-chat:wxid_wang77", "direct", "老王"]);
    expect(msgs.map((m) => m.senderId)).toEqual([null, "wechat:owner", "wechat:wxid_wang77", "wechat:owner", "wechat:wxid_wang77"]);
    expect(msgs[1]!.sentAt).toMatchObject({ utc: "2021-08-13T14:11:40Z", wall: "2021-08-13T22:11:40", offset: "+08:00" });
    expect(msgs[3]).toMatchObject({ status: "recalled", text: "你撤回了一条消息" });
    expect(archive.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(["count-mismatch", "unrecognized-record"]));
  });
});
