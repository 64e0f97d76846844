import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Archive, ChatportError, MediaRegistry, buildProbe, convert, memorySource, readAll, readEvents, type ChatEvent, type Message } from "../src/index.js";
import { DiagnosticCollector } from "../src/diagnostics/collector.js";
import { detectQqMht } from "../formats/qq-mht/detect.js";
import { loadHtmlParser, RowCollector, type Row } from "../formats/qq-mht/html-rows.js";
import { splitMergedBlock } from "../formats/qq-mht/merged.js";
import { BOUNDARY, GIF_1X1, PNG_1X1, buildMht, font, img, row } from "./helpers/qq-mht-build.js";
import { PNG_RED_2X2, encodeGb18030 } from "./helpers/qq-mht-samples.js";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const G1 = "33E8481F-D8C5-42c7-B3E0-FD1484C54196";
const G2 = "96F1308E-DDB6-44b1-98D1-16EE42C52F27";

const GROUP_ROWS = [
  row.title(), row.group("我加入的群聊"), row.object("咕咕瓜的避难窝"), row.spacer(), row.date("2020-02-11"),
  row.message("系统消息(10000)", "4:36:46", font("你已经是群成员了，和大家打个招呼吧！")),
  row.message("大魔头&lt;someone@example.com&gt;", "12:28:18", font("第一行<br>第二行 &get; /托腮") + img(G1)),
  row.message("【管理员】风自由(23246779)", "23:59:59", img(G2), "#42B475"),
  row.date("2020-02-12"),
  row.message("风自由(23246779)", "0:00:01", font("[表情]")),
];
const GROUP_IMAGES = [
  { guid: G1, type: "image/png", bytes: PNG_1X1 },
  { guid: G2, type: "image/gif", bytes: GIF_1X1 },
];

async function read(bytes: Uint8Array, opts: Parameters<typeof readAll>[1] = {}, name = "chat.mht") {
  const accounting: Record<string, number>[] = [];
  const diagnostics = new DiagnosticCollector();
  const archive = await readAll(memorySource(name, bytes), { from: "qq-mht", ...opts, diagnostics, onAccounting: (a) => accounting.push(a) });
  return { archive, accounting: accounting[0] as Record<"rowsRead" | "rowsInMessages" | "rowsStructural" | "rowsReported", number>, messages: archive.conversations.flatMap((c) => c.messages), diags: archive.diagnostics };
}

