/**
 * Hostile input: JSON nested 100 000 levels deep ("[[[[…") must end in one clean error or a
 * diagnostic in every JSON reader — never a stack overflow (RangeError) or an "internal" error.
 */
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { isChatportError } from "../../src/diagnostics/errors.js";
import { memorySource } from "../../src/io/source.js";
import { readEvents } from "../../src/pipeline/index.js";

const DEPTH = 100_000;
const open = "[".repeat(DEPTH);
const close = "]".repeat(DEPTH);
const objs = '{"a":'.repeat(DEPTH) + "1" + "}".repeat(DEPTH);

async function outcome(from: string, name: string, text: string) {
  const diagnostics = new DiagnosticCollector();
  try {
    let n = 0;
    for await (const ev of readEvents(memorySource(name, text), builtinRegistry, { from, diagnostics })) if (ev.type === "message") n++;
    return { n, error: undefined as unknown, diagnostics: diagnostics.list() };
  } catch (e) {
    return { n: 0, error: e, diagnostics: diagnostics.list() };
  }
}

function expectClean(r: Awaited<ReturnType<typeof outcome>>) {
  if (r.error !== undefined) {
    expect(isChatportError(r.error), `raw error: ${String(r.error)}`).toBe(true);
    expect((r.error as { kind: string }).kind, (r.error as Error).message).not.toBe("internal");
  } else expect(r.diagnostics.length, "no error and no diagnostic").toBeGreaterThan(0);
}

const CASES: [string, string, string][] = [
  ["telegram-json", "result.json", open + close],
  ["telegram-json", "result.json", `{"name":"x","type":"personal_chat","id":1,"messages":[{"id":1,"type":"message","date":"2024-01-01T00:00:00","date_unixtime":"1704067200","from":"a","from_id":"user1","text":${open}"deep"${close}}]}`],
  ["telegram-json", "result.json", `{"name":"x","type":"personal_chat","id":1,"messages":[${objs}]}`],
  ["qce-json", "chat.json", open + close],
  ["qce-json", "chat.json", `{"metadata":{"name":"QQChatExporter V5"},"chatInfo":{"name":"x","type":"private"},"messages":[${open}${close}]}`],
  ["qce-json", "chat.json", `{"metadata":{"name":"QQChatExporter V5"},"chatInfo":${objs},"messages":[]}`],
  ["chatport-json", "a.json", open + close],
  ["chatport-json", "a.json", `{"schemaVersion":"1.0.0","generator":{"name":"chatport","version":"0.1.0"},"sources":[],"conversations":[{"id":"c","platform":"qq","title":"t","source":"s","messages":[${open}${close}]}]}`],
  ["chatport-json", "a.json", `{"schemaVersion":"1.0.0","generator":{"name":"chatport","version":"0.1.0"},"sources":[],"conversations":[{"id":"c","platform":"qq","title":"t","source":"s","messages":[{"extra":${objs}}]}]}`],
  ["chatport-json", "a.ndjson", `{"type":"archive","schemaVersion":"1.0.0","generator":{"name":"chatport","version":"0.1.0"},"sources":[]}\n{"type":"message","extra":${open}${close}}\n${objs}\n`],
  ["qce-jsonl", "c000001.jsonl", `${open}${close}\n{"sender":${objs},"content":{},"timestamp":1}\n`],
];

describe("deeply nested JSON (100k levels) ends cleanly", () => {
  it.each(CASES.map(([from, name, text], i) => [from, i, name, text] as const))("%s case %i", async (from, _i, name, text) => {
    expectClean(await outcome(from, name, text));
  }, 30000);
});
