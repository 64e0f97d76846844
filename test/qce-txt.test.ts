/** qce-txt: block splitting, detection, and the variants QCE's TextExporter can write (FORMAT.md). */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { DiagnosticCollector } from "../src/diagnostics/collector.js";
import { memorySource } from "../src/io/source.js";
import { readAll } from "../src/pipeline/index.js";
import { buildProbe } from "../src/pipeline/probe.js";
import { resolveReader } from "../src/pipeline/resolve-reader.js";
import { splitBlock } from "../formats/qce-txt/block.js";
import { detectQceTxt } from "../formats/qce-txt/detect.js";
import { assertAccounting } from "./helpers/contract.js";

const HEAD = [
  "[QQChatExporter V5 / https://github.com/shuakami/qq-chat-exporter]",
  "[本软件是免费的开源项目~ 如果您是买来的，请立即退款！如果有帮助到您，欢迎给我点个Star~]",
  "",
  "===============================================",
  "           QQ聊天记录导出文件",
  "===============================================",
  "",
];
const FOOT = (n: number) => ["===============================================", "              导出完成", "===============================================", `总计导出 ${n} 条消息`, "导出时间: 2024-01-02 00:00:00"];

async function read(text: string, opts: { readerOptions?: Record<string, unknown>; from?: string } = {}) {
  let accounting: Record<string, number> | undefined;
  const archive = await readAll(memorySource("chat.txt", text), builtinRegistry, { ...opts, diagnostics: new DiagnosticCollector(), onAccounting: (a) => (accounting = a) });
  if (accounting) assertAccounting(accounting);
  return { archive, accounting, codes: archive.diagnostics.map((d) => d.code), msgs: archive.conversations[0]?.messages ?? [] };
}

describe("qce-txt splitBlock", () => {
  it("reads metadata from the end only, in QCE's order", () => {
    const b = splitBlock(["A:", "时间: 2024-01-01 00:00:00", "内容: x", "回复: y", "提及: z", "", ""]);
    // 回复 before 提及 is not QCE's order: 提及 is the last metadata line, 回复 stays text.
    expect(b).toMatchObject({ name: "A", text: "x\n回复: y", mentions: "z", linesInMessage: 5, linesStructural: 2 });
    expect(b.reply).toBeUndefined();
  });

  it("keeps resource items without a 资源 line as text, and counts the declared number", () => {
    expect(splitBlock(["A:", "时间: t", "内容: x", "  - image: a.png"])).toMatchObject({ text: "x\n  - image: a.png", resources: [] });
    const b = splitBlock(["A:", "时间: t", "内容: x", "资源: 3 个文件", "  - image: a.png", "  - market_face: m.gif"]);
    expect(b.resources).toEqual([{ type: "image", name: "a.png" }, { type: "market_face", name: "m.gif" }]);
    expect(b.resourcesDeclared).toBe(3);
    expect(b.text).toBe("x");
  });

  it("never takes the 内容 line itself as metadata", () => {
    expect(splitBlock(["A:", "时间: t", "内容: 回复: 好的"])).toMatchObject({ text: "回复: 好的", hasContent: true });
    expect(splitBlock(["A:", "时间: t", "内容: "])).toMatchObject({ text: "", hasContent: true });
  });

  it("reads [N] and 类型: lines", () => {
    expect(splitBlock(["[12]", "A:", "时间: t", "类型: text", "内容: hi"])).toMatchObject({ number: "12", name: "A", type: "text", text: "hi", linesInMessage: 5 });
  });
});

