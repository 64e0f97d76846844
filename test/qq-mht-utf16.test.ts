/**
 * A QQ MHT re-saved as UTF-16 (Windows Notepad's "Unicode" / "Unicode big endian", or without a BOM) was
 * refused ("is UTF-16 text…; save it with the encoding UTF-8"). It is now read through a view of the
 * UTF-8 it holds (src/io/utf16-as-utf8.ts: offsets mapped back through per-chunk checkpoints), so every
 * committed sample reads as itself: same conversations, messages, lines and image SHA-256s. Built from
 * samples/qq-mht/* by re-encoding their bytes in the test.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { DiagnosticCollector } from "../src/diagnostics/collector.js";
import { memorySource, readRange, type InputSource } from "../src/io/source.js";
import { utf16AsUtf8Source, utf16ToUtf8 } from "../src/io/utf16-as-utf8.js";
import { readAll, type ReadOptions } from "../src/pipeline/index.js";
import { convertMht } from "./helpers/mht-cli.js";

const ROOT = join(import.meta.dirname, "..", "samples", "qq-mht");
const SAMPLES = readdirSync(ROOT).sort();

/** The sample's text, as an editor decodes it (the gb18030 sample as Chinese Windows' ANSI code page). */
function sampleText(name: string): string {
  return new TextDecoder(name === "gb18030" ? "gb18030" : "utf-8", { ignoreBOM: true }).decode(readFileSync(join(ROOT, name, "input.mht")));
}

function readerOptions(name: string): ReadOptions {
  let o: { tz?: string; readerOptions?: Record<string, unknown> } = {};
  try {
    o = JSON.parse(readFileSync(join(ROOT, name, "options.json"), "utf8")) as typeof o;
  } catch {
    // no options.json
  }
  return { from: "qq-mht", ...(o.tz ? { tz: o.tz } : {}), ...(o.readerOptions ? { readerOptions: o.readerOptions } : {}) };
}

/** UTF-16 bytes of a text: `bom` keeps a leading U+FEFF (a UTF-8 BOM re-saved) or adds one. */
function utf16(text: string, be: boolean, bom: boolean): Buffer {
  const t = text.replace(/^\uFEFF/, "");
  const le = Buffer.from((bom ? "\uFEFF" : "") + t, "utf16le");
  return be ? le.swap16() : le;
}

const VARIANTS = [
  ["LE with BOM (Notepad \"Unicode\")", false, true],
  ["BE with BOM (Notepad \"Unicode big endian\")", true, true],
  ["LE without BOM", false, false],
  ["BE without BOM", true, false],
] as const;

/** A source whose stream gives chunks of `size` bytes; `range` only when asked. */
function chunked(bytes: Uint8Array, size: number, withRange: boolean): InputSource {
  const { openReader: _o, range, ...mem } = memorySource("chat.mht", bytes);
  return {
    ...mem,
    ...(withRange && range ? { range } : {}),
    async *stream() {
      for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
    },
  };
}

async function read(src: InputSource, options: ReadOptions = { from: "qq-mht" }) {
  const diagnostics = new DiagnosticCollector();
  const archive = await readAll(src, builtinRegistry, { ...options, diagnostics });
  return { conversations: archive.conversations, participants: archive.participants, diagnostics: diagnostics.list() };
}

const collect = async (it: AsyncIterable<Uint8Array>) => {
  const out: Buffer[] = [];
  for await (const c of it) out.push(Buffer.from(c));
  return Buffer.concat(out);
};

