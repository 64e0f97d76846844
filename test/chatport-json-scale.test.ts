/**
 * chatport's own JSON archive read back at scale: memory stays flat as the archive grows (an archive of
 * ~60 MB is generated in a temp folder, never committed), and message ids are unique per conversation,
 * as the WeChat readers make them, not per archive.
 */
import { once } from "node:events";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { DiagnosticCollector } from "../src/diagnostics/collector.js";
import { memorySource } from "../src/io/index.js";
import { readAll, readEvents } from "../src/pipeline/index.js";
import { IdFingerprints } from "../formats/chatport-json/id-fingerprints.js";

const dir = mkdtempSync(join(tmpdir(), "chatport-cpjson-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEAD = '{\n"schemaVersion": "1.0.0",\n"generator": {"name":"chatport","version":"0.1.0"},\n"sources": [],\n"conversations": [\n';

function message(conv: string, id: string, seq: number, text: string): string {
  const s = String(seq % 60).padStart(2, "0");
  return JSON.stringify({
    id, conversationId: conv, seq, senderId: "qq:1",
    sentAt: { raw: `2017-01-01 0:00:${s}`, wall: `2017-01-01T00:00:${s}`, basis: "floating", precision: "second" },
    kind: "text", text, attachments: [], reactions: [], status: "normal",
    provenance: { reader: "qq-txt", readerVersion: "1.0.0", file: "chat.txt", at: { line: seq } },
  });
}

/** Writes an archive of one conversation with `n` messages the way the json writer lays it out. */
async function generate(path: string, n: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(HEAD + '{"id":"c1","platform":"qq","title":"Big","source":"chat.txt","messages":[');
  for (let i = 1; i <= n; i++) {
    const chunk = `${i > 1 ? "," : ""}\n${message("c1", `qq-txt:${i.toString(16).padStart(16, "0")}`, i, `第${i}条消息，内容足够长以便占用一些内存 ${"x".repeat(200)}`)}`;
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end('\n],"kind":"group","participantIds":["qq:1"]}\n],\n"participants": [\n{"id":"qq:1","displayName":"A","aliases":[],"handles":[]}\n],\n"diagnostics": []\n}\n');
  await once(out, "finish");
}

describe("chatport-json at scale", () => {
  it("reads a 150,000-message conversation with flat memory", async () => {
    const input = join(dir, "big.json");
    const n = 150_000;
    await generate(input, n);
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
    let count = 0;
    try {
      for await (const ev of readEvents(input, builtinRegistry, { diagnostics: new DiagnosticCollector() })) if (ev.type === "message") count++;
    } finally {
      clearInterval(timer);
    }
    expect(count).toBe(n);
    // Messages used to stay in their conversation until it closed: ~850 bytes each, 125+ MB here.
    expect((peak - before) / (1024 * 1024)).toBeLessThan(80);
  }, 60_000);

  it("keeps a message id that recurs in another conversation, and reports a repeat within one", async () => {
    const conv = (id: string, ids: string[]) =>
      `{"id":"${id}","platform":"wechat","title":"${id}","source":"MSG0.db","messages":[\n${ids.map((m, i) => message(id, m, i + 1, `t${i}`)).join(",\n")}\n],"kind":"direct","participantIds":[]}`;
    const text = `${HEAD}${conv("wechat-chat:a", ["500", "501"])},\n${conv("wechat-chat:b", ["500", "500"])}\n],\n"participants": [],\n"diagnostics": []\n}\n`;
    const diagnostics = new DiagnosticCollector();
    const archive = await readAll(memorySource("two.json", new TextEncoder().encode(text)), builtinRegistry, { from: "chatport-json", diagnostics });
    expect(archive.conversations.map((c) => c.messages.map((m) => m.id))).toEqual([["500", "501"], ["500"]]);
    expect(archive.diagnostics.filter((d) => d.code === "duplicate-id").map((d) => d.place)).toEqual([{ pointer: "/conversations/1/messages/1" }]);
  });
});

describe("IdFingerprints", () => {
  it("answers new for distinct ids and repeat for each id seen, across table growth", () => {
    const set = new IdFingerprints();
    const ids = Array.from({ length: 50_000 }, (_, i) => (i % 2 ? `wechat-pc3:${(i * 2654435761).toString(16)}` : String(7330772355966176000n + BigInt(i))));
    expect(ids.every((id) => set.add(id))).toBe(true);
    expect(ids.filter((_, i) => i % 97 === 0).some((id) => set.add(id))).toBe(false);
    expect(set.add("")).toBe(true);
    expect(set.add("")).toBe(false);
  });
});
