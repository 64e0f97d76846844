import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { memorySource } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/index.js";

function doc(timestamp: unknown) {
  const m = {
    seq: "1", timestamp, time: "2024-07-01 10:13:20", sender: { uid: "u_a", uin: "11111", name: "A" }, type: "type_1",
    content: { text: "hi", elements: [{ type: "text", data: { text: "hi" } }], resources: [], mentions: [] },
  };
  return JSON.stringify({ metadata: { name: "QQChatExporter V5" }, chatInfo: { name: "G", type: "group" }, messages: [m] });
}

describe("qce-json: a timestamp that is no usable epoch", () => {
  it.each([[0, "0"], [-1, "-1"], [1e300, "1e+300"], ["abc", "abc"], [true, "true"], [{}, "{}"]])("reports %j and falls back to the time text", async (ts, raw) => {
    const archive = await readAll(memorySource("x.json", doc(ts)), builtinRegistry, { from: "qce-json", diagnostics: new DiagnosticCollector() });
    const m = archive.conversations[0]!.messages[0]!;
    expect(m.sentAt).toEqual({ raw: "2024-07-01 10:13:20", wall: "2024-07-01T10:13:20", basis: "floating", precision: "second" });
    const bad = archive.diagnostics.filter((d) => d.code === "invalid-timestamp");
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ raw, place: { pointer: "/messages/0" } });
  });

  it("says nothing when the timestamp is absent or null", async () => {
    for (const ts of [undefined, null]) {
      const archive = await readAll(memorySource("x.json", doc(ts)), builtinRegistry, { from: "qce-json", diagnostics: new DiagnosticCollector() });
      expect(archive.diagnostics.map((d) => d.code)).toEqual(["timezone-floating"]);
    }
  });
});
