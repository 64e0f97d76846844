import { describe, expect, it } from "vitest";
import { memoryTree } from "../../src/io/source.js";
import { sha256Hex } from "../../src/io/hash.js";
import type { ReadContext } from "../../src/plugin/types.js";
import type { DiagnosticCode } from "../../src/diagnostics/codes.js";
import {
  bytesToText, classifyType, contactParticipant, decodeLz4Block, MAX_CONTENT_BYTES, decodePayload, decodeProto, decodeRoomData,
  loadZstd, lookupMedia, mediaCandidates, normalizeSvrid, protoString, splitLocalType, splitSenderPrefix,
} from "./index.js";

function fakeCtx(tz?: string) {
  const reports: { code: DiagnosticCode; message: string }[] = [];
  const ctx: ReadContext = {
    readerId: "test", readerVersion: "0", options: {}, tz,
    report: (code, r) => void reports.push({ code, message: r.message }),
    provenance: (file, at) => ({ reader: "test", readerVersion: "0", file, at }),
  };
  return { ctx, reports };
}
const pc = (ctx: ReadContext) => ({
  ctx, file: "MSG0.db", place: { table: "MSG", rowid: 1 }, provenance: ctx.provenance("MSG0.db", { table: "MSG", rowid: 1 }),
  messageId: "100", conversationId: "wechat-chat:g@chatroom",
});

