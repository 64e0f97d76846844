/**
 * UTF-16 without a byte-order mark (an export re-saved by an editor): text inputs were read through
 * detectEncoding's zero-byte rule, but JSON inputs went to the JSON parser as UTF-8 and failed with its
 * jargon (exit 5). decodeJsonText now applies the same rule, so Telegram and QCE JSON read as their
 * UTF-8 twins, as QQ TXT and WhatsApp already did (checked here too, so the shared rule stays one).
 */
import { readFileSync } from "node:fs";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { DiagnosticCollector } from "../src/diagnostics/collector.js";
import { decodeJsonText } from "../src/io/decode.js";
import { memorySource, type InputSource } from "../src/io/source.js";
import { readAll } from "../src/pipeline/index.js";
import { runCapture } from "./helpers/cli.js";

/** `text` as UTF-16 without a BOM. */
function utf16(text: string, be: boolean): Uint8Array {
  const b = Buffer.from(text, "utf16le");
  return be ? b.swap16() : b;
}

/** A source whose stream gives chunks of `size` bytes (units cut anywhere), with no openReader. */
function chunked(name: string, bytes: Uint8Array, size: number): InputSource {
  const { openReader: _o, ...mem } = memorySource(name, bytes);
  return {
    ...mem,
    async *stream() {
      for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
    },
  };
}

async function twins(file: string, name: string): Promise<void> {
  const utf8 = readFileSync(new URL(`../samples/${file}`, import.meta.url));
  const text = utf8.toString("utf8").replace(/^\uFEFF/, "");
  const read = async (bytes: Uint8Array, size: number) => {
    const diagnostics = new DiagnosticCollector();
    const archive = await readAll(chunked(name, bytes, size), builtinRegistry, { diagnostics });
    return { conversations: archive.conversations, participants: archive.participants, diagnostics: diagnostics.list(), reader: archive.sources.map((s) => s.reader) };
  };
  const want = await read(Buffer.from(text, "utf8"), 4093);
  expect(want.conversations.flatMap((c) => c.messages).length).toBeGreaterThan(2);
  for (const be of [false, true]) {
    // Odd chunk sizes cut UTF-16 units in two.
    expect(await read(utf16(text, be), 4093)).toEqual(want);
    expect((await read(utf16(text, be), 7)).conversations).toEqual(want.conversations);
  }
}

describe("a chat export saved as UTF-16 without a BOM reads as its UTF-8 twin (LE and BE), detected without --from", () => {
  it("Telegram JSON", () => twins("telegram-json/forwards-replies/input.json", "result.json"));
  it("QCE JSON", () => twins("qce-json/private-mixed/input.json", "chat.json"));
  it("chatport JSON", () => twins("chatport-json/archive-from-telegram/input.json", "archive.json"));
  it("QQ TXT", () => twins("qq-txt/group-basic/input.txt", "group.txt"));
  it("WhatsApp TXT", () => twins("whatsapp-txt/fr-ios-no-comma/input.txt", "WhatsApp Chat with Jean.txt"));
});

describe("decodeJsonText", () => {
  it("decodes BOM-less UTF-16 JSON in both byte orders; UTF-8 JSON is untouched", async () => {
    const json = '{"name": "好👍", "messages": []}';
    for (const bytes of [utf16(json, false), utf16(json, true), Buffer.from(json, "utf8")]) {
      let text = "";
      let bad = 0;
      for await (const t of decodeJsonText(chunked("x.json", bytes, 3), () => bad++)) text += t;
      expect(text).toBe(json);
      expect(bad).toBe(0);
    }
  });

  it("the CLI converts a BOM-less UTF-16LE result.json (it said a JSON syntax error, exit 5)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "utf16-nobom-"));
    const input = join(dir, "result.json");
    writeFileSync(input, utf16(readFileSync(new URL("../samples/telegram-json/entities/input.json", import.meta.url), "utf8"), false));
    const r = await runCapture(["convert", input, "--to", "json", "-o", join(dir, "out.json")]);
    expect(r.err).toMatch(/Read 1 conversation/);
    expect(r.code).toBe(0);
  });
});
