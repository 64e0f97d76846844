/**
 * UTF-16 units that are no characters (half of a surrogate pair, a byte cut short at the end) are read
 * as U+FFFD, as before, and now reported (`encoding-replacement`, with the line in text inputs): UTF-8
 * and UTF-32 damage was reported, UTF-16 damage was silent.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { DiagnosticCollector } from "../src/diagnostics/collector.js";
import { memorySource } from "../src/io/source.js";
import { Utf16Checker } from "../src/io/utf16-damage.js";
import { readAll } from "../src/pipeline/index.js";

/** UTF-16 code units as bytes. */
function units(us: number[], be: boolean): Uint8Array {
  const out = new Uint8Array(us.length * 2);
  const view = new DataView(out.buffer);
  us.forEach((u, i) => view.setUint16(i * 2, u, !be));
  return out;
}
const codeUnits = (s: string): number[] => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));

describe("Utf16Checker", () => {
  it("finds lone high and low surrogates and a cut byte, with their lines, LE and BE, at any chunking", () => {
    const text = [...codeUnits("a\n"), 0xd83d, ...codeUnits("b\r\nc"), 0xde00, ...codeUnits("\rd😀e\n"), 0xd83d];
    for (const be of [false, true]) {
      const bytes = new Uint8Array([...units(text, be), 0x41]);
      for (const size of [1, 2, 3, 5, bytes.length]) {
        const c = new Utf16Checker(be ? "utf-16be" : "utf-16le", 10);
        let found = 0;
        for (let i = 0; i < bytes.length; i += size) found += c.push(bytes.subarray(i, i + size));
        found += c.end();
        expect(found, `be=${be} size=${size}`).toBe(4);
        expect(c.invalid).toBe(4);
        expect(c.lines).toEqual([2, 3, 5]);
      }
    }
  });

  it("finds nothing in valid text, pairs cut across chunks included", () => {
    const bytes = units(codeUnits("😀 ok 𝄞\n"), false);
    const c = new Utf16Checker("utf-16le");
    for (let i = 0; i < bytes.length; i++) c.push(bytes.subarray(i, i + 1));
    expect(c.end()).toBe(0);
    expect(c.invalid).toBe(0);
  });
});

describe("readers", () => {
  it("a QQ TXT in UTF-16LE with half an emoji reports it on its line", async () => {
    const text = readFileSync("samples/qq-txt/en-gb-dmy/input.txt", "utf8").replace(/^\uFEFF/, "");
    const lines = text.split("\n");
    const k = Math.floor(lines.length / 2);
    const us = [0xfeff, ...codeUnits(lines.slice(0, k).join("\n") + "\n"), 0xd83d, ...codeUnits(lines.slice(k).join("\n"))];
    const archive = await readAll(memorySource("chat.txt", units(us, false)), builtinRegistry, { diagnostics: new DiagnosticCollector() });
    const d = archive.diagnostics.find((x) => x.code === "encoding-replacement");
    expect(d?.message).toContain("UTF-16LE but one unit is no character");
    expect(d?.place).toEqual({ line: k + 1 });
    expect(JSON.stringify(archive.conversations)).toContain("\uFFFD");
  });

  it("a Telegram JSON in UTF-16BE without a BOM with a lone surrogate reports it", async () => {
    const json = JSON.stringify({ name: "A", type: "personal_chat", id: 1, messages: [{ id: 1, type: "message", date: "2020-01-01T00:00:00", date_unixtime: "1577836800", from: "A", from_id: "user1", text: "hi X" }] });
    const us = codeUnits(json);
    us.splice(json.indexOf("X"), 1, 0xdc00);
    const archive = await readAll(memorySource("result.json", units(us, true)), builtinRegistry, { diagnostics: new DiagnosticCollector() });
    expect(archive.conversations[0]!.messages[0]!.text).toBe("hi \uFFFD");
    expect(archive.diagnostics.find((x) => x.code === "encoding-replacement")?.message).toBe("result.json is not valid UTF-16BE in 1 chunk(s); the bad bytes were replaced by U+FFFD.");
  });

  it("valid UTF-16 reports nothing", async () => {
    const json = JSON.stringify({ name: "A", type: "personal_chat", id: 1, messages: [{ id: 1, type: "message", date: "2020-01-01T00:00:00", date_unixtime: "1577836800", from: "A", from_id: "user1", text: "hi 😀" }] });
    const archive = await readAll(memorySource("result.json", units([0xfeff, ...codeUnits(json)], false)), builtinRegistry, { diagnostics: new DiagnosticCollector() });
    expect(archive.conversations[0]!.messages[0]!.text).toBe("hi 😀");
    expect(archive.diagnostics.map((x) => x.code)).not.toContain("encoding-replacement");
  });
});
