/**
 * UTF-32 input (LE/BE, with a BOM or told by its zero bytes) is decoded by hand (TextDecoder has no
 * UTF-32): a QQ TXT, WhatsApp TXT or Telegram JSON saved as UTF-32 reads exactly as its UTF-8 twin,
 * whatever the chunking, and units that are no characters are read as U+FFFD and reported. Before, such
 * a file was called binary.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { DiagnosticCollector } from "../src/diagnostics/collector.js";
import { decodeChunks, decodeHead, decodeJsonText, detectEncoding, sniffBom } from "../src/io/decode.js";
import { memorySource, type InputSource } from "../src/io/source.js";
import { Utf32Decoder } from "../src/io/utf32.js";
import { readAll } from "../src/pipeline/index.js";
import { looksBinary } from "../src/pipeline/probe.js";

const BOM = { le: [0xff, 0xfe, 0, 0], be: [0, 0, 0xfe, 0xff] };

/** `text` as UTF-32 bytes (code point by code point), with the BOM when asked. */
function utf32(text: string, be: boolean, bom: boolean): Uint8Array {
  const cps = [...text].map((c) => c.codePointAt(0)!);
  return units(cps, be, bom);
}

function units(cps: number[], be: boolean, bom: boolean): Uint8Array {
  const all = bom ? [0xfeff, ...cps] : cps;
  const out = new Uint8Array(all.length * 4);
  const view = new DataView(out.buffer);
  all.forEach((cp, i) => view.setUint32(i * 4, cp, !be));
  return out;
}

/** A source whose stream gives chunks of `size` bytes (characters cut anywhere). */
function chunked(name: string, bytes: Uint8Array, size: number): InputSource {
  const mem = memorySource(name, bytes);
  return {
    ...mem,
    async *stream() {
      for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
    },
  };
}

async function decodeAll(src: InputSource): Promise<string> {
  const info = await detectEncoding(src);
  let text = "";
  for await (const t of decodeChunks(src, info)) text += t;
  return text;
}

const TEXT = "\uFEFFa好👍\r\n語 é\n" + "x".repeat(50) + "🀄end";

describe("UTF-32 decoding", () => {
  it("tells UTF-32 by its BOM, the LE one before UTF-16LE's", () => {
    expect(sniffBom(Uint8Array.from([...BOM.le, 0x61, 0, 0, 0]))).toEqual({ encoding: "utf-32le", length: 4 });
    expect(sniffBom(Uint8Array.from([...BOM.be, 0, 0, 0, 0x61]))).toEqual({ encoding: "utf-32be", length: 4 });
    expect(sniffBom(Uint8Array.from([0xff, 0xfe, 0x61, 0]))).toEqual({ encoding: "utf-16le", length: 2 });
  });

  it.each([
    ["LE with BOM", false, true, "utf-32le"],
    ["BE with BOM", true, true, "utf-32be"],
    ["LE without BOM", false, false, "utf-32le"],
    ["BE without BOM", true, false, "utf-32be"],
  ] as const)("%s: detected and decoded in chunks of every size", async (_name, be, bom, encoding) => {
    const bytes = utf32(TEXT.slice(1), be, bom);
    expect(looksBinary(bytes)).toBe(false);
    expect(decodeHead(bytes)).toBe(TEXT.slice(1));
    for (const size of [1, 2, 3, 5, 7, 4093, 1 << 16]) {
      const src = chunked("x.txt", bytes, size);
      expect(await detectEncoding(src)).toEqual({ encoding, bom, fallback: false });
      expect(await decodeAll(src)).toBe(TEXT.slice(1));
    }
  });

  it("reads units that are no characters, and a cut last unit, as U+FFFD and reports their lines", async () => {
    const cps = [0x61, 0x0a, 0x110000, 0x62, 0x0d, 0x0a, 0xd800, 0x0a, 0x63];
    const bytes = Uint8Array.from([...units(cps, false, true), 0x64, 0]);
    for (const size of [1, 3, 6, 1 << 16]) {
      const src = chunked("x.txt", bytes, size);
      const info = await detectEncoding(src);
      expect(info).toEqual({ encoding: "utf-32le", bom: true, fallback: false, damaged: { invalid: 3, lines: [2, 3, 4] } });
      expect(await decodeAll(src)).toBe("a\n\uFFFDb\r\n\uFFFD\nc\uFFFD");
    }
    const d = new Utf32Decoder("utf-32be");
    expect(d.decode(units([0x7fffffff, 0x41], true, false), true)).toBe("\uFFFDA");
    expect(d.invalid).toBe(1);
  });

  it("decodes JSON text as UTF-32 and counts chunks with replacements", async () => {
    const json = '{"a": "好👍"}';
    for (const [be, bom] of [[false, true], [true, false]] as const) {
      let bad = 0;
      let text = "";
      for await (const t of decodeJsonText(chunked("x.json", utf32(json, be, bom), 5), () => bad++)) text += t;
      expect(text).toBe(json);
      expect(bad).toBe(0);
    }
    let bad = 0;
    for await (const _t of decodeJsonText(memorySource("x.json", units([0x7b, 0xdfff, 0x7d], false, true)), () => bad++));
    expect(bad).toBe(1);
  });
});

/** Reads an input as its UTF-8 twin and as UTF-32 in both byte orders: the archives match but for the source's hash and size. */
async function twins(file: string, name: string): Promise<void> {
  const utf8 = readFileSync(new URL(`../samples/${file}`, import.meta.url));
  const text = utf8.toString("utf8");
  const read = async (bytes: Uint8Array) => {
    const diagnostics = new DiagnosticCollector();
    const archive = await readAll(chunked(name, bytes, 4093), builtinRegistry, { diagnostics });
    return { conversations: archive.conversations, participants: archive.participants, diagnostics: diagnostics.list(), reader: archive.sources.map((s) => s.reader) };
  };
  const want = await read(utf8);
  expect(want.conversations.flatMap((c) => c.messages).length).toBeGreaterThan(2);
  for (const [be, bom] of [[false, true], [true, true], [false, false], [true, false]] as const) {
    // Odd chunk sizes cut units; 7 cuts them differently from 4093.
    expect(await read(utf32(text, be, bom))).toEqual(want);
    const diagnostics = new DiagnosticCollector();
    const small = await readAll(chunked(name, utf32(text, be, bom), 7), builtinRegistry, { diagnostics });
    expect(small.conversations).toEqual(want.conversations);
  }
}

describe("a chat export saved as UTF-32 reads as its UTF-8 twin", () => {
  it("QQ TXT", () => twins("qq-txt/group-basic/input.txt", "group.txt"));
  it("WhatsApp TXT", () => twins("whatsapp-txt/fr-ios-no-comma/input.txt", "WhatsApp Chat with Jean.txt"));
  it("Telegram JSON", () => twins("telegram-json/forwards-replies/input.json", "result.json"));
});