describe("qq-mht: group export with images", () => {
  let r: Awaited<ReturnType<typeof read>>;
  beforeAll(async () => {
    r = await read(buildMht({ rows: GROUP_ROWS, images: GROUP_IMAGES }));
  });

  test("is schema-valid and every row is accounted for", () => {
    expect(() => Archive.parse(r.archive)).not.toThrow();
    const a = r.accounting;
    expect(a.rowsRead).toBe(10);
    expect(a.rowsInMessages).toBe(4);
    expect(a.rowsStructural).toBe(6);
    expect(a.rowsReported).toBe(0);
    expect(a.rowsRead).toBe(a.rowsInMessages + a.rowsStructural + a.rowsReported);
    expect(Object.keys(a).sort()).toEqual(["rowsInMessages", "rowsRead", "rowsReported", "rowsStructural"]);
    expect(r.diags.filter((d) => d.code === "unreferenced-media")).toHaveLength(0);
  });

  test("date row + time-only headers give exact floating wall clocks", () => {
    expect(r.messages.map((m) => [m.sentAt.raw, m.sentAt.wall, m.sentAt.basis, m.sentAt.utc])).toEqual([
      ["2020-02-11 4:36:46", "2020-02-11T04:36:46", "floating", undefined],
      ["2020-02-11 12:28:18", "2020-02-11T12:28:18", "floating", undefined],
      ["2020-02-11 23:59:59", "2020-02-11T23:59:59", "floating", undefined],
      ["2020-02-12 0:00:01", "2020-02-12T00:00:01", "floating", undefined],
    ]);
  });

  test("--tz gives instants", async () => {
    const t = await read(buildMht({ rows: GROUP_ROWS, images: GROUP_IMAGES }), { tz: "Asia/Shanghai" });
    expect(t.messages.map((m) => m.sentAt.utc)).toEqual(["2020-02-10T20:36:46Z", "2020-02-11T04:28:18Z", "2020-02-11T15:59:59Z", "2020-02-11T16:00:01Z"]);
    expect(t.messages[0]!.sentAt).toMatchObject({ basis: "assumed-zone", offset: "+08:00", zone: "Asia/Shanghai" });
  });

  test("senders in TXT forms: Name(id), Name<email>, 【title】, system", () => {
    expect(r.messages.map((m) => m.senderId)).toEqual(["qq:10000", "qq:someone@example.com", "qq:23246779", "qq:23246779"]);
    const p = new Map(r.archive.participants.map((x) => [x.id, x]));
    expect(p.get("qq:someone@example.com")).toMatchObject({ displayName: "大魔头", handles: [{ kind: "email", value: "someone@example.com" }] });
    expect(p.get("qq:10000")?.isSystem).toBe(true);
    expect(r.messages[2]!.extra?.senderTitle).toBe("管理员");
    expect(r.messages[0]!.kind).toBe("system");
  });

  test("text: line breaks kept, &get; repaired, faces stay text", () => {
    expect(r.messages[1]!.text).toBe("第一行\n第二行 > /托腮");
    expect(r.messages[3]!.text).toBe("[表情]");
    expect(r.diags.filter((d) => d.code === "repaired-markup")).toHaveLength(1);
  });

  test("images: present attachments with the decoded part's SHA-256 and size", () => {
    const a = r.messages[1]!.attachments[0]!;
    expect(a).toMatchObject({ kind: "image", mediaType: "image/png", bytes: PNG_1X1.length, sha256: sha(PNG_1X1), availability: "present", path: `mht:{${G1}}.dat`, fileName: `{${G1}}.dat` });
    expect(r.messages[2]!.attachments[0]).toMatchObject({ mediaType: "image/gif", bytes: 42, sha256: sha(GIF_1X1), availability: "present" });
    expect(r.messages[2]!.kind).toBe("image");
    expect(r.messages[1]!.parts?.map((p) => p.type)).toEqual(["text", "image"]);
  });

  test("the header colour is only a hint", () => {
    expect(r.messages[2]!.extra).toMatchObject({ headerColor: "#42B475", directionHint: "self" });
    expect(r.archive.participants.some((p) => p.isSelf)).toBe(false);
  });

  test("ids are unique and stable", async () => {
    const again = await read(buildMht({ rows: GROUP_ROWS, images: GROUP_IMAGES }));
    expect(JSON.stringify(again.archive)).toBe(JSON.stringify(r.archive));
    const ids = r.messages.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("qq-mht: variants give the same messages", () => {
  const strip = (ms: Message[]) => ms.map(({ provenance: _p, ...m }) => m);
  let base: Message[];
  beforeAll(async () => {
    base = (await read(buildMht({ rows: GROUP_ROWS, images: GROUP_IMAGES }))).messages;
  });
  test.each([
    ["LF line ends", { eol: "\n" as const }],
    ["no BOM", { bom: false }],
    ["quoted-printable HTML part", { htmlTransfer: "quoted-printable" as const }],
    ["base64 HTML part", { htmlTransfer: "base64" as const }],
    ["every row on its own line", { firstLineRows: 1 }],
  ])("%s", async (_name, variant) => {
    const got = await read(buildMht({ rows: GROUP_ROWS, images: GROUP_IMAGES, ...variant }));
    expect(strip(got.messages)).toEqual(strip(base));
  });

  test("LF and CRLF put rows on the same file lines", async () => {
    const lf = await read(buildMht({ rows: GROUP_ROWS, images: GROUP_IMAGES, eol: "\n" }));
    expect(lf.messages.map((m) => m.provenance.at)).toEqual(base.map((m) => m.provenance.at));
    expect(base.map((m) => m.provenance.at)).toEqual([{ line: 14 }, { line: 15 }, { line: 16 }, { line: 18 }]);
  });

  test("an encoded HTML part names the part and the line inside it", async () => {
    const qp = await read(buildMht({ rows: GROUP_ROWS, images: GROUP_IMAGES, htmlTransfer: "base64" }));
    expect(qp.messages[0]!.provenance.at).toEqual({ entry: "part 1 (text/html, base64)", inner: { line: 2 } });
  });
});

describe("qq-mht: sections, encodings, damage", () => {
  test("two 消息分组/消息对象 sections become two conversations", async () => {
    const r = await read(
      buildMht({
        rows: [
          row.title(), row.group("我的好友"), row.object("张三"), row.spacer(), row.date("2013-06-23"),
          row.message("张三", "15:52:32", font("hi")),
          row.spacer(), row.group("我的群聊"), row.object("技术群"), row.spacer(), row.date("2013-06-23"),
          row.message("甲(10001)", "18:42:35", font("a")), row.message("乙(10002)", "18:42:36", font("b")), row.message("丙(10003)", "18:42:37", font("c")),
          row.group("我的好友"), row.object("空对话"), row.spacer(),
        ],
      }),
    );
    expect(r.archive.conversations.map((c) => [c.title, c.kind, c.messages.length, c.extra?.messageGroup])).toEqual([
      ["张三", "direct", 1, "我的好友"],
      ["技术群", "group", 3, "我的群聊"],
      ["空对话", "direct", 0, "我的好友"],
    ]);
    expect(r.messages[0]!.senderId).toBe("qq-name:张三");
  });

  test("GB18030 HTML part: decoded, reported", async () => {
    const r = await read(buildMht({ bom: false, encodeHtml: encodeGb18030, rows: [row.object("老同学"), row.date("2012/4/11"), row.message("老同学(30001)", "12:28:18", font("你好，世界！"))] }));
    expect(r.messages[0]!.text).toBe("你好，世界！");
    expect(r.messages[0]!.sentAt.wall).toBe("2012-04-11T12:28:18");
    expect(r.diags.map((d) => d.code)).toContain("encoding-fallback");
  });

  test("a declared GB charset is honoured without a fallback warning", async () => {
    const mht = buildMht({ bom: false, encodeHtml: encodeGb18030, rows: [row.object("x"), row.date("2012-04-11"), row.message("甲(1234)", "1:02:03", font("中文"))] });
    const fixed = Buffer.from(mht.toString("latin1").replace("Content-Type: text/html", "Content-Type: text/html; charset=gb2312"), "latin1");
    const r = await read(fixed);
    expect(r.messages[0]!.text).toBe("中文");
    expect(r.diags.map((d) => d.code)).not.toContain("encoding-fallback");
  });

  test("a missing image part → missing + diagnostic; an orphan part → reported with its hash", async () => {
    const r = await read(
      buildMht({
        rows: [row.object("x"), row.date("2016-03-01"), row.message("甲(20001)", "9:00:00", img("0A1B2C3D-4E5F-4a6b-8C9D-0E1F2A3B4C5D"))],
        images: [{ guid: G1, type: "image/png", bytes: PNG_RED_2X2 }],
      }),
    );
    expect(r.messages[0]!.attachments[0]).toMatchObject({ availability: "missing", kind: "image" });
    expect(r.messages[0]!.attachments[0]!.sha256).toBeUndefined();
    const orphan = r.diags.find((d) => d.code === "unreferenced-media")!;
    expect(orphan.message).toContain(sha(PNG_RED_2X2));
    expect(r.diags.some((d) => d.code === "attachment-missing")).toBe(true);
    expect(r.diags.filter((d) => d.code === "unreferenced-media")).toHaveLength(1);
  });

  test("GUID case differs between IMG and part: matched after folding, src kept", async () => {
    const r = await read(buildMht({ rows: [row.object("x"), row.date("2016-03-01"), row.message("甲(20001)", "9:00:00", img(G1.toLowerCase()))], images: [{ guid: G1, type: "image/png", bytes: PNG_1X1 }] }));
    expect(r.messages[0]!.attachments[0]).toMatchObject({ availability: "present", sha256: sha(PNG_1X1), extra: { src: `{${G1.toLowerCase()}}.dat` } });
  });

  test("a path-like src is matched by its file name", async () => {
    const r = await read(buildMht({ rows: [row.object("x"), row.date("2016-03-01"), row.message("甲(20001)", "9:00:00", `<IMG src="file:///C:/Users/a/Image/{${G1}}.dat">`)], images: [{ guid: G1, type: "image/png", bytes: PNG_1X1 }] }));
    expect(r.messages[0]!.attachments[0]).toMatchObject({ availability: "present", sha256: sha(PNG_1X1), path: `mht:{${G1}}.dat` });
  });

  test("a file cut short: truncated-input, the last part flagged", async () => {
    const r = await read(buildMht({ rows: [row.object("x"), row.date("2016-03-01"), row.message("甲(20001)", "9:00:00", img(G1))], images: [{ guid: G1, type: "image/png", bytes: PNG_1X1 }], unclosed: true }));
    expect(r.diags.some((d) => d.code === "truncated-input")).toBe(true);
    expect(r.messages[0]!.attachments[0]!.extra?.truncated).toBe(true);
  });

  test("unknown rows and markup are reported with their raw HTML, never dropped", async () => {
    const r = await read(
      buildMht({
        rows: [
          row.object("x"), row.date("2016-03-01"),
          "<tr><td>something else entirely</td></tr>",
          row.message("甲(20001)", "9:00:00", font("hi <marquee>moving</marquee>")),
          row.message("乙(20002)", "not a time", font("odd")),
        ],
      }),
    );
    expect(r.accounting.rowsReported).toBe(1);
    const unrec = r.diags.find((d) => d.code === "unrecognized-record")!;
    expect(unrec.raw).toBe("<tr><td>something else entirely</td></tr>");
    expect(r.messages[0]!.text).toBe("hi moving");
    expect(r.messages[0]!.raw).toContain("<marquee>");
    expect(r.diags.some((d) => d.code === "unknown-element")).toBe(true);
    expect(r.messages[1]!.sentAt).toEqual({ raw: "2016-03-01 not a time", basis: "floating", precision: "second" });
    expect(r.accounting.rowsRead).toBe(r.accounting.rowsInMessages + r.accounting.rowsStructural + r.accounting.rowsReported);
  });

  test("a forwarded block (nested table) becomes a merged message with inner messages", async () => {
    const block =
      `<div style=color:#000000;padding-left:10px;font-weight:bold;>群聊的聊天记录</div><table><tr><td><div>${font("张三 2020-02-10 10:00:00<br>第一条<br>李四 2020-02-10 10:01:00<br>第二条")}</div></td></tr></table>`;
    const r = await read(buildMht({ rows: [row.object("x"), row.date("2020-02-11"), row.message("甲(20001)", "9:00:00", block)] }));
    const m = r.messages[0]!;
    expect(m.kind).toBe("merged");
    expect(m.extra?.mergedTitle).toBe("群聊的聊天记录");
    expect(m.inner?.map((x) => [x.senderId, x.sentAt.wall, x.text])).toEqual([
      ["qq-name:张三", "2020-02-10T10:00:00", "第一条"],
      ["qq-name:李四", "2020-02-10T10:01:00", "第二条"],
    ]);
  });

  test("a forwarded block in its own row joins the message before it", async () => {
    const blockRow = `<tr><td><div style=color:#000000;padding-left:10px;font-weight:bold;>聊天记录</div><table><tr><td><div>${font("张三 2020-02-10 10:00:00<br>转发的话")}</div></td></tr></table></td></tr>`;
    const r = await read(buildMht({ rows: [row.object("x"), row.date("2020-02-11"), row.message("甲(20001)", "9:00:00", font("看看这个")), blockRow, row.message("乙(20002)", "9:01:00", font("好"))] }));
    expect(r.messages.map((m) => m.kind)).toEqual(["merged", "text"]);
    expect(r.messages[0]!.text).toBe("看看这个\n聊天记录\n张三 2020-02-10 10:00:00\n转发的话");
    expect(r.messages[0]!.inner?.map((x) => [x.senderId, x.text])).toEqual([["qq-name:张三", "转发的话"]]);
    expect(r.accounting.rowsInMessages).toBe(3);
    expect(r.accounting.rowsReported).toBe(0);
  });

  test("splitMergedBlock: sender and date-time on separate lines", () => {
    expect(splitMergedBlock("标题\n张三\n2020-02-10 10:00:00\n你好\n\n李四 2020-02-10 10:01:00\n再见")).toEqual({
      title: "标题",
      messages: [
        { sender: "张三", date: "2020-02-10", time: "10:00:00", text: "你好", line: 1 },
        { sender: "李四", date: "2020-02-10", time: "10:01:00", text: "再见", line: 5 },
      ],
    });
  });

  test("empty input yields a diagnostic, not a throw", async () => {
    const r = await read(Buffer.from("\ufeff\r\n"));
    expect(r.messages).toHaveLength(0);
    expect(r.diags.some((d) => d.code === "empty-input")).toBe(true);
  });

  test("a single-part MHT (the HTML is the root, no multipart) still reads", async () => {
    const html = Buffer.from(`From: <Save by Tencent MsgMgr>\r\nContent-Type: text/html\r\n\r\n<html><body><table>${row.object("x")}${row.date("2016-03-01")}\r\n${row.message("甲(20001)", "9:00:00", font("hi"))}</table></body></html>\r\n`);
    const r = await read(html);
    expect(r.messages.map((m) => [m.text, m.sentAt.wall, m.provenance.at])).toEqual([["hi", "2016-03-01T09:00:00", { line: 5 }]]);
  });

  test("an MHT with no chat rows yields a diagnostic, not a throw", async () => {
    const r = await read(buildMht({ rows: [] }));
    expect(r.messages).toHaveLength(0);
    expect(r.diags.some((d) => d.code === "empty-input")).toBe(true);
  });
});

describe("qq-mht: HTML streaming details", () => {
  test("&get; split across chunks is still repaired; rows keep exact raw text and lines", async () => {
    await loadHtmlParser();
    const html = `<html><body><table>\r\n${row.message("a(1234)", "1:02:03", font("x &get; y &amp;get; z"))}\r\n${row.spacer()}</table></body></html>`;
    const rows: Row[] = [];
    const c = new RowCollector({ row: (r) => rows.push(r), stray: () => {} });
    for (let i = 0; i < html.length; i += 3) c.write(html.slice(i, i + 3));
    c.end();
    expect(rows).toHaveLength(2);
    expect(rows[0]!.line).toBe(2);
    expect(rows[1]!.line).toBe(3);
    expect(rows[0]!.raw).toBe(row.message("a(1234)", "1:02:03", font("x &get; y &amp;get; z")));
    expect(JSON.stringify(rows[0]!.tree)).toContain("x > y &get; z");
  });
});

describe("qq-mht: detection and refusals", () => {
  const probeOf = (name: string, bytes: Uint8Array) => buildProbe(memorySource(name, bytes));

  test("signature lines → 0.99; QQ HTML without them → 0.85; bare .mht → weak", async () => {
    const mht = buildMht({ rows: GROUP_ROWS, images: GROUP_IMAGES });
    expect(detectQqMht(await probeOf("a.mht", mht))?.confidence).toBe(0.99);
    const noFrom = Buffer.from(mht.toString("utf8").replace("From: <Save by Tencent MsgMgr>\r\nSubject: Tencent IM Message\r\n", ""), "utf8");
    expect(detectQqMht(await probeOf("a.txt", noFrom))?.confidence).toBe(0.85);
    const other = Buffer.from(`MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="${BOUNDARY}"\r\n\r\n--${BOUNDARY}\r\nContent-Type: text/html\r\n\r\n<html>hello</html>\r\n--${BOUNDARY}--\r\n`);
    expect(detectQqMht(await probeOf("page.mht", other))?.confidence).toBeLessThan(0.5);
    expect(detectQqMht(await probeOf("chat.txt", Buffer.from("2017-01-01 8:36:52 a(1234)\r\nhi\r\n")))).toBeNull();
  });

  test("auto-detection picks qq-mht", async () => {
    const archive = await readAll(memorySource("chat.mht", buildMht({ rows: GROUP_ROWS, images: GROUP_IMAGES })));
    expect(archive.sources[0]!.reader).toBe("qq-mht");
  });

  test(".bak (encrypted 消息管理器 backup): detected and refused with an explanation", async () => {
    const bak = createHash("sha512").update("x").digest();
    const bytes = Buffer.concat(Array.from({ length: 64 }, (_, i) => createHash("sha512").update(bak).update(String(i)).digest()));
    expect(detectQqMht(await probeOf("全部消息记录.bak", bytes))?.variant).toBe("bak");
    const err = await readAll(memorySource("全部消息记录.bak", bytes)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChatportError);
    expect((err as ChatportError).kind).toBe("input-damaged");
    expect((err as ChatportError).message).toMatch(/encrypted .bak backup.*(\.txt|文本文件).*(\.mht|网页格式)/);
  });
});

describe("qq-mht: image bytes for writers", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "chatport-mht-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test("the reader's media store hands out each image's bytes (file source, range reads)", async () => {
    const path = join(dir, "chat.mht");
    await writeFile(path, buildMht({ rows: GROUP_ROWS, images: GROUP_IMAGES, eol: "\n" }));
    const media = new MediaRegistry();
    const messages: Message[] = [];
    for await (const ev of readEvents(path, { media }) as AsyncIterable<ChatEvent>) if (ev.type === "message") messages.push(ev.message);
    for (const [i, bytes] of [[1, PNG_1X1], [2, GIF_1X1]] as const) {
      const src = await media.open(messages[i]!.attachments[0]!);
      const chunks: Buffer[] = [];
      for await (const c of src!.stream()) chunks.push(Buffer.from(c));
      expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
      expect(src!.size).toBe(bytes.length);
    }
    expect(await media.open("mht:{00000000-0000-0000-0000-000000000000}.dat")).toBeUndefined();
  });

  test("convert writes images beside the output and points the attachments there", async () => {
    const input = join(dir, "group.mht");
    await writeFile(input, buildMht({ rows: GROUP_ROWS, images: GROUP_IMAGES }));
    const out = join(dir, "out", "group.json");
    const result = await convert(input, { to: "json", output: out });
    const files = (await readdir(join(dir, "out", "group.media"))).sort();
    expect(files).toEqual([`${sha(GIF_1X1)}.gif`, `${sha(PNG_1X1)}.png`].sort());
    expect((await readFile(join(dir, "out", "group.media", `${sha(PNG_1X1)}.png`))).equals(PNG_1X1)).toBe(true);
    expect(result.outputs).toHaveLength(3);
    const json = JSON.parse(await readFile(out, "utf8")) as { conversations: { messages: Message[] }[] };
    const att = json.conversations[0]!.messages[1]!.attachments[0]!;
    expect(att.path).toBe(`group.media/${sha(PNG_1X1)}.png`);
    expect(att.extra?.sourcePath).toBe(`mht:{${G1}}.dat`);

    const out2 = join(dir, "out2", "group.json");
    await convert(input, { to: "json", output: out2, extractMedia: false });
    await expect(readdir(join(dir, "out2", "group.media"))).rejects.toThrow();
  });
});

describe("qq-mht: more than 1,000 image parts (issue 7 scale)", () => {
  test("an export with 1,200 pictures reads every one (mailsplit's default part limit is 1,000)", async () => {
    // Before: "could not be split into MIME parts … (Max allowed child nodes exceeded)", exit 5, on the
    // 1M-message scale input (one picture per 1,000 messages).
    const n = 1200;
    const guid = (i: number) => `${i.toString(16).toUpperCase().padStart(8, "0")}-D8C5-42c7-B3E0-FD1484C54196`;
    const rows = [row.title(), row.group("我加入的群聊"), row.object("图多的群"), row.spacer(), row.date("2020-02-11")];
    const images = [];
    for (let i = 0; i < n; i++) {
      rows.push(row.message("风自由(23246779)", `12:${String(Math.floor(i / 60) % 60).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}`, img(guid(i))));
      images.push({ guid: guid(i), type: "image/png", bytes: Buffer.concat([PNG_1X1, Buffer.from(String(i))]) });
    }
    const r = await read(buildMht({ rows, images }), { tz: "Asia/Shanghai" });
    expect(r.messages).toHaveLength(n);
    expect(r.diags).toEqual([]);
    const last = r.messages[n - 1]!.attachments[0]!;
    expect(last.availability).toBe("present");
    expect(last.sha256).toBe(sha(Buffer.concat([PNG_1X1, Buffer.from(String(n - 1))])));
  });
});

describe("qq-mht: multipart nested past any export", () => {
  test("is refused as damaged at 32 levels, before the MIME splitter's cost grows with the depth", async () => {
    const levels = 200;
    let mht = 'From: <Save by Tencent MsgMgr>\r\nSubject: Tencent IM Message\r\nMIME-Version: 1.0\r\nContent-Type:multipart/related;\r\n\ttype="text/html";\r\n\tboundary="b0"\r\n\r\n';
    for (let i = 0; i < levels; i++) mht += `--b${i}\r\nContent-Type: multipart/related; boundary="b${i + 1}"\r\n\r\n`;
    const err = await readAll(memorySource("deep.mht", Buffer.from(mht)), { from: "qq-mht" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChatportError);
    expect(err).toMatchObject({ kind: "input-damaged", message: expect.stringContaining("nests multipart parts more than 32 levels deep") });
  });
});

describe("qq-mht: an image part whose bytes are no image", () => {
  test("is kept as written and reported with its part and first bytes", async () => {
    const junk = Buffer.from("this is not a picture at all, just text");
    const { messages, diags } = await read(buildMht({ rows: GROUP_ROWS, images: [{ guid: G1, type: "image/png", bytes: junk }, GROUP_IMAGES[1]!] }));
    const att = messages.flatMap((m) => m.attachments).find((a) => a.fileName === `{${G1}}.dat`)!;
    expect(att).toMatchObject({ availability: "present", sha256: sha(junk) });
    const d = diags.find((x) => x.code === "malformed-payload")!;
    expect(d.message).toContain(`({${G1}}.dat) is declared image/png but its ${junk.length} bytes start like no image format (${junk.subarray(0, 8).toString("hex")}…)`);
    expect(diags.filter((x) => x.code === "malformed-payload")).toHaveLength(1);
  });
});

describe("qq-mht: a comment that hides rows", () => {
  test("is reported with its line and how many rows it holds (a '<!--' never closed swallowed them silently)", async () => {
    const rows = [...GROUP_ROWS.slice(0, 6), "<!-- " + GROUP_ROWS[6]!, ...GROUP_ROWS.slice(7)];
    const { messages, diags } = await read(buildMht({ rows, images: GROUP_IMAGES }));
    expect(messages.length).toBeLessThan(4);
    const d = diags.find((x) => x.code === "unrecognized-record" && x.message.startsWith("An HTML comment"))!;
    expect(d.message).toMatch(/^An HTML comment holds [1-9]\d* table row\(s\)/);
    expect(d.raw!.startsWith("<!--")).toBe(true);
  });
});
