/**
 * wechatmsg-csv and pywxdump-csv read columns by header name: another version's extra columns (kept in
 * extra.columns, reported once each), reordered or aliased names, missing optional columns; a missing
 * required column is refused naming it (not "pass the right --from"). Detection stays specific. And a
 * PyWxDump users.json written as an array is read, or reported when it cannot be.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { DiagnosticCollector } from "../src/diagnostics/collector.js";
import { memorySource, memoryTree, type InputSource, type InputTree } from "../src/io/source.js";
import { readAll } from "../src/pipeline/index.js";
import { resolveReader } from "../src/pipeline/resolve-reader.js";
import { runCapture } from "./helpers/cli.js";

async function read(input: InputSource | InputTree, from?: string) {
  let accounting: Record<string, number> | undefined;
  const archive = await readAll(input, builtinRegistry, { ...(from ? { from } : {}), diagnostics: new DiagnosticCollector(), onAccounting: (a) => (accounting = a) });
  const msgs = archive.conversations.flatMap((c) => c.messages);
  return { archive, accounting, msgs, codes: archive.diagnostics.map((d) => d.code) };
}

async function failure(input: InputSource | InputTree, from?: string): Promise<{ kind: string; message: string }> {
  const e = await read(input, from).then(
    () => undefined,
    (err: unknown) => err as { kind: string; message: string },
  );
  expect(e, `${input.name} was read`).toBeDefined();
  return e!;
}

const detected = async (name: string, text: string) => (await resolveReader(memorySource(name, text), builtinRegistry)).reader.id;

describe("wechatmsg-csv: columns by name", () => {
  it("reads a newer version's extra columns, keeps their values per message and reports each unknown one once", async () => {
    const text = [
      "\uFEFFlocalId,TalkerId,MsgSvrID,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender,ExportNote",
      "1,217,7001,1,0,0,1709251205,2,hello,2024-03-01 08:00:05,阿丽,Alice,wxid_alice01,n1",
      "2,217,7002,1,0,1,1709251270,2,hi,2024-03-01 08:01:10,,Me,wxid_owner9,",
      "3,217,7003,1,0,0,1709251330,2,bye,2024-03-01 08:02:10,,Bob,wxid_bob02,n3",
    ].join("\r\n");
    expect(await detected("群聊_utf8.csv", text)).toBe("wechatmsg-csv");
    const { msgs, accounting, archive, codes } = await read(memorySource("群聊_utf8.csv", text));
    expect(accounting).toEqual({ recordsRead: 3, recordsInMessages: 3, recordsStructural: 0, recordsReported: 0 });
    expect(msgs.map((m) => [m.text, m.senderId, m.sentAt.utc])).toEqual([
      ["hello", "wechat:wxid_alice01", "2024-03-01T00:00:05Z"],
      ["hi", "wechat:wxid_owner9", "2024-03-01T00:01:10Z"],
      ["bye", "wechat:wxid_bob02", "2024-03-01T00:02:10Z"],
    ]);
    expect(msgs[0]!.extra).toMatchObject({ localId: "1", talkerId: "217", remark: "阿丽", columns: { MsgSvrID: "7001", ExportNote: "n1" } });
    expect(msgs[1]!.extra?.columns).toEqual({ MsgSvrID: "7002", ExportNote: "" });
    // ExportNote is unknown: one report for the file, naming it. MsgSvrID is a known MSG column: kept, not reported.
    const unknown = archive.diagnostics.filter((d) => d.code === "unknown-column");
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.message).toMatch(/"ExportNote" \(column 14\)/);
    expect(unknown[0]!.place).toEqual({ line: 1 });
    expect(codes).not.toContain("missing-column");
  });

  it("reads reordered, renamed (aliases, other case) and missing optional columns by name", async () => {
    const text = [
      "StrTime,createtime,is_send,type,StrContent,Sender,NickName,SubType,localid",
      "2024-03-01 08:00:05,1709251205,0,1,早,wxid_alice01,Alice,0,11",
      "2024-03-01 08:01:10,1709251270,1,1,\"多行\n文本\",wxid_owner9,Me,0,12",
    ].join("\n");
    expect(await detected("c.csv", text)).toBe("wechatmsg-csv");
    const { msgs, accounting, archive } = await read(memorySource("老王(wxid_wang77)/老王.csv", text), "wechatmsg-csv");
    expect(accounting).toEqual({ recordsRead: 2, recordsInMessages: 2, recordsStructural: 0, recordsReported: 0 });
    expect(msgs.map((m) => [m.text, m.senderId, m.sentAt.utc, m.sentAt.offset])).toEqual([
      ["早", "wechat:wxid_alice01", "2024-03-01T00:00:05Z", "+08:00"],
      ["多行\n文本", "wechat:wxid_owner9", "2024-03-01T00:01:10Z", "+08:00"],
    ]);
    expect(msgs[0]!.extra).toMatchObject({ localId: "11", talkerId: "", status: "" });
    expect(msgs[0]!.extra?.columns).toBeUndefined();
    const missing = archive.diagnostics.filter((d) => d.code === "missing-column");
    expect(missing).toHaveLength(1);
    expect(missing[0]!.message).toMatch(/no "TalkerId", "Status", "Remark" column/);
    expect(archive.diagnostics.filter((d) => d.code === "unknown-column")).toHaveLength(0);
  });

  it("takes the chat from a StrTalker column when the file name does not name it", async () => {
    const text = ["localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender,StrTalker", "1,31,1,0,0,1709251205,2,hi,2024-03-01 08:00:05,,Alice,wxid_alice01,4455@chatroom"].join("\r\n");
    const { archive, codes } = await read(memorySource("export.csv", text), "wechatmsg-csv");
    expect(archive.conversations[0]).toMatchObject({ id: "wechat-chat:4455@chatroom", kind: "group", title: "export" });
    expect(codes).not.toContain("unknown-column");
  });

  it("reads a CSV dump of the MSG table itself (all its columns, no StrTime/Remark/NickName/Sender)", async () => {
    const head = "localId,TalkerId,MsgSvrID,Type,SubType,IsSender,CreateTime,Sequence,StatusEx,FlagEx,Status,MsgServerSeq,MsgSequence,StrTalker,StrContent,DisplayContent,Reserved0,Reserved1,Reserved2,Reserved3,Reserved4,Reserved5,Reserved6,CompressContent,BytesExtra,BytesTrans";
    const row = "7,3,8801,1,0,1,1709251205,1709251205000,0,0,2,0,0,wxid_wang77,在吗,,0,0,0,0,,,,,0a0b,";
    expect(await detected("MSG.csv", `${head}\n${row}`)).toBe("wechatmsg-csv");
    const { msgs, archive, codes } = await read(memorySource("MSG.csv", `${head}\n${row}`));
    expect(archive.conversations[0]).toMatchObject({ id: "wechat-chat:wxid_wang77" });
    expect(msgs.map((m) => [m.text, m.senderId, m.sentAt.utc])).toEqual([["在吗", "wechat:owner", "2024-03-01T00:00:05Z"]]);
    expect(msgs[0]!.extra?.columns).toMatchObject({ MsgSvrID: "8801", BytesExtra: "0a0b" });
    expect(codes).not.toContain("unknown-column");
    expect(archive.diagnostics.find((d) => d.code === "missing-column")?.message).toMatch(/no "StrTime", "Remark", "NickName", "Sender" column/);
  });

  it("keeps the 9-field private-chat quirk when the header's appended columns are last but the others are reordered", async () => {
    const text = ["Type,localId,IsSender,CreateTime,StrContent,TalkerId,SubType,Status,StrTime,Remark,NickName,Sender", "1,5,0,1628863878,你好,217,0,,2021-08-13 22:11:18"].join("\r\n");
    const { msgs, codes } = await read(memorySource("老王(wxid_wang77)/老王.csv", text), "wechatmsg-csv");
    expect(msgs.map((m) => [m.text, m.senderId, m.extra?.shortRow])).toEqual([["你好", "wechat:wxid_wang77", true]]);
    expect(codes).toContain("count-mismatch");
  });

  it("refuses a header without a column it needs, naming the column (not 'pass the right --from'), with or without --from", async () => {
    const text = ["localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrTime,Remark,NickName,Sender", "1,217,1,0,0,1709251205,2,2024-03-01 08:00:05,,Alice,wxid_alice01"].join("\r\n");
    for (const from of ["wechatmsg-csv", undefined]) {
      const e = await failure(memorySource("chat_utf8.csv", text), from);
      expect(e.kind).toBe("input-damaged");
      expect(e.message).toMatch(/^chat_utf8\.csv line 1: this WeChatMsg CSV header has no "StrContent" column/);
      expect(e.message).not.toMatch(/--from/);
    }
    const noTime = "localId,TalkerId,Type,SubType,IsSender,Status,StrContent,Remark,NickName,Sender\n1,217,1,0,0,2,hi,,Alice,wxid_alice01";
    expect((await failure(memorySource("c.csv", noTime), "wechatmsg-csv")).message).toMatch(/no "CreateTime" \(or "timestamp"\) or "StrTime" column/);
  });
});

describe("pywxdump-csv: columns by name", () => {
  it("reads a v3 file with an extra column and reordered columns, reporting the unknown column once", async () => {
    const text = [
      "room_name,id,MsgSvrID,CreateTime,type_name,is_sender,talker,msg,src,extra,sender_remark",
      "123@chatroom,1,9001,2024-03-01 08:00:05,文本,0,wxid_alice01,早,,{},阿丽",
      "123@chatroom,2,9002,2024-03-01 08:01:10,文本,1,wxid_owner9,好,,{},",
    ].join("\n");
    expect(await detected("123@chatroom_0_5000.csv", text)).toBe("pywxdump-csv");
    const { msgs, accounting, archive, codes } = await read(memorySource("123@chatroom_0_5000.csv", text));
    expect(accounting).toEqual({ recordsRead: 2, recordsInMessages: 2, recordsStructural: 0, recordsReported: 0 });
    expect(archive.conversations[0]).toMatchObject({ id: "wechat-chat:123@chatroom", kind: "group" });
    expect(msgs.map((m) => [m.id, m.text, m.senderId, m.sentAt.wall])).toEqual([
      ["9001", "早", "wechat:wxid_alice01", "2024-03-01T08:00:05"],
      ["9002", "好", "wechat:wxid_owner9", "2024-03-01T08:01:10"],
    ]);
    expect(msgs[0]!.extra?.columns).toEqual({ extra: "{}", sender_remark: "阿丽" });
    const unknown = archive.diagnostics.filter((d) => d.code === "unknown-column");
    expect(unknown.map((d) => d.message)).toEqual([expect.stringMatching(/"sender_remark" \(column 11\)/)]);
    expect(codes).not.toContain("missing-column");
  });

  it("reports an unknown column once for the whole export folder, not once per page file", async () => {
    const head = "id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime,note";
    const page = (a: number) => [head, `${a},${9000 + a},文本,0,wxid_a,wxid_a,m${a},,2024-03-01 08:00:0${a},x`].join("\n");
    const { msgs, archive } = await read(memoryTree("export", { "wxid_a_0_1.csv": page(1), "wxid_a_1_2.csv": page(2), "users.json": "{}" }));
    expect(msgs.map((m) => m.extra?.columns)).toEqual([{ note: "x" }, { note: "x" }]);
    expect(archive.diagnostics.filter((d) => d.code === "unknown-column").map((d) => d.file)).toEqual(["wxid_a_0_1.csv"]);
  });

  it("reads a v2 file without its optional id/MsgSvrID columns (ids from the line, reported once)", async () => {
    const text = ['type_name,is_sender,talker,room_name,content,CreateTime', '文本,0,wxid_carol3,wxid_carol3,"{""src"": """", ""msg"": ""在吗""}",2024-01-01 00:00:00', '文本,1,我,wxid_carol3,"{""src"": """", ""msg"": ""在""}",2024-01-01 00:00:09'].join("\n");
    expect(await detected("x.csv", text)).toBe("pywxdump-csv");
    const { msgs, archive } = await read(memorySource("x.csv", text));
    expect(archive.conversations[0]!.extra).toMatchObject({ layout: "v2" });
    expect(msgs.map((m) => [m.text, m.senderId])).toEqual([["在吗", "wechat:wxid_carol3"], ["在", "wechat:owner"]]);
    expect(new Set(msgs.map((m) => m.id)).size).toBe(2);
    const missing = archive.diagnostics.filter((d) => d.code === "missing-column");
    expect(missing).toHaveLength(1);
    expect(missing[0]!.message).toBe('x.csv has no "id", "MsgSvrID" column (another exporter version?); read by column name, those fields are empty (message ids come from the line).');
  });

  it("refuses a header without room_name, naming it", async () => {
    const text = "id,MsgSvrID,type_name,is_sender,talker,msg,src,CreateTime\n1,9001,文本,0,wxid_a,hi,,2024-03-01 08:00:05";
    for (const from of ["pywxdump-csv", undefined]) {
      const e = await failure(memorySource("p.csv", text), from);
      expect(e.kind).toBe("input-damaged");
      expect(e.message).toMatch(/^p\.csv line 1: this PyWxDump CSV header has no "room_name" \(or "StrTalker"\) column/);
      expect(e.message).not.toMatch(/--from/);
    }
  });

  it("still refuses a CSV that is not PyWxDump's with the --from advice", async () => {
    const e = await failure(memorySource("p.csv", "name,email\na,b"), "pywxdump-csv");
    expect(e.kind).toBe("unknown-format");
    expect(e.message).toMatch(/pass the right --from/);
  });
});

describe("exports of two versions joined into one file", () => {
  it("wechatmsg-csv: a second header with other columns is structure, and the rows after it are read by it", async () => {
    const text = [
      "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender",
      "1,217,1,0,0,1709251205,2,old,2024-03-01 08:00:05,,Alice,wxid_alice01",
      "localId,TalkerId,MsgSvrID,Type,SubType,IsSender,CreateTime,StrContent,StrTime,Remark,NickName,Sender,IsRead",
      "1,217,8801,1,0,1,1709251270,new,2024-03-01 08:01:10,,Me,wxid_owner9,1",
      "1,217,8801,1,0,1,1709251270,new again,2024-03-01 08:01:10,,Me,wxid_owner9,1",
    ].join("\r\n");
    const { msgs, accounting, archive } = await read(memorySource("g_utf8.csv", text), "wechatmsg-csv");
    expect(accounting).toEqual({ recordsRead: 4, recordsInMessages: 3, recordsStructural: 1, recordsReported: 0 });
    expect(msgs.map((m) => [m.text, m.senderId, m.extra?.columns])).toEqual([
      ["old", "wechat:wxid_alice01", undefined],
      ["new", "wechat:wxid_owner9", { MsgSvrID: "8801", IsRead: "1" }],
      ["new again", "wechat:wxid_owner9", { MsgSvrID: "8801", IsRead: "1" }],
    ]);
    expect(archive.diagnostics.find((d) => d.code === "duplicate-section")).toMatchObject({ place: { line: 3 } });
    expect(archive.diagnostics.filter((d) => d.code === "unknown-column").map((d) => d.place)).toEqual([{ line: 3 }]);
    // The repeat is found across the switch too: the first pass switched headers at the same record.
    expect(archive.diagnostics.filter((d) => d.code === "duplicate-id").map((d) => d.place)).toEqual([{ line: 5 }]);
  });

  it("pywxdump-csv: a v2 page joined after a v3 page", async () => {
    const text = [
      "id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime",
      "1,9001,文本,0,wxid_a,wxid_a,v3 row,,2024-03-01 08:00:05",
      "id,MsgSvrID,type_name,is_sender,talker,room_name,content,CreateTime",
      '2,9002,文本,1,我,wxid_a,"{""src"": """", ""msg"": ""v2 row""}",2024-03-01 08:00:09',
    ].join("\n");
    const { msgs, accounting } = await read(memorySource("wxid_a_0_5000.csv", text));
    expect(accounting).toEqual({ recordsRead: 3, recordsInMessages: 2, recordsStructural: 1, recordsReported: 0 });
    expect(msgs.map((m) => [m.id, m.text, m.senderId])).toEqual([["9001", "v3 row", "wechat:wxid_a"], ["9002", "v2 row", "wechat:owner"]]);
  });

  it("pywxdump-csv: a MsgSvrID column a spreadsheet rounded to 15 digits gives line ids, reported once (not a duplicate per row)", async () => {
    const rows = ["7330772355966170000", "7330772355966170000", "7330772355966180000"].map((svr, i) => `${i + 1},${svr},文本,0,wxid_a,wxid_a,m${i},,2024-03-01 08:00:0${i}`);
    const { msgs, archive } = await read(memorySource("wxid_a_0_5000.csv", ["id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime", ...rows].join("\n")));
    expect(msgs).toHaveLength(3);
    expect(new Set(msgs.map((m) => m.id)).size).toBe(3);
    for (const m of msgs) expect(m.id).toMatch(/^pywxdump-csv:/);
    expect(archive.diagnostics.filter((d) => d.code === "duplicate-id")).toEqual([]);
    expect(archive.diagnostics.filter((d) => d.code === "invalid-id").map((d) => d.place)).toEqual([{ line: 2 }]);
  });
});

describe("detection stays specific", () => {
  it.each([
    ["chatport's own CSV output", "conversation_id,conversation_title,message_id,seq,time_utc,time_wall,time_offset,time_zone,time_basis,time_precision,time_raw,sender_id,sender_name,kind,status,text,reply_to,edited_utc,attachments,attachment_sha256,source_file,source_place\nwechat-chat:a,A,1,1,,,,,floating,second,x,,,text,normal,hi,,,,,a.csv,line 2"],
    ["a random spreadsheet", "name,email,phone,type,content,time\nA,a@x,1,1,hi,2024"],
    ["a WeChat contact list", "UserName,Alias,Remark,NickName,Type\nwxid_a,al,阿丽,Alice,3"],
    ["a generic chat log", "time,sender,is_sender,type,content\n2024-01-01 00:00:00,a,0,1,hi"],
  ])("claims neither for %s", async (_what, text) => {
    const r = await resolveReader(memorySource("data.csv", text), builtinRegistry).then(
      (x) => x.reader.id,
      () => "refused",
    );
    expect(r).toBe("refused");
  });
});

describe("pywxdump-csv: users.json as an array", () => {
  const csv = ["id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime", "1,9001,文本,0,wxid_alice01,123@chatroom,早,,2024-03-01 08:00:05", "2,9002,文本,0,wxid_bob02,123@chatroom,早啊,,2024-03-01 08:00:09"].join("\n");

  it("reads names from an array of user objects (wxid or username)", async () => {
    const users = JSON.stringify([
      { wxid: "wxid_alice01", nickname: "Alice", remark: "阿丽", account: "alice_w" },
      { username: "wxid_bob02", nickname: "Bob" },
      { wxid: "123@chatroom", nickname: "登山群" },
    ]);
    const { archive, codes } = await read(memoryTree("export", { "123@chatroom_0_5000.csv": csv, "users.json": users }));
    expect(archive.participants.find((p) => p.id === "wechat:wxid_alice01")).toMatchObject({ displayName: "阿丽" });
    expect(archive.participants.find((p) => p.id === "wechat:wxid_bob02")).toMatchObject({ displayName: "Bob" });
    expect(archive.conversations[0]!.title).toBe("登山群");
    expect(codes).not.toContain("malformed-payload");
  });

  it("reports an array whose items name no user, instead of ignoring it silently", async () => {
    const users = JSON.stringify([{ name: "Alice" }, "wxid_bob02"]);
    const { archive } = await read(memoryTree("export", { "123@chatroom_0_5000.csv": csv, "users.json": users }));
    expect(archive.participants.find((p) => p.id === "wechat:wxid_alice01")?.displayName).not.toBe("Alice");
    const d = archive.diagnostics.filter((x) => x.file === "users.json");
    expect(d.map((x) => [x.code, x.message])).toEqual([["malformed-payload", expect.stringMatching(/JSON array whose 2 item\(s\) name no user .*not used/)]]);
  });
});

describe("CLI", () => {
  it("converts another version's columns (exit 0) and names a missing required column (exit 5, no --from advice)", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "chatport-csvcols-")), "out.json");
    const ok = await runCapture(["convert", "samples/wechatmsg-csv/newer-columns-reordered/input.csv", "--to", "json", "-o", out, "-q"]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8")).conversations[0].messages).toHaveLength(5);
    const bad = await runCapture(["convert", "samples/pywxdump-csv/missing-required-column/input.csv", "--to", "json", "-o", out + "2", "-q"]);
    expect(bad.code).toBe(5);
    expect(bad.err).toMatch(/no "room_name" \(or "StrTalker"\) column/);
    expect(bad.err).not.toMatch(/--from/);
  });
});
