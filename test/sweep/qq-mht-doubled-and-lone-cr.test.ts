/**
 * A QQ MHT whose lines end partly in `\r\r\n` (CRLF converted twice) and partly in lone CRs (an editor
 * pass over that damaged file) failed with exit 4, "no message could be read as qq-mht": through the
 * doubled view alone the lone-CR lines ran together; through the lone-CR view alone each `\r\r\n` was two
 * line ends, and the blank line this added ended MIME header blocks early. Both views now compose
 * (formats/qq-mht/text-view.ts): the file reads as its LF twin, image hashes included. Built from the
 * committed sample `samples/qq-mht/group-images` (BOM, CRLF, a PNG and a GIF part).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { collapseCrRunsBeforeLf } from "../../src/io/doubled-crlf.js";
import { memorySource, type InputSource } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/index.js";
import { lineEndsOf } from "../../formats/qq-mht/text-view.js";
import { chunkedSource } from "../helpers/chunked-source.js";
import { convertMht } from "../helpers/mht-cli.js";

const SAMPLE = readFileSync(join(import.meta.dirname, "..", "..", "samples", "qq-mht", "group-images", "input.mht"));
const LINES = SAMPLE.toString("latin1").split("\r\n");
const LF_FILE = Buffer.from(LINES.join("\n"), "latin1");

/** The sample with line n ending in a lone CR when `lone(n)`, else in `\r\r\n`. */
function damaged(lone: (n: number) => boolean): Buffer {
  return Buffer.from(LINES.map((l, i) => (i === LINES.length - 1 ? l : l + (lone(i) ? "\r" : "\r\r\n"))).join(""), "latin1");
}

async function read(src: InputSource) {
  const diagnostics = new DiagnosticCollector();
  const archive = await readAll(src, builtinRegistry, { diagnostics });
  return { reader: archive.sources[0]?.reader, conversations: archive.conversations, participants: archive.participants, diagnostics: diagnostics.list() };
}

const PATTERNS: [string, (n: number) => boolean][] = [
  ["every third line lone CR, the rest \\r\\r\\n", (n) => n % 3 === 1],
  ["every third line \\r\\r\\n, the rest lone CR", (n) => n % 3 !== 1],
  ["lone CRs in the header block only", (n) => n < 8],
  ["lone CRs in the image parts only", (n) => n > 20],
];

describe("qq-mht with \\r\\r\\n and lone CRs mixed", () => {
  it.each(PATTERNS)("reads as its LF twin (%s), detected, whatever the chunking", async (_name, lone) => {
    const want = await read(memorySource("chat.mht", LF_FILE));
    const messages = want.conversations.flatMap((c) => c.messages);
    expect(messages).toHaveLength(5);
    const hashes = messages.flatMap((m) => m.attachments.map((a) => `${a.availability} ${a.sha256}`));
    expect(hashes.filter((h) => /^present [0-9a-f]{64}$/.test(h))).toHaveLength(2); // a PNG and a GIF; the third is an omitted [表情]
    const file = damaged(lone);
    expect(lineEndsOf(file.toString("latin1"))).toEqual({ loneCr: true, doubledCrlf: true });
    for (const [size, withRange] of [[1 << 16, true], [7, false], [1, true]] as const) {
      const got = await read(chunkedSource("chat.mht", file, size, withRange));
      expect(got.reader).toBe("qq-mht");
      expect(got).toEqual(want);
    }
  });

  it("converts on the command line with exit 0 (it was 4), writing the images of the LF twin", async () => {
    const r = await convertMht(damaged((n) => n % 3 === 1), "mht-crcr-lone-");
    expect(r.err).toMatch(/Read 1 conversation, 5 messages/);
    expect(r.code).toBe(0);
    expect(r.media.map((f) => f.namedByHash)).toEqual([true, true]);
  });

  it("a lone CR just before a doubled line end stays a line end of its own", async () => {
    const bytes = Buffer.from("a\r\r\r\nb\r\r\nc\r\nd\re", "latin1");
    for (let cut = 0; cut <= bytes.length; cut++) {
      const parts: Uint8Array[] = [];
      for await (const c of collapseCrRunsBeforeLf([bytes.subarray(0, cut), bytes.subarray(cut)], undefined, undefined, true)) parts.push(c);
      expect(Buffer.concat(parts).toString("latin1")).toBe("a\r\r\nb\r\nc\r\nd\re");
    }
  });

  it("\\r\\r\\n is one line end when most LFs follow two CRs, else a lone CR and a CRLF", () => {
    expect(lineEndsOf("a\rb\r\r\nc\r\r\n")).toEqual({ loneCr: true, doubledCrlf: true });
    expect(lineEndsOf("a\rb\r\r\nc\r\nd\r\ne\r\n")).toEqual({ loneCr: true, doubledCrlf: false }); // a blank CRLF line after a lone-CR line
    expect(lineEndsOf("a\r\nb\r\r\nc\r\nd\r\n")).toEqual({ loneCr: false, doubledCrlf: false }); // a stray CR in a CRLF file
    expect(lineEndsOf("a\r\r\nb\r\r\nc\r\n")).toEqual({ loneCr: false, doubledCrlf: true });
    expect(lineEndsOf("a\r\nb\r")).toEqual({ loneCr: false, doubledCrlf: false }); // a CR at the end of the head is undecided
  });
});
