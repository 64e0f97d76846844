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
    // One byte no encoding reads, amid valid UTF-8: UTF-8 with one U+FFFD, reported (decode-damage.test.ts).
    expect(await enc("invalid-middle.txt")).toBe("utf-8");
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

/** A source whose reader logs its calls; each read settles on a later tick, as a file read does. */
function loggedReader(bytes: Uint8Array, log: string[]): InputSource {
  const src = memorySource("logged.txt", bytes);
  let pos = 0;
  let inFlight = 0;
  return {
    ...src,
    async openReader() {
      return {
        async read(buffer: Uint8Array, offset: number, length: number) {
          inFlight++;
          log.push(`read ${inFlight}`);
          await new Promise((r) => setTimeout(r, 1));
          const n = Math.min(length, bytes.length - pos);
          buffer.set(bytes.subarray(pos, pos + n), offset);
          pos += n;
          inFlight--;
          return n;
        },
        async close() {
          log.push(inFlight ? `close with ${inFlight} in flight` : "close");
        },
      };
    },
  };
}

describe("reads ahead", () => {
  const bytes = Buffer.from("好".repeat(10_000), "utf8");

  it.each([
    ["utf8AlignedBytes", (s: InputSource) => utf8AlignedBytes(s, 4096)],
    ["decodeChunks", (s: InputSource) => decodeChunks(s, { encoding: "utf-8", bom: false, fallback: false })],
  ])("%s: the next read is running while a chunk is handed out, one at a time, and all of it arrives", async (_, chunks) => {
    const log: string[] = [];
    let seen = 0;
    for await (const c of chunks(loggedReader(bytes, log)) as AsyncIterable<Uint8Array | string>) {
      seen += typeof c === "string" ? Buffer.byteLength(c) : c.byteLength;
      log.push("chunk");
    }
    expect(seen).toBe(bytes.length);
    // Every chunk is preceded by the read of the one after it (a read issued, not yet awaited).
    const firstChunk = log.indexOf("chunk");
    expect(log.slice(0, firstChunk)).toEqual(["read 1", "read 1"]);
    expect(log.filter((l) => l.startsWith("read") && l !== "read 1")).toEqual([]);
    expect(log.at(-1)).toBe("close");
  });

  it("a caller that stops early: the read in flight settles before the file is closed", async () => {
    const log: string[] = [];
    for await (const c of utf8AlignedBytes(loggedReader(bytes, log), 4096)) {
      expect(c.byteLength).toBeGreaterThan(0);
      break;
    }
    expect(log).toEqual(["read 1", "read 1", "close"]);
  });
});
