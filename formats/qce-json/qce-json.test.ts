import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { isChatportError } from "../../src/diagnostics/errors.js";
import { memorySource, memoryTree } from "../../src/io/source.js";
import type { InputSource, InputTree } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/index.js";

const sender = (uid: string, uin: string, name: string) => ({ uid, uin, name, nickname: name });
function msg(seq: number, extra: Record<string, unknown> = {}) {
  return {
    seq: String(seq), timestamp: 1704067200000 + seq * 1000, time: "x", sender: sender("u_a", "11111", "A"), type: "type_1",
    content: { text: `hello ${seq}`, html: "", elements: [{ type: "text", data: { text: `hello ${seq}` } }], resources: [], mentions: [] },
    recalled: false, system: false, ...extra,
  };
}
function doc(messages: unknown[], total = messages.length) {
  return JSON.stringify({
    metadata: { name: "QQChatExporter V5 / https://github.com/shuakami/qq-chat-exporter" },
    chatInfo: { name: "G", type: "group" },
    statistics: { totalMessages: total },
    messages,
  }, null, 2);
}
async function read(input: InputSource | InputTree, from?: string) {
  let accounting: Record<string, number> | undefined;
  const archive = await readAll(input, builtinRegistry, { ...(from ? { from } : {}), diagnostics: new DiagnosticCollector(), onAccounting: (a) => (accounting = a) });
  return { archive, accounting, codes: archive.diagnostics.map((d) => d.code) };
}

describe("qce-json", () => {
  it("streams a file larger than one chunk, across chunk boundaries", async () => {
    const many = Array.from({ length: 1500 }, (_, i) => msg(i + 1, { content: { text: `第 ${i + 1} 条 😀`, elements: [], resources: [], mentions: [] } }));
    const { archive, accounting, codes } = await read(memorySource("big.json", doc(many)));
    const ms = archive.conversations[0]!.messages;
    expect(ms).toHaveLength(1500);
    expect(ms[1499]!.text).toBe("第 1500 条 😀");
    expect(ms[1499]!.provenance.at).toEqual({ pointer: "/messages/1499" });
    expect(accounting).toEqual({ messagesRead: 1500, messagesEmitted: 1500, messagesReported: 0 });
    expect(codes).toEqual([]);
  });

  it("reads a file with a UTF-8 BOM", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(doc([msg(1)]))]);
    const { archive } = await read(memorySource("bom.json", bytes));
    expect(archive.conversations[0]!.messages).toHaveLength(1);
  });

  it("reports count-mismatch when statistics.totalMessages differs", async () => {
    const { codes } = await read(memorySource("x.json", doc([msg(1), msg(2)], 3)));
    expect(codes).toEqual(["count-mismatch"]);
  });

  it("fails cleanly (input-damaged) when it breaks off or is damaged before the first message", async () => {
    const text = doc([msg(1), msg(2)]);
    const at = text.indexOf('"messages": [') + 13;
    for (const bad of [text.slice(0, at) + "\u0000" + text.slice(at), text.slice(0, at + 3)]) {
      const err = await read(memorySource("cut.json", bad), "qce-json").then(() => undefined, (e: unknown) => e);
      expect(isChatportError(err), String(err)).toBe(true);
      expect((err as { kind: string }).kind).toBe("input-damaged");
      expect((err as Error).message).toMatch(/^cut\.json breaks off or is damaged before its first message \(.+\); nothing could be read/);
    }
  });

  it("refuses QCE sections without a \"messages\" array (exit 4), but reads \"messages\": [] as an empty chat", async () => {
    const sections = JSON.parse(doc([])) as Record<string, unknown>;
    delete sections.messages;
    const err = await read(memorySource("half.json", JSON.stringify(sections)), "qce-json").then(() => undefined, (e: unknown) => e);
    expect(isChatportError(err), String(err)).toBe(true);
    expect((err as { kind: string }).kind).toBe("unknown-format");
    expect((err as Error).message).toContain('half.json has qq-chat-exporter sections but no "messages" array');
    // A chat named "messages": the name is a string value, not a key.
    const named = JSON.parse(doc([])) as { chatInfo: { name: string }; messages?: unknown };
    named.chatInfo.name = '"messages": [';
    delete named.messages;
    await expect(read(memorySource("named.json", JSON.stringify(named)), "qce-json")).rejects.toMatchObject({ kind: "unknown-format" });
    const { archive } = await read(memorySource("empty.json", doc([])), "qce-json");
    expect(archive.conversations).toHaveLength(1);
    expect(archive.conversations[0]!.messages).toEqual([]);
  });

  it("keeps messages before a break and reports truncated-input", async () => {
    const text = doc([msg(1), msg(2), msg(3)]);
    const { archive, codes, accounting } = await read(memorySource("cut.json", text.slice(0, text.lastIndexOf('"seq"'))));
    expect(archive.conversations[0]!.messages.map((m) => m.id)).toEqual(["1", "2"]);
    expect(codes).toEqual(["truncated-input"]);
    expect(accounting).toEqual({ messagesRead: 2, messagesEmitted: 2, messagesReported: 0 });
  });

  it("refuses non-JSON and JSON without QCE sections with clear errors", async () => {
    const e1 = await read(memorySource("a.json", '{"chatInfo": {"name": oops'), "qce-json").catch((e: unknown) => e);
    expect(isChatportError(e1) && e1.kind).toBe("input-damaged");
    const e2 = await read(memorySource("b.json", '{"foo": 1}'), "qce-json").catch((e: unknown) => e);
    expect(isChatportError(e2) && e2.kind).toBe("unknown-format");
  });

  it("gives an empty export a conversation and an empty-input diagnostic", async () => {
    const { archive, codes } = await read(memorySource("e.json", doc([])));
    expect(archive.conversations).toHaveLength(1);
    expect(archive.conversations[0]!.messages).toEqual([]);
    expect(codes).toEqual(["empty-input"]);
  });

  it("reads second epochs, ISO instants and zone-less time text honestly", async () => {
    const { archive, codes } = await read(memorySource("t.json", doc([
      msg(1, { timestamp: 1704067201 }),
      msg(2, { timestamp: "2024-01-01T08:00:02.5+08:00" }),
      msg(3, { timestamp: undefined, time: "2024-01-01 08:00:03" }),
      msg(4, { timestamp: undefined, time: "not a time" }),
    ])));
    const ts = archive.conversations[0]!.messages.map((m) => m.sentAt);
    expect(ts[0]).toEqual({ raw: "1704067201", utc: "2024-01-01T00:00:01Z", basis: "exact", precision: "second" });
    expect(ts[1]).toEqual({ raw: "2024-01-01T08:00:02.5+08:00", utc: "2024-01-01T00:00:02.500Z", basis: "exact", precision: "millisecond" });
    expect(ts[2]).toEqual({ raw: "2024-01-01 08:00:03", wall: "2024-01-01T08:00:03", basis: "floating", precision: "second" });
    expect(ts[3]).toEqual({ raw: "not a time", basis: "floating", precision: "second" });
    expect(codes).toEqual(["timezone-floating", "invalid-timestamp"]);
  });

  it("keeps ids unique: a repeated id is suffixed and reported", async () => {
    const { archive, codes } = await read(memorySource("d.json", doc([msg(1), msg(1), msg(1)])));
    expect(archive.conversations[0]!.messages.map((m) => m.id)).toEqual(["1", "1~2", "1~3"]);
    expect(codes).toEqual(["duplicate-id", "duplicate-id"]);
  });

  it("links a reply by id when messages carry ids, and keeps an unresolved reference", async () => {
    const reply = (ref: string) => ({ type: "reply", data: { messageId: ref, referencedMessageId: ref, senderUin: "11111", timestamp: 1, content: "x" } });
    const { archive } = await read(memorySource("r.json", doc([
      msg(1, { id: "900" }),
      msg(2, { id: "901", content: { text: "re", elements: [reply("900"), { type: "text", data: { text: "re" } }] } }),
      msg(3, { id: "902", content: { text: "re", elements: [reply("555")] } }),
    ])));
    const ms = archive.conversations[0]!.messages;
    expect(ms.map((m) => m.replyTo)).toEqual([undefined, "900", "555"]);
  });

  it("finds downloaded resources under the export folder and hashes them", async () => {
    const withImage = msg(1, { content: { text: "[图片: a.png]", elements: [], resources: [{ type: "image", filename: "a.png", size: 3, url: "resources/images/a.png", localPath: "images/a.png" }], mentions: [] } });
    const tree = memoryTree("export", { "chat.json": doc([withImage]), "resources/images/a.png": new Uint8Array([1, 2, 3]) });
    const { archive } = await read(tree, "qce-json");
    expect(archive.conversations[0]!.messages[0]!.attachments[0]).toMatchObject({
      kind: "image", availability: "present", path: "resources/images/a.png", bytes: 3,
      sha256: "039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81",
    });
  });
});

