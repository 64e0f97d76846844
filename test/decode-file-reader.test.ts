/**
 * File inputs are checked (whole-file UTF-8 test) and decoded through `InputSource.openReader` into one
 * reused buffer, not `stream()` (a fresh buffer per 64 KiB chunk: a 28 MB chunked-JSONL file pushed peak
 * RSS up by ~40 MiB each time it was checked, issue 7). The answers must be those of the streamed path
 * for every byte layout: characters split across reads, a cut last character, an invalid byte near a
 * read boundary, GB18030, UTF-16, an empty file.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decodeChunks, detectEncoding, utf8AlignedBytes, utf8AlignedChunks } from "../src/io/decode.js";
import { fileSource, memorySource, type InputSource } from "../src/io/source.js";

const dir = mkdtempSync(join(tmpdir(), "chatport-reader-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file source whose `stream()` must not be used. */
function readerOnly(name: string, bytes: Uint8Array): InputSource {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const src = fileSource(path, name, bytes.byteLength);
  return {
    ...src,
    stream() {
      throw new Error("a whole-file pass over a file went through stream()");
    },
  };
}

async function decoded(src: InputSource): Promise<string> {
  const info = await detectEncoding(src);
  let text = "";
  for await (const t of decodeChunks(src, info)) text += t;
  return text;
}

/** ~700 KB of mixed 1- to 4-byte UTF-8 characters, so reads of 64 and 256 KiB end inside characters. */
function mixedUtf8(): Buffer {
  const pieces = ["a", "ü", "好", "👍", "\n", "é", "語", "x"];
  let s = "";
  let k = 7;
  while (s.length < 300_000) {
    k = (k * 1103515245 + 12345) % 2147483648;
    s += pieces[k % pieces.length];
  }
  return Buffer.from(s, "utf8");
}

describe("file inputs read through openReader (one reused buffer)", () => {
  const utf8 = mixedUtf8();
  const cases: [string, Uint8Array][] = [
    ["mixed.txt", utf8],
    ["cut-tail.txt", utf8.subarray(0, utf8.length - 2)],
    ["cut-at-256k.txt", Buffer.concat([Buffer.from("a".repeat((1 << 18) - 1)), Buffer.from("好", "utf8").subarray(0, 2), Buffer.from("bc")])],
    ["invalid-middle.txt", Buffer.concat([utf8.subarray(0, 1 << 18), Buffer.from([0xff]), utf8.subarray(1 << 18)])],
    ["gbk.txt", Buffer.concat([Buffer.from("abc "), Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), Buffer.from(" def\n".repeat(40_000))])],
    ["utf16.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("好的 ok\n".repeat(30_000), "utf16le")])],
    ["lone-tail.txt", Buffer.from([0xe4, 0xb8])],
    ["empty.txt", new Uint8Array(0)],
  ];

  it.each(cases)("%s: same encoding and text as the streamed path", async (name, bytes) => {
    const file = readerOnly(name, bytes);
    const mem = memorySource(name, bytes);
    expect(await detectEncoding(file)).toEqual(await detectEncoding(mem));
    expect(await decoded(file)).toBe(await decoded(mem));
  });

  it("decides as expected on the layouts that matter", async () => {
    const enc = async (name: string) => (await detectEncoding(readerOnly(`again-${name}`, cases.find((c) => c[0] === name)![1]))).encoding;
    expect(await enc("mixed.txt")).toBe("utf-8");
    expect(await enc("cut-tail.txt")).toBe("utf-8"); // a cut last character is still UTF-8
    expect(await enc("cut-at-256k.txt")).toBe("gb18030"); // an incomplete character inside the file is not
    expect(await enc("invalid-middle.txt")).toBe("gb18030");
    expect(await enc("gbk.txt")).toBe("gb18030");
    expect(await enc("lone-tail.txt")).toBe("utf-8");
  });
});

describe("utf8AlignedBytes", () => {
  it.each([7, 64, 4096, 1 << 16])("cuts a file read through a %i-byte reused buffer as utf8AlignedChunks cuts the stream", async (size) => {
    const utf8 = mixedUtf8().subarray(0, 50_000);
    for (const [name, bytes] of [
      ["aligned.txt", utf8],
      ["cut.txt", utf8.subarray(0, utf8.length - 1)],
      ["bad.txt", Buffer.concat([utf8.subarray(0, 1000), Buffer.from([0xff, 0xe4]), utf8.subarray(1000)])],
    ] as [string, Uint8Array][]) {
      const file = readerOnly(`${size}-${name}`, bytes);
      const pieces: Buffer[] = [];
      // Copies: each chunk is only valid until the next one is asked for.
      for await (const c of utf8AlignedBytes(file, size)) pieces.push(Buffer.from(c));
      const streamed: Buffer[] = [];
      for await (const c of utf8AlignedChunks(memorySource(name, bytes).stream())) streamed.push(Buffer.from(c));
      expect(Buffer.concat(pieces).equals(Buffer.from(bytes))).toBe(true);
      // Every chunk but an incomplete last character ends on a character boundary, and decodes alone to
      // what the streamed chunks decode to.
      const text = (bs: Buffer[]) => bs.map((b) => b.toString("utf8")).join("");
      expect(text(pieces)).toBe(text(streamed));
      if (size >= 4096) expect(pieces.length).toBeLessThanOrEqual(Math.ceil(bytes.length / (size - 3)) + 1);
    }
  });
});
