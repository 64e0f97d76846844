import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { memorySource } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/index.js";

const ts = (over: Record<string, unknown> = {}) => ({ raw: "1700000000", utc: "2023-11-14T22:13:20Z", basis: "exact", precision: "second", ...over });
function message(i: number, over: Record<string, unknown> = {}) {
  return {
    id: `m${i}`, conversationId: "c1", seq: i, senderId: null, sentAt: ts(), kind: "text", text: `t${i}`, attachments: [], reactions: [], status: "normal",
    provenance: { reader: "x", readerVersion: "1", file: "f", at: { line: i } }, ...over,
  };
}
function archive(messages: unknown[], participants: unknown[] = []) {
  return JSON.stringify({
    schemaVersion: "1.0.0", generator: { name: "chatport", version: "0.1.0" }, sources: [],
    conversations: [{ id: "c1", platform: "qq", title: "T", source: "f", messages, kind: "group", participantIds: [] }],
    participants, diagnostics: [],
  });
}
async function read(text: string) {
  const a = await readAll(memorySource("a.json", text), builtinRegistry, { from: "chatport-json", diagnostics: new DiagnosticCollector() });
  return { msgs: a.conversations.flatMap((c) => c.messages), diags: a.diagnostics };
}

describe("chatport-json: keys the schema does not know", () => {
  it("reports each unknown key once, at its first place, with its value; the record is still read", async () => {
    const { msgs, diags } = await read(archive(
      [message(1, { foo: { bar: 1 } }), message(2, { foo: 2, __proto__x: 1 }), message(3)],
      [{ id: "p1", displayName: "P", aliases: [], handles: [], nickname2: "n" }],
    ));
    expect(msgs.map((m) => m.id)).toEqual(["m1", "m2", "m3"]);
    expect(diags.map((d) => [d.code, d.place, d.raw])).toEqual([
      ["unrecognized-record", { pointer: "/conversations/0/messages/0/foo" }, '{"bar":1}'],
      ["unrecognized-record", { pointer: "/conversations/0/messages/1/__proto__x" }, "1"],
      ["unrecognized-record", { pointer: "/participants/0/nickname2" }, "n"],
    ]);
  });

  it("reports an own __proto__ key of a message without it reaching any prototype", async () => {
    const text = archive([message(1)]).replace('"text":"t1"', '"__proto__":{"polluted":"yes","status":"recalled"},"text":"t1"');
    const { msgs, diags } = await read(text);
    expect(msgs[0]!.status).toBe("normal");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(diags.map((d) => [d.code, d.place])).toEqual([["unrecognized-record", { pointer: "/conversations/0/messages/0/__proto__" }]]);
  });
});
