/**
 * Detection now picks telegram-json (0.6) for a JSON object whose 64 KiB head holds only a long "name":
 * a `{"name": "<1 MB>"}` with no "messages" at all (or another tool's JSON with a long first value)
 * then converted to an empty chat with exit 0. A root without a "messages" key and without a chat list
 * is refused instead; an empty chat (`"messages": []`) still reads.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { memorySource } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/index.js";
import { runCapture } from "../helpers/cli.js";

const BIG = "a".repeat(1 << 20);
const read = (text: string) => readAll(memorySource("result.json", text), builtinRegistry, { from: "telegram-json", diagnostics: new DiagnosticCollector() });

describe("telegram-json: a root object without messages", () => {
  it("a file that is only a 1 MB name: exit 4 naming its keys, not an empty chat", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tg-nomsg-"));
    const input = join(dir, "result.json");
    // The name holds text that looks like Telegram keys: it is a string, not keys.
    writeFileSync(input, `{"name": "\\"type\\": \\"personal_chat\\", \\"messages\\": [ ${BIG}", "schemaVersion": 1}`);
    const r = await runCapture(["convert", input, "--to", "json", "-o", join(dir, "out.json")]);
    expect(r.code).toBe(4);
    expect(r.err).toContain('is a JSON object without a "messages" list (its keys: "name", "schemaVersion")');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("refuses with --from too, and still reads an empty chat and a chat list beside a root name", async () => {
    await expect(read(`{"name": "x", "type": "personal_chat", "id": 1}`)).rejects.toMatchObject({ kind: "unknown-format" });
    const empty = await read(`{"name": "x", "type": "personal_chat", "id": 1, "messages": []}`);
    expect(empty.conversations.map((c) => c.title)).toEqual(["x"]);
    const msg = `{"id": 1, "type": "message", "date": "2024-01-01T00:00:00", "date_unixtime": "1704067200", "from": "A", "from_id": "user1", "text": "hi"}`;
    const hybrid = await read(`{"name": "x", "chats": {"list": [{"name": "c", "type": "personal_chat", "id": 2, "messages": [${msg}]}]}}`);
    expect(hybrid.conversations.flatMap((c) => c.messages).map((m) => m.text)).toEqual(["hi"]);
  });
});
