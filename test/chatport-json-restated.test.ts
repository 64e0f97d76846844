/**
 * An archive read back holds the diagnostics of the read that made it. With no message in it (a
 * --since/--until range that kept none) and an `unrecognized-line` among them, the engine took that
 * restated history for lines this read failed to recognise and refused the archive ("no message could
 * be read as chatport-json", exit 4). Restated diagnostics are kept but no longer counted so. Found by
 * the round-trip property test once the code table grew.
 */
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { DiagnosticCollector } from "../src/diagnostics/collector.js";
import { memorySource } from "../src/io/source.js";
import { readAll } from "../src/pipeline/index.js";

const archive = (conversation: string) => `{
"schemaVersion": "1.0.0",
"generator": {"name":"chatport","version":"0.1.0"},
"sources": [{"path":"input.txt","bytes":548,"sha256":"44adb24f851ee21b1cf2287ebefbf273e3c38a3424955274ec12a665598677af","reader":"qq-txt","readerVersion":"1.0.0"}],
"conversations": [${conversation}],
"participants": [],
"diagnostics": [{"code":"unrecognized-line","severity":"warning","message":"input.txt line 7 is not a message","origin":"qq-txt","file":"input.txt","place":{"line":7},"raw":"garbage"}]
}`;

describe("chatport-json: restated diagnostics", () => {
  it("an archive without messages whose history has an unrecognized-line is read, the diagnostic restated", async () => {
    const diagnostics = new DiagnosticCollector();
    const a = await readAll(memorySource("a.json", archive(`{"id":"c1","platform":"qq","title":"T","source":"input.txt","kind":"group","participantIds":[],"messages":[]}`)), builtinRegistry, { diagnostics });
    expect(a.conversations.map((c) => [c.id, c.messages.length])).toEqual([["c1", 0]]);
    expect(diagnostics.list().filter((d) => d.code === "unrecognized-line").map((d) => [d.message, d.place])).toEqual([["input.txt line 7 is not a message", { line: 7 }]]);
  });

  it("a damaged record of this read is still counted: a conversation that is no object fails as before", async () => {
    await expect(readAll(memorySource("a.json", archive(`42`)), builtinRegistry, {})).rejects.toThrow(/no message could be read as chatport-json; 1 line\(s\) or record\(s\) were not recognised, the first at/);
  });
});
