import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { readAll } from "../../src/pipeline/read-all.js";

const CORPUS = resolve(process.cwd(), "../shared/corpus");
const FILE = resolve(CORPUS, "pywxdump-csv/v3-private-spreadsheet-resaved.csv");

describe("pywxdump-csv on the corpus (SOURCES.md facts)", () => {
  it("reads all 96 records with nothing unaccounted, at minute precision", async () => {
    const accounting: Record<string, number>[] = [];
    const a = await readAll(FILE, builtinRegistry, { onAccounting: (x) => accounting.push(x) });
    expect(a.sources[0]!.reader).toBe("pywxdump-csv");
    expect(a.sources[0]!.variant).toBe("v3");
    expect(accounting).toEqual([{ recordsRead: 96, recordsInMessages: 96, recordsStructural: 0, recordsReported: 0 }]);
    expect(a.conversations).toHaveLength(1);
    const msgs = a.conversations[0]!.messages;
    expect(msgs).toHaveLength(96);
    expect(new Set(msgs.map((m) => m.id)).size).toBe(96);

    const byType: Record<string, number> = {};
    for (const m of msgs) byType[m.extra!.typeName as string] = (byType[m.extra!.typeName as string] ?? 0) + 1;
    expect(byType).toEqual({ 文本: 65, 动画表情: 23, 图片: 5, 系统通知: 2, 引用回复: 1 });
    const bySender: Record<string, number> = {};
    for (const m of msgs) bySender[m.extra!.isSender as string] = (bySender[m.extra!.isSender as string] ?? 0) + 1;
    expect(bySender).toEqual({ "0": 50, "1": 46 });
    expect(msgs.filter((m) => m.extra!.isSender === "1").every((m) => m.senderId === "wechat:12345iru2zsmo22")).toBe(true);
    expect(msgs.filter((m) => m.extra!.isSender === "0").every((m) => m.senderId === "wechat:test_person")).toBe(true);
    expect(a.participants.find((p) => p.id === "wechat:12345iru2zsmo22")?.isSelf).toBe(true);

    expect(msgs.filter((m) => m.extra!.typeName === "文本" && m.text === "")).toHaveLength(1);
    expect(msgs.every((m) => m.sentAt.precision === "minute" && m.sentAt.basis === "floating" && m.sentAt.utc === undefined)).toBe(true);
    expect(msgs[0]!.sentAt).toEqual({ raw: "2024/10/4 11:42", wall: "2024-10-04T11:42", basis: "floating", precision: "minute" });
    expect(msgs[95]!.sentAt.raw).toBe("2024/12/30 21:28");
    expect(msgs[95]!.sentAt.wall).toBe("2024-12-30T21:28");
  });

  it("links the quote, marks the recalls, keeps image paths and sticker URLs", async () => {
    const a = await readAll(FILE, builtinRegistry);
    const msgs = a.conversations[0]!.messages;
    const quote = msgs.find((m) => m.extra!.typeName === "引用回复")!;
    expect(quote.text).toBe("（我们两个人骑）");
    expect(quote.replyTo).toBe("1122488129382806721");
    expect(quote.provenance.at).toEqual({ line: 50, endLine: 52 });
    expect(msgs.find((m) => m.id === quote.replyTo)!.text).toBe("我之前租的时候 人家说这个没劲儿 租了个大的");
    const recalls = msgs.filter((m) => m.status === "recalled");
    expect(recalls.map((m) => [m.kind, m.text, m.senderId])).toEqual([
      ["system", "你撤回了一条消息", "wechat:12345iru2zsmo22"],
      ["system", "你撤回了一条消息", "wechat:12345iru2zsmo22"],
    ]);
    const images = msgs.filter((m) => m.kind === "image");
    expect(images).toHaveLength(5);
    expect(images.every((m) => m.attachments[0]!.availability === "missing")).toBe(true);
    const stickers = msgs.filter((m) => m.kind === "sticker");
    expect(stickers).toHaveLength(23);
    expect(stickers.every((m) => m.attachments[0]!.availability === "omitted" && /^http/.test(String(m.attachments[0]!.extra!.url)))).toBe(true);
  });

  it("records instants when a zone is assumed, still at minute precision", async () => {
    const a = await readAll(FILE, builtinRegistry, { tz: "Asia/Shanghai" });
    const m = a.conversations[0]!.messages[0]!;
    expect(m.sentAt).toEqual({ raw: "2024/10/4 11:42", wall: "2024-10-04T11:42", utc: "2024-10-04T03:42Z", offset: "+08:00", zone: "Asia/Shanghai", basis: "assumed-zone", precision: "minute" });
  });
});