describe("qce-jsonl", () => {
  const manifest = (chunks: string[]) => JSON.stringify({
    metadata: { name: "QQChatExporter V5" }, chatInfo: { name: "G", type: "group" }, statistics: { totalMessages: 3 },
    chunked: { format: "jsonl", chunksDir: "chunks", chunkFileExt: ".jsonl", chunks: chunks.map((f, i) => ({ index: i + 1, fileName: f, relativePath: `chunks/${f}`, count: i === 0 ? 2 : 1 })) },
  });
  const line = (m: unknown) => JSON.stringify(m) + "\n";

  it("reads the chunks in manifest order and checks the totals", async () => {
    const tree = memoryTree("exp", {
      "manifest.json": manifest(["c000001.jsonl", "c000002.jsonl"]),
      "chunks/c000001.jsonl": line(msg(1)) + line(msg(2)),
      "chunks/c000002.jsonl": "\n" + line(msg(3)),
    });
    const { archive, accounting, codes } = await read(tree);
    expect(archive.sources[0]!.reader).toBe("qce-jsonl");
    expect(archive.conversations[0]!.messages.map((m) => [m.id, m.provenance.file, m.provenance.at])).toEqual([
      ["1", "chunks/c000001.jsonl", { line: 1 }], ["2", "chunks/c000001.jsonl", { line: 2 }], ["3", "chunks/c000002.jsonl", { line: 2 }],
    ]);
    expect(accounting).toEqual({ messagesRead: 3, messagesEmitted: 3, messagesReported: 0 });
    expect(codes).toEqual([]);
  });

  it("reports a chunk the manifest names but the folder lacks", async () => {
    const tree = memoryTree("exp", { "manifest.json": manifest(["c000001.jsonl", "c000002.jsonl"]), "chunks/c000001.jsonl": line(msg(1)) + line(msg(2)) });
    const { archive, codes } = await read(tree, "qce-jsonl");
    expect(archive.conversations[0]!.messages).toHaveLength(2);
    expect(codes).toEqual(["truncated-input"]);
  });

  it("reads one chunk file on its own, saying so", async () => {
    const { archive, codes } = await read(memorySource("c000002.jsonl", line(msg(7)) + "{broken\n"));
    expect(archive.sources[0]!.reader).toBe("qce-jsonl");
    expect(archive.conversations[0]!.messages.map((m) => m.id)).toEqual(["7"]);
    expect(codes).toEqual(["unrecognized-record", "count-mismatch"]);
  });
});
