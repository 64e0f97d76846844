/**
 * The line splitter every text reader uses: LF and CRLF line ends, a lone CR kept as text in such files,
 * and CR-only files (classic Mac OS line ends), whose lines end at CR, CRLF or LF. The lines must not
 * depend on how the text was cut into chunks.
 */
import { describe, expect, it } from "vitest";
import { LINE_END_PROBE, isCrOnlyText, splitLines, type Line } from "../src/io/lines.js";

async function* chunked(text: string, sizes: number[]): AsyncIterable<string> {
  let pos = 0;
  for (let i = 0; pos < text.length; i++) {
    const n = Math.max(1, sizes[i % sizes.length]!);
    yield text.slice(pos, pos + n);
    pos += n;
  }
}

async function lines(text: string, sizes: number[] = [1 << 16]): Promise<Line[]> {
  const out: Line[] = [];
  for await (const l of splitLines(chunked(text, sizes))) out.push(l);
  return out;
}

const brief = (ls: Line[]) => ls.map((l) => [l.text, l.eol]);

describe("splitLines", () => {
  it("LF and CRLF files: a lone CR is text", async () => {
    expect(brief(await lines("a\r\nb\rc\nd"))).toEqual([
      ["a", "\r\n"],
      ["b\rc", "\n"],
      ["d", ""],
    ]);
  });

  it("a CR-only file: every CR ends a line", async () => {
    expect(brief(await lines("a\rb\r\rc\r"))).toEqual([
      ["a", "\r"],
      ["b", "\r"],
      ["", "\r"],
      ["c", "\r"],
    ]);
    expect(brief(await lines("a\rb"))).toEqual([
      ["a", "\r"],
      ["b", ""],
    ]);
  });

  it("numbers CR-only lines as the LF file's lines are numbered", async () => {
    const lf = "2021-03-06 9:02:11 甲(1)\n你好\n\n2021-03-06 9:03:00 乙(2)\n好\n".repeat(50);
    const cr = lf.replace(/\n/g, "\r");
    expect((await lines(cr)).map((l) => [l.no, l.text])).toEqual((await lines(lf)).map((l) => [l.no, l.text]));
  });

  it("gives the same lines for every chunking, a CR and its LF in different chunks included", async () => {
    const pad = "p".repeat(LINE_END_PROBE);
    const texts = ["x\ry\rz\r\rw\r", "x\r\ny\rz\n\rw", "\r", "\r\n", "a\r\r", "ab\rcd\r\ref", `a\r${pad}\r\n\r\rb\r\nc`, "abcdef\rghijkl\r\nmnopqr\r\rs", "uvwxyz\r"];
    for (const t of texts) {
      const whole = brief(await lines(t));
      for (const sizes of [[1], [2], [3], [1, 2], [2, 1, 3], [5], [4095, 1, 2]]) expect(brief(await lines(t, sizes)), `${JSON.stringify(t)} in ${sizes}`).toEqual(whole);
    }
  });

  it("LF files: lines longer than a chunk end the same in every chunking, their CRLF split or not", async () => {
    const long = "长".repeat(40);
    const texts = [`${long}\r\n${long}\n\n${long}`, `a\r\n${long}\r\nb\r\n`, `${long}\r${long}\n`, `\n${long}\r\n\r\n${long}\r`, `${long}\r\n`];
    for (const t of texts) {
      // What the lines must be: cut at LF, a CR before it is the CRLF's; the last line may have no end.
      const parts = t.split("\n");
      const want = parts.map((p, i) => (i === parts.length - 1 ? [p, ""] : p.endsWith("\r") ? [p.slice(0, -1), "\r\n"] : [p, "\n"]));
      if (want[want.length - 1]![0] === "") want.pop();
      for (const sizes of [[1 << 16], [1], [3], [7, 1], [39, 1, 2], [40], [41], [13, 29]]) expect(brief(await lines(t, sizes)), `${JSON.stringify(t)} in ${sizes}`).toEqual(want);
    }
  });

  it("decides from the first LINE_END_PROBE characters, whatever the chunks; CRLF and LF after them end lines too", async () => {
    const pad = "字".repeat(LINE_END_PROBE - 10);
    const tail = "y".repeat(20);
    // A CR in the head and no LF in it: CR-only, and the CRLF and LF that come later also end lines.
    expect(brief(await lines(`${pad}\r${tail}\r\nz\nlast`, [4096, 7]))).toEqual([
      [pad, "\r"],
      [tail, "\r\n"],
      ["z", "\r"],
      ["last", ""],
    ]);
    // An LF in the head: an LF file, in which a CR is text.
    expect(brief(await lines(`${pad}\rx\n${tail}`, [4096]))).toEqual([
      [`${pad}\rx`, "\n"],
      [tail, ""],
    ]);
    // No line end in the head at all: an LF file.
    const long = "字".repeat(LINE_END_PROBE + 10);
    expect(brief(await lines(`${long}\rnext\n`, [4096]))).toEqual([[`${long}\rnext`, "\n"]]);
  });

  it("isCrOnlyText: a CR no LF follows, and no LF in the head", () => {
    expect(isCrOnlyText("a\rb")).toBe(true);
    expect(isCrOnlyText("a\r\nb")).toBe(false);
    expect(isCrOnlyText("a\rb\nc")).toBe(false);
    expect(isCrOnlyText("ab\r")).toBe(false); // its LF may be in the next chunk; a CR-only file has more lines
    expect(isCrOnlyText("abc")).toBe(false);
    expect(isCrOnlyText("")).toBe(false);
  });
});

describe("splitLines: a caller that stops early", () => {
  it.each([
    ["an LF file", "a\nb\nc\n".repeat(30_000)],
    ["a CR-only file", "a\rb\rc\r".repeat(30_000)],
  ])("%s: the chunk source is ended too (its file is closed)", async (_, text) => {
    let ended = false;
    async function* source(): AsyncIterable<string> {
      try {
        for (let i = 0; i < text.length; i += 4096) yield text.slice(i, i + 4096);
      } finally {
        ended = true;
      }
    }
    for await (const l of splitLines(source())) {
      expect(l.text).toBe("a");
      break;
    }
    expect(ended).toBe(true);
  });
});
