/**
 * A ~100 MB Telegram result.json, generated on the fly in a temp folder (never committed), converts to
 * CSV with flat memory: the reader streams message by message (DESIGN.md §5).
 */
import { once } from "node:events";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { convert } from "../src/pipeline/convert.js";

const TARGET_BYTES = 100 * 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), "chatport-tg-mem-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a tdesktop-shaped single-chat export of about TARGET_BYTES; returns the message count. */
async function generate(path: string): Promise<number> {
  const out = createWriteStream(path);
  out.write('{\n "name": "Big group",\n "type": "private_supergroup",\n "id": 1234567890,\n "messages": [\n');
  let bytes = 0;
  let n = 0;
  while (bytes < TARGET_BYTES) {
    const id = n + 1;
    const unix = 1600000000 + n * 7;
    const who = n % 50;
    const body =
      n % 10 === 9
        ? `   "type": "service",\n   "date_unixtime": "${unix}",\n   "actor": "User ${who}",\n   "actor_id": "user${1000 + who}",\n   "action": "pin_message",\n   "message_id": ${id - 1},\n   "text": "",\n   "text_entities": []`
        : `   "type": "message",\n   "date_unixtime": "${unix}",\n   "from": "User ${who}",\n   "from_id": "user${1000 + who}",\n` +
          (n % 7 === 0 ? `   "photo": "(File not included. Change data exporting settings to download.)",\n` : "") +
          (n % 5 === 0 ? `   "reply_to_message_id": ${Math.max(1, id - 3)},\n` : "") +
          `   "text": [\n    "Hello \\x1F world ${id} привет 👋 ",\n    {\n     "type": "bold",\n     "text": "bold"\n    }\n   ],\n` +
          `   "text_entities": [\n    {\n     "type": "plain",\n     "text": "Hello \\x1F world ${id} привет 👋 "\n    },\n    {\n     "type": "bold",\n     "text": "bold"\n    }\n   ]`;
    const chunk = `${n ? ",\n" : ""}  {\n   "id": ${id},\n${body}\n  }`;
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, "drain");
    n++;
  }
  out.end("\n ]\n}\n");
  await once(out, "finish");
  return n;
}

it("converts a ~100 MB result.json to CSV with RSS growth under 150 MB", async () => {
  const input = join(dir, "result.json");
  const count = await generate(input);
  expect(statSync(input).size).toBeGreaterThan(TARGET_BYTES);
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  try {
    const result = await convert(input, builtinRegistry, { to: "csv", output: join(dir, "out.csv") });
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(result.messages).toBe(count);
    expect(result.diagnosticCounts["json-escape-repaired"]).toBe(1);
  } finally {
    clearInterval(timer);
  }
  const growthMb = (peak - before) / (1024 * 1024);
  expect(growthMb).toBeLessThan(150);
}, 60_000);
