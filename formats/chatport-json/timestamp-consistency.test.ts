import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { memorySource } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/index.js";

function message(i: number, sentAt: Record<string, unknown>) {
  return {
    id: `m${i}`, conversationId: "c1", seq: i, senderId: null, sentAt, kind: "text", text: `t${i}`, attachments: [], reactions: [], status: "normal",
    provenance: { reader: "x", readerVersion: "1", file: "f", at: { line: i } },
  };
}
const archive = (messages: unknown[]) => JSON.stringify({
  schemaVersion: "1.0.0", generator: { name: "chatport", version: "0.1.0" }, sources: [],
  conversations: [{ id: "c1", platform: "qq", title: "T", source: "f", messages, kind: "group", participantIds: [] }], participants: [], diagnostics: [],
});

describe("chatport-json: timestamps whose fields disagree with their basis or name no real time", () => {
  it("reports each (invalid-timestamp at the sentAt pointer, the timestamp as raw) and keeps the message as written", async () => {
    const bad = [
      { raw: "x", wall: "2023-11-15T07:13:20", utc: "2023-11-14T22:13:20Z", basis: "floating", precision: "second" },
      { raw: "x", wall: "2023-11-15T07:13:20", basis: "exact", precision: "second" },
      { raw: "x", wall: "2023-02-30T25:00:00", basis: "floating", precision: "second" },
      { raw: "x", utc: "2023-13-01T00:00:00Z", basis: "exact", precision: "second" },
    ];
    const good = [
      { raw: "1700000000", wall: "2023-11-15T07:13:20", utc: "2023-11-14T22:13:20Z", offset: "+09:00", basis: "exact", precision: "second" },
      { raw: "2024-02-29 23:59", wall: "2024-02-29T23:59", basis: "floating", precision: "minute" },
    ];
    const a = await readAll(memorySource("a.json", archive([...bad, ...good].map((t, i) => message(i + 1, t)))), builtinRegistry, { from: "chatport-json", diagnostics: new DiagnosticCollector() });
    const msgs = a.conversations[0]!.messages;
    expect(msgs.map((m) => m.sentAt)).toEqual([...bad, ...good]);
    expect(a.diagnostics.map((d) => [d.code, d.place])).toEqual(bad.map((_, i) => ["invalid-timestamp", { pointer: `/conversations/0/messages/${i}/sentAt` }]));
    expect(a.diagnostics[0]!.message).toMatch(/basis "floating" but carries an instant/);
    expect(a.diagnostics[0]!.raw).toBe(JSON.stringify(bad[0]));
  });
});
