/**
 * Hostile input: a 60 MB single line inside a QQ TXT and a WhatsApp TXT export. The readers must not
 * crash, must keep memory within a reasonable multiple of the line (a JS string of 60 MB ASCII is
 * 60–120 MB), and must say something about it (a diagnostic), while the messages around it survive.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { readEvents } from "../../src/pipeline/index.js";

const MB = 1024 * 1024;
const HUGE = 60 * MB;

async function read(from: string, name: string, head: string, tail: string) {
  const dir = mkdtempSync(join(tmpdir(), "chatport-hugeline-"));
  const path = join(dir, name);
  const body = Buffer.alloc(HUGE, "x");
  writeFileSync(path, Buffer.concat([Buffer.from(head), body, Buffer.from(tail)]));
  globalThis.gc?.();
  const before = process.memoryUsage();
  let peak = before.heapUsed + before.arrayBuffers;
  const diagnostics = new DiagnosticCollector();
  const texts: number[] = [];
  const t0 = Date.now();
  for await (const ev of readEvents(path, builtinRegistry, { from, diagnostics })) {
    if (ev.type === "message") texts.push(ev.message.text.length);
    const m = process.memoryUsage();
    peak = Math.max(peak, m.heapUsed + m.arrayBuffers);
  }
  return { texts, diagnostics: diagnostics.list(), grew: peak - (before.heapUsed + before.arrayBuffers), ms: Date.now() - t0 };
}

describe("a 60 MB single line", () => {
  it("qq-txt: kept as the message body, memory bounded, reported", async () => {
    const head = "消息记录（此消息记录为文本格式，不支持重新导入）\r\n\r\n================================================================\r\n消息分组:我的好友\r\n================================================================\r\n消息对象:测试\r\n================================================================\r\n\r\n2020-01-01 10:00:00 小明\r\n";
    const tail = "\r\n\r\n2020-01-01 10:01:00 小明\r\n后来的消息\r\n\r\n";
    const r = await read("qq-txt", "huge.txt", head, tail);
    const LINE = 10;
    expect(r.texts).toContain(HUGE);
    expect(r.texts.length).toBe(2);
    expect(r.grew, `memory grew by ${Math.round(r.grew / MB)} MiB`).toBeLessThan(900 * MB);
    expect(r.diagnostics.filter((d) => d.code === "oversized-record").map((d) => d.place)).toStrictEqual([{ line: LINE }]);
    // Regression "a 60 MB line was quadratic in the line splitter" (47 s before; under a second after).
    expect(r.ms).toBeLessThan(20000);
  }, 120000);

  it("whatsapp-txt: kept as the message body, memory bounded, reported", async () => {
    const head = "12/31/23, 10:00 - Anna: ";
    const tail = "\n12/31/23, 10:01 - Ben: later\n";
    const r = await read("whatsapp-txt", "huge.txt", head, tail);
    const LINE = 1;
    expect(r.texts.some((n) => n >= HUGE)).toBe(true);
    expect(r.texts.length).toBe(2);
    expect(r.grew, `memory grew by ${Math.round(r.grew / MB)} MiB`).toBeLessThan(900 * MB);
    expect(r.diagnostics.filter((d) => d.code === "oversized-record").map((d) => d.place)).toStrictEqual([{ line: LINE }]);
    // Regression "a 60 MB line was quadratic in the line splitter" (47 s before; under a second after).
    expect(r.ms).toBeLessThan(20000);
  }, 120000);
});