describe("qce-txt reading", () => {
  it("reads numbered blocks with 类型: lines, marks --self, and counts every line", async () => {
    const text = [...HEAD, "聊天名称: 二人", "聊天类型: 私聊", "导出时间: x", "消息总数: 2", "", "",
      "[1]", "我:", "时间: 2024-01-01 08:00:00", "类型: text", "内容: 在吗", "", "",
      "[2]", "Bob:", "时间: 2024-01-01 08:00:05", "类型: text", "内容: 在", "", ...FOOT(2)].join("\n");
    const { archive, msgs, accounting, codes } = await read(text, { readerOptions: { self: "我" } });
    expect(archive.sources[0]!.reader).toBe("qce-txt");
    expect(archive.conversations[0]!.kind).toBe("direct");
    expect(msgs.map((m) => [m.senderId, m.text, m.extra])).toEqual([
      ["qce-name:我", "在吗", { qceType: "text", qceNumber: "1" }],
      ["qce-name:Bob", "在", { qceType: "text", qceNumber: "2" }],
    ]);
    expect(msgs[1]!.provenance.at).toEqual({ line: 21, endLine: 25 });
    expect(archive.participants.find((p) => p.id === "qce-name:我")!.isSelf).toBe(true);
    expect(archive.participants.find((p) => p.id === "qce-name:Bob")!.isSelf).toBeUndefined();
    expect(accounting).toEqual({ linesRead: 31, linesInMessages: 10, linesStructural: 21, linesReported: 0 });
    expect(codes).toEqual(["timezone-floating"]);
  });

  it("takes attachments from the text's placeholders when there is no 资源 list", async () => {
    const text = [...HEAD, "聊天名称: G", "聊天类型: 群聊", "", "",
      "A:", "时间: 2024-01-01 08:00:00", "内容: [视频: v.mp4] and [图片: p.jpg]", "", "",
      "A:", "时间: 2024-01-01 08:01:00", "内容: [语音 3秒]", "", "",
      "A:", "时间: 2024-01-01 08:02:00", "内容: [image、file消息]", "", "",
      "A:", "时间: 2024-01-01 08:03", "内容: [表情消息]", "", ...FOOT(4)].join("\n");
    const { msgs, codes } = await read(text);
    expect(msgs.map((m) => m.kind)).toEqual(["video", "voice", "file", "sticker"]);
    expect(msgs.map((m) => m.attachments.map((a) => `${a.kind}:${a.fileName ?? ""}:${a.availability}`))).toEqual([
      ["video:v.mp4:omitted", "image:p.jpg:omitted"], ["voice::omitted"], ["image::omitted", "file::omitted"], [],
    ]);
    // A time without seconds is read at minute precision, never with invented seconds.
    expect(msgs[3]!.sentAt).toEqual({ raw: "2024-01-01 08:03", wall: "2024-01-01T08:03", basis: "floating", precision: "minute" });
    expect(codes).toEqual(["timezone-floating"]);
  });

  it("reports a 资源 count that differs from the items, and a footer total that differs from the blocks", async () => {
    const text = [...HEAD, "聊天名称: G", "消息总数: 1", "", "", "A:", "时间: 2024-01-01 08:00:00", "内容: x", "资源: 2 个文件", "  - image: a.png", "", ...FOOT(3)].join("\n");
    const { msgs, codes } = await read(text);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.attachments).toHaveLength(1);
    expect(codes).toEqual(["timezone-floating", "count-mismatch", "count-mismatch"]);
  });

  it("reads a second export pasted after the first as its own conversation", async () => {
    const one = [...HEAD, "聊天名称: G1", "", "", "A:", "时间: 2024-01-01 08:00:00", "内容: x", "", ...FOOT(1)];
    const two = [...HEAD, "聊天名称: G2", "", "", "B:", "时间: 2024-01-02 08:00:00", "内容: y", "", ...FOOT(1)];
    const { archive, accounting } = await read([...one, "", ...two].join("\n"));
    expect(archive.conversations.map((c) => [c.title, c.messages.map((m) => m.text)])).toEqual([["G1", ["x"]], ["G2", ["y"]]]);
    expect(new Set(archive.conversations.map((c) => c.id)).size).toBe(2);
    expect(accounting!.linesReported).toBe(0);
  });

  it("reports stray lines after the footer with their text", async () => {
    const text = [...HEAD, "聊天名称: G", "", "", "A:", "时间: 2024-01-01 08:00:00", "内容: x", "", ...FOOT(1), "trailing junk"].join("\n");
    const { archive, accounting } = await read(text);
    const d = archive.diagnostics.find((x) => x.code === "unrecognized-line")!;
    expect(d.place).toEqual({ line: 20 });
    expect(d.raw).toBe("trailing junk");
    expect(accounting).toEqual({ linesRead: 20, linesInMessages: 3, linesStructural: 16, linesReported: 1 });
  });

  it("is stable: the same input gives the same ids", async () => {
    const text = [...HEAD, "聊天名称: G", "", "", "A:", "时间: 2024-01-01 08:00:00", "内容: x", "", ...FOOT(1)].join("\n");
    const a = await read(text);
    const b = await read(text);
    expect(a.msgs[0]!.id).toBe(b.msgs[0]!.id);
    expect(a.msgs[0]!.id).toMatch(/^qce-txt:[0-9a-f]{16}$/);
  });
});

describe("qce-txt detection", () => {
  const probe = async (text: string) => buildProbe(memorySource("x.txt", text));

  it("is confident on the banner and 聊天名称, moderate on headerless blocks", async () => {
    const full = [...HEAD, "聊天名称: G", "", "", "A:", "时间: 2024-01-01 08:00:00", "内容: x"].join("\n");
    expect(detectQceTxt(await probe(full))!.confidence).toBeGreaterThanOrEqual(0.9);
    const cut = ["A:", "时间: 2024-01-01 08:00:00", "内容: x", "", "", "B:", "时间: 2024-01-01 08:00:01", "内容: y"].join("\n");
    const r = detectQceTxt(await probe(cut))!;
    expect(r.variant).toBe("headerless");
    expect(r.confidence).toBeGreaterThan(0.3);
    expect(r.confidence).toBeLessThan(0.9);
    expect(detectQceTxt(await probe("hello:\nworld\n"))).toBeNull();
  });

  it("does not take qq-txt or whatsapp-txt samples", async () => {
    const root = join(import.meta.dirname, "..", "samples");
    let checked = 0;
    for (const fmt of ["qq-txt", "whatsapp-txt"]) {
      const dir = join(root, fmt);
      if (!existsSync(dir)) continue;
      for (const c of readdirSync(dir)) {
        const f = join(dir, c, "input.txt");
        if (!existsSync(f)) continue;
        const src = memorySource("input.txt", readFileSync(f));
        expect(detectQceTxt(await buildProbe(src)), `${fmt}/${c}`).toBeNull();
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
    const r = await resolveReader(memorySource("x.txt", [...HEAD, "聊天名称: G"].join("\n")), builtinRegistry);
    expect(r.reader.id).toBe("qce-txt");
  });
});