describe("qq-mht saved as UTF-16", () => {
  it.each(SAMPLES)("sample %s reads as itself in all four UTF-16 forms", async (name) => {
    const options = readerOptions(name);
    const original = readFileSync(join(ROOT, name, "input.mht"));
    const want = await read(memorySource("chat.mht", original), options);
    expect(want.conversations.flatMap((c) => c.messages).length).toBeGreaterThan(0);
    // The GB18030 sample's text was decoded by the editor: it is no longer "not UTF-8".
    const wantDiagnostics = want.diagnostics.filter((d) => !(name === "gb18030" && d.code === "encoding-fallback"));
    if (name === "gb18030") expect(wantDiagnostics).toHaveLength(want.diagnostics.length - 1);
    for (const [, be, bom] of VARIANTS) {
      const got = await read(memorySource("chat.mht", utf16(sampleText(name), be, bom)), options);
      expect(got.conversations).toEqual(want.conversations);
      expect(got.participants).toEqual(want.participants);
      expect(got.diagnostics).toEqual(wantDiagnostics);
    }
  });

  it("is detected without --from and keeps image hashes whatever the chunking (odd chunks split units and surrogate pairs)", async () => {
    const text = sampleText("group-images").replace("看字节码干嘛", "看字节码😀干嘛🀄");
    const want = await read(memorySource("chat.mht", Buffer.from(text, "utf8")), {});
    const images = want.conversations.flatMap((c) => c.messages).flatMap((m) => m.attachments.filter((a) => a.availability === "present"));
    expect(images.map((a) => a.sha256)).toHaveLength(2);
    expect(JSON.stringify(want.conversations)).toContain("看字节码😀干嘛🀄");
    for (const [, be, bom] of VARIANTS)
      for (const [size, withRange] of [[1 << 16, true], [7, false], [1, true], [3, true]] as const) {
        const got = await read(chunked(utf16(text, be, bom), size, withRange), {});
        expect(got).toEqual(want);
      }
  });

  it("a UTF-16 re-save of a file with lone CRs among \\r\\r\\n reads as its LF twin (three views composed)", async () => {
    const lines = sampleText("group-images").split("\r\n");
    const want = await read(memorySource("chat.mht", Buffer.from(lines.join("\n"), "utf8")));
    const damaged = lines.map((l, i) => (i === lines.length - 1 ? l : l + (i % 3 === 1 ? "\r" : "\r\r\n"))).join("");
    for (const [, be, bom] of VARIANTS)
      for (const size of [1 << 16, 5]) expect(await read(chunked(utf16(damaged, be, bom), size, true))).toEqual(want);
  });

  it("a GB charset declared on the HTML part is not applied again to the text the editor decoded", async () => {
    const declare = (t: string) => t.replace("Content-Type: text/html\r\n", "Content-Type: text/html; charset=gb2312\r\n");
    const gb = Buffer.from(declare(readFileSync(join(ROOT, "gb18030", "input.mht")).toString("latin1")), "latin1");
    const want = await read(memorySource("chat.mht", gb));
    expect(want.diagnostics.map((d) => d.code)).not.toContain("encoding-fallback"); // declared, so no guess
    expect(JSON.stringify(want.conversations)).toContain("中文编码测试：你好，世界！");
    const text = declare(sampleText("gb18030"));
    expect(text).toContain("charset=gb2312");
    for (const [, be, bom] of VARIANTS) expect(await read(memorySource("chat.mht", utf16(text, be, bom)))).toEqual(want);
  });

  it("units that are no characters are read as U+FFFD and reported once, with the byte of the first", async () => {
    const text = sampleText("group-images");
    const bytes = utf16(text, false, true);
    const at = bytes.indexOf(Buffer.from("看字节码干嘛", "utf16le"));
    expect(at).toBeGreaterThan(0);
    const damaged = Buffer.concat([bytes.subarray(0, at), Buffer.from([0x3d, 0xd8]), bytes.subarray(at)]); // a lone high surrogate
    const got = await read(memorySource("chat.mht", damaged));
    const replaced = got.diagnostics.filter((d) => d.code === "encoding-replacement");
    expect(replaced).toHaveLength(1);
    expect(replaced[0]!.message).toContain(`chat.mht is UTF-16LE but one unit is no character (half of a surrogate pair, or a byte cut short at the end), the first at byte ${at}`);
    expect(JSON.stringify(got.conversations)).toContain("\uFFFD看字节码干嘛");
    const want = await read(memorySource("chat.mht", bytes));
    expect(got.conversations.flatMap((c) => c.messages).map((m) => m.attachments.map((a) => a.sha256))).toEqual(
      want.conversations.flatMap((c) => c.messages).map((m) => m.attachments.map((a) => a.sha256)),
    );
  });

  it("the CLI converts it with exit 0 and writes the images under their hashes", async () => {
    const r = await convertMht(utf16(sampleText("group-images"), false, true), "mht-utf16-");
    expect(r.err).toMatch(/Read 1 conversation, 5 messages/);
    expect(r.code).toBe(0);
    expect(r.media.map((f) => f.namedByHash)).toEqual([true, true]);
  });

  it("the view is the UTF-8 text, BOM kept, wherever chunks cut; ranges before and after a pass", async () => {
    const text = "\uFEFFa😀b\r\n" + "中".repeat(40_000) + "\n🀄end";
    const utf8 = Buffer.from(text, "utf8");
    for (const be of [false, true]) {
      const bytes = utf16(text, be, true);
      for (const size of [1, 2, 3, 5, 4096]) {
        const chunks: Uint8Array[] = [];
        for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
        expect((await collect(utf16ToUtf8(chunks, be ? "utf-16be" : "utf-16le"))).equals(utf8)).toBe(true);
      }
      const { source: view } = utf16AsUtf8Source(memorySource("x", bytes), be ? "utf-16be" : "utf-16le");
      expect(view.size).toBeGreaterThanOrEqual(utf8.length);
      const spans = [[0, 5], [3, 9], [70_000, 110_000], [utf8.length - 9, utf8.length]] as const;
      for (const [a, b] of spans) expect((await collect(readRange(view, a, b))).equals(utf8.subarray(a, b))).toBe(true);
      expect((await collect(view.stream())).equals(utf8)).toBe(true);
      for (const [a, b] of spans) expect((await collect(readRange(view, a, b))).equals(utf8.subarray(a, b))).toBe(true);
    }
  });
});