describe("wechat-shared", () => {
  it("maps type/subtype to kinds", () => {
    expect(classifyType(1, 0)?.kind).toBe("text");
    expect(classifyType(49, 57)?.label).toBe("quote");
    expect(classifyType(49, 19)?.kind).toBe("merged");
    expect(classifyType(49, 2000)?.kind).toBe("transfer");
    expect(classifyType(49, 2001)?.kind).toBe("red-packet");
    expect(classifyType(49, 33)?.kind).toBe("mini-program");
    expect(classifyType(10000, 4)?.label).toBe("pat");
    expect(classifyType(9999, 0)).toBeUndefined();
    expect(splitLocalType(25769803825n)).toEqual({ type: 49, subType: 6 });
    expect(splitLocalType(21474836529n)).toEqual({ type: 49, subType: 5 });
  });

  it("normalises server ids without JS numbers", () => {
    expect(normalizeSvrid(-1n)).toBe("18446744073709551615");
    expect(normalizeSvrid("7330772355966176003")).toBe("7330772355966176003");
    expect(normalizeSvrid(0n)).toBeUndefined();
    expect(normalizeSvrid("abc")).toBeUndefined();
  });

  it("links a quote to the server id it names", () => {
    const { ctx, reports } = fakeCtx();
    const xml = `<?xml version="1.0"?><msg><appmsg appid=""><title>好的</title><type>57</type><refermsg><type>1</type><svrid>7330772355966176003</svrid><fromusr>wxid_a</fromusr><displayname>A</displayname><content>明天见</content></refermsg></appmsg></msg>`;
    const d = decodePayload(49, 0, xml, pc(ctx));
    expect(d.kind).toBe("text");
    expect(d.text).toBe("好的");
    expect(d.replyTo).toBe("7330772355966176003");
    expect((d.extra.quoted as Record<string, string>).content).toBe("明天见");
    expect(reports).toEqual([]);
  });

  it("reads a recall notice's target and the merged record's inner messages", () => {
    const { ctx } = fakeCtx("Asia/Shanghai");
    const r = decodePayload(10002, 0, `<sysmsg type="revokemsg"><revokemsg><session>g@chatroom</session><msgid>1</msgid><newmsgid>123</newmsgid><replacemsg><![CDATA["A" 撤回了一条消息]]></replacemsg></revokemsg></sysmsg>`, pc(ctx));
    expect(r.recalls).toBe("123");
    expect(r.text).toBe(`"A" 撤回了一条消息`);
    const rec = `<msg><appmsg><title>群聊的聊天记录</title><type>19</type><recorditem><![CDATA[<recordinfo><title>群聊的聊天记录</title><datalist count="2"><dataitem datatype="1" dataid="d1"><datadesc>你好</datadesc><sourcename>小明</sourcename><sourcetime>2024-01-15 10:20:30</sourcetime></dataitem><dataitem datatype="2" dataid="d2"><sourcename>小红</sourcename><srcMsgCreateTime>1705285230</srcMsgCreateTime></dataitem></datalist></recordinfo>]]></recorditem></appmsg></msg>`;
    const m = decodePayload(49, 19, rec, pc(ctx));
    expect(m.kind).toBe("merged");
    expect(m.inner).toHaveLength(2);
    expect(m.inner![0]!.text).toBe("你好");
    expect(m.inner![0]!.forwarded?.fromName).toBe("小明");
    expect(m.inner![0]!.sentAt).toMatchObject({ wall: "2024-01-15T10:20:30", utc: "2024-01-15T02:20:30Z", basis: "assumed-zone" });
    expect(m.inner![1]!.kind).toBe("image");
    expect(m.inner![1]!.sentAt).toMatchObject({ utc: "2024-01-15T02:20:30Z", basis: "exact" });
    expect(m.inner![1]!.id).toBe("100:2");
  });

  it("keeps malformed XML raw with a diagnostic and unknown types as unknown", () => {
    const { ctx, reports } = fakeCtx();
    const d = decodePayload(49, 5, "<msg><appmsg><title>半截</title><url>http://x</msg>", pc(ctx));
    expect(d.kind).toBe("link");
    expect(d.keepRaw).toBe(true);
    expect(reports.map((r) => r.code)).toEqual(["malformed-payload"]);
    const u = decodePayload(4242, 0, "???", pc(ctx));
    expect(u.kind).toBe("unknown");
    expect(reports.map((r) => r.code)).toContain("unknown-message-type");
  });

  it("splits group sender prefixes only when they look like usernames", () => {
    expect(splitSenderPrefix("wxid_abc123:\nhello")).toEqual({ sender: "wxid_abc123", body: "hello" });
    expect(splitSenderPrefix("note: this:\nthat")).toEqual({ body: "note: this:\nthat" });
  });

  it("decodes protobuf blobs (BytesExtra / RoomData)", () => {
    // RoomData: field 1 { 1: "wxid_a", 2: "阿" }
    const member = Buffer.concat([Buffer.from([0x0a, 6]), Buffer.from("wxid_a"), Buffer.from([0x12, 3]), Buffer.from("阿")]);
    const blob = new Uint8Array(Buffer.concat([Buffer.from([0x0a, member.length]), member, Buffer.from([0x28, 0xf4, 0x03])]));
    expect(decodeRoomData(blob)).toEqual([{ userName: "wxid_a", displayName: "阿" }]);
    const f = decodeProto(blob);
    expect(f[1]).toMatchObject({ field: 5, int: 500n });
    expect(protoString(decodeProto(f[0]!.bytes!)[0])).toBe("wxid_a");
    expect(() => decodeProto(new Uint8Array([0x0a, 0x50]))).toThrow();
  });

  // Both made from `text` by the reference tools: `lz4 -12` (block cut out of its frame) and `zstd -19`.
  const LZ4 = "913c6d73673e3c6170700800cf7469746c653ee9878de5a48d06000b223c2f2c008f3c6465733e616263030002203c2f1e00243c2f5f00502f6d73673e";
  const ZSTD = "28b52ffd0468ed0100c4023c6d73673e3c6170707469746c653ee9878de5a48d3c2f3c6465733e6162633c2f6465733e3c2f2f6d73673e05006220b8eef3a7069c2252e11e0169cd55c8";
  it("decodes LZ4 blocks and zstd frames made by the reference tools", async () => {
    const text = "<msg><appmsg><title>重复重复重复重复重复重复</title><des>abcabcabcabcabcabcabcabc</des></appmsg></msg>";
    const block = new Uint8Array(Buffer.from(LZ4, "hex"));
    expect(block.length).toBeLessThan(Buffer.byteLength(text));
    expect(bytesToText(decodeLz4Block(block))).toBe(text);
    expect(() => decodeLz4Block(new Uint8Array([0x1f, 0x41, 0xff, 0xff]))).toThrow();
    const zstd = await loadZstd();
    expect(bytesToText(zstd(new Uint8Array(Buffer.from(ZSTD, "hex"))))).toBe(text);
  });

  it("refuses an LZ4 block that expands past MAX_CONTENT_BYTES, however long the block", () => {
    // One literal "a", then a match of offset 1 whose length runs on in 255s: 70,000 of them make ~17.9 MB
    // from 70 KB (the old 256x-the-input limit allowed 17.9 MB).
    const run = (n: number) => new Uint8Array([0x1f, 0x61, 0x01, 0x00, ...new Array(n).fill(0xff), 0x00, 0x00]);
    expect(decodeLz4Block(run(100)).length).toBe(1 + 15 + 4 + 100 * 255);
    expect(() => decodeLz4Block(run(70_000))).toThrow(/size limit/);
    expect(MAX_CONTENT_BYTES).toBe(16 * 2 ** 20);
  });

  it("looks media up: present with sha256, else missing with a diagnostic", async () => {
    const { ctx, reports } = fakeCtx();
    const tree = memoryTree("acct", { "FileStorage/Image/2024-01/a.dat": "IMG" });
    const mc = { ctx, tree, bases: [""], file: "MSG0.db", place: { table: "MSG", rowid: 1 } };
    expect(mediaCandidates("wxid_x\\FileStorage\\Image\\2024-01\\a.dat", [""])).toContain("FileStorage/Image/2024-01/a.dat");
    const a = await lookupMedia({ kind: "image", path: "wxid_x\\FileStorage\\Image\\2024-01\\a.dat" }, "m:a1", mc);
    expect(a).toMatchObject({ availability: "present", sha256: sha256Hex("IMG"), bytes: 3, path: "FileStorage/Image/2024-01/a.dat", fileName: "a.dat" });
    const b = await lookupMedia({ kind: "image", path: "FileStorage\\Image\\2024-01\\b.dat" }, "m:a2", mc);
    expect(b.availability).toBe("missing");
    expect(reports.map((r) => r.code)).toEqual(["attachment-missing"]);
  });

  it("resolves contacts: remark > nickname > username, alias as handle", () => {
    const p = contactParticipant({ username: "wxid_a", nickname: "Nick", remark: "Boss", alias: "boss88" });
    expect(p).toEqual({ id: "wechat:wxid_a", displayName: "Boss", aliases: ["Nick"], handles: [{ kind: "wxid", value: "wxid_a" }, { kind: "username", value: "boss88" }] });
    expect(contactParticipant({ username: "wxid_b" }).displayName).toBe("wxid_b");
  });
});
