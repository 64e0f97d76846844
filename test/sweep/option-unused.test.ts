/** Reader options that had no effect are said: --self matching nobody, an option the reader does not take. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { memorySource } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/index.js";

const QQ = [
  "消息记录（此消息记录为文本格式，不支持重新导入）",
  "",
  "================================================================",
  "消息分组:我的好友",
  "================================================================",
  "消息对象:张三",
  "================================================================",
  "",
  "2020-01-01 10:00:00 张三(10001)",
  "你好",
  "",
  "2020-01-01 10:00:05 我自己(20002)",
  "在",
  "",
].join("\r\n");

const WA = "12/01/2021, 10:00 - Ann: hi\n12/01/2021, 10:01 - Bob: hello\n";

async function read(name: string, text: string, readerOptions: Record<string, unknown>, from?: string) {
  const archive = await readAll(memorySource(name, text), builtinRegistry, { readerOptions, diagnostics: new DiagnosticCollector(), ...(from ? { from } : {}) });
  const unused = archive.diagnostics.filter((d) => d.code === "option-unused");
  return { unused, archive };
}

describe("--self that matched nobody", () => {
  it("warns, naming the value and some names of the export", async () => {
    const { unused } = await read("chat.txt", QQ, { self: "NoSuchPerson" });
    expect(unused).toHaveLength(1);
    expect(unused[0]!.severity).toBe("warning");
    expect(unused[0]!.message).toContain('--self "NoSuchPerson" matched no participant');
    expect(unused[0]!.message).toContain('"张三"');
  });

  it("is quiet when --self marked someone (by number or by name)", async () => {
    for (const self of ["20002", "我自己"]) {
      const { unused, archive } = await read("chat.txt", QQ, { self });
      expect(unused).toEqual([]);
      expect(JSON.stringify(archive)).toContain('"isSelf":true');
    }
  });

  it("works the same for another reader (WhatsApp: by name)", async () => {
    expect((await read("chat.txt", WA, { self: "Ann" })).unused).toEqual([]);
    expect((await read("chat.txt", WA, { self: "Anne" })).unused).toHaveLength(1);
  });

  it("is quiet without --self", async () => {
    expect((await read("chat.txt", QQ, {})).unused).toEqual([]);
  });
});

describe("an option the reader does not take", () => {
  it("is reported, not silently dropped", async () => {
    // chatport-json takes no options: --self against a chatport archive meant nothing.
    const text = readFileSync(new URL("../../samples/chatport-json/archive-from-telegram/input.json", import.meta.url), "utf8");
    const { unused } = await read("archive.json", text, { self: "me", dateOrder: "dmy" }, "chatport-json");
    expect(unused.map((d) => d.message)).toEqual([
      "The reader chatport-json does not take the option self (--self); it was ignored. This format says itself which messages are yours, or does not say it at all.",
      "The reader chatport-json does not take the option dateOrder (--date-order); it was ignored.",
    ]);
  });

  it("is quiet for options the reader takes", async () => {
    expect((await read("chat.txt", WA, { self: "Ann", dateOrder: "dmy" })).unused).toEqual([]);
  });
});
