import { describe, expect, it } from "vitest";
import { decompress } from "fzstd";
import { decodeZstdWasm, DecompressError, loadZstd, MAX_CONTENT_BYTES } from "./compression.js";
import { shrinkZstdWindow, zstdAllocation, zstdOutputBound } from "./zstd-window.js";

// The zstd frame of samples/wechat-v4/db-storage-group: a quote written without its content size, 8 MiB window.
const QUOTE = Buffer.from(
  "28b52ffd0468fd0800b20f382c606f1bd08ee792249135dd5bf401d3fcc7510b59816bad099813a2680a86011065d740028d564d2975340c7396b1c1397f3e25506ad036cad5cc31f7b0fe7ebe6815f370ba0ad347986eb27492a75b1e621e8adfcf3fa17a09f3f2645a16835e48f11ee3cef7e7574a350e25e2cf07455173aff12538c2361068b530a09ad51b028a7af1f3355a692dd89b7564578d1758ff7c6eb378a4f0f976e3fbf3339d7e01c1481fd867d335ab58aae20aa558163f78e66f25959de3ee4ccaeee66c1cbdb78c0d3ec022240d54d98562de1a47b20738413ce050e90d71d60bc5cd13491808a00a295848072c41d69a4b3704eb3c5db52334cf6d4a0008ebd4f1d76021d8e43da83a9f5ae3723bb919c28953583c2937038ac754a7e23abe65be733227",
  "hex",
);
/** The same blocks in a single-segment frame stating its content size (398 bytes), as bench/generate-db.mjs writes it. */
const SIZED = Buffer.concat([QUOTE.subarray(0, 4), Buffer.from([0x64, 398 - 256, 0]), QUOTE.subarray(6)]);
/** Without content size (window 8 MiB): a raw block "hello " then an RLE block of five "x". */
const RAW_RLE = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x68, 48, 0, 0, ...Buffer.from("hello "), 43, 0, 0, 0x78]);

/**
 * What the decoder gave before zstddec: fzstd on the shrunk frame, its error wrapped as DecompressError;
 * except content that would need more than MAX_CONTENT_BYTES, refused before decoding since.
 */
function before(b: Uint8Array): string {
  if (zstdAllocation(b) > MAX_CONTENT_BYTES) return "refused";
  try {
    return Buffer.from(decompress(shrinkZstdWindow(b))).toString("hex");
  } catch (e) {
    return `error zstd: ${(e as Error).message}`;
  }
}

function now(zstd: (b: Uint8Array) => Uint8Array, b: Uint8Array): string {
  try {
    return Buffer.from(zstd(b)).toString("hex");
  } catch (e) {
    expect(e).toBeInstanceOf(DecompressError);
    return /more than the 16 MiB one message may hold/.test((e as Error).message) ? "refused" : `error ${(e as Error).message}`;
  }
}

describe("zstdOutputBound", () => {
  it("is the stated content size, else the bound of the block headers", () => {
    expect(zstdOutputBound(SIZED)).toBe(398);
    expect(zstdOutputBound(QUOTE)).toBe(131072); // one compressed block: at most 128 KiB
    expect(zstdOutputBound(RAW_RLE)).toBe(11);
    // window descriptor and a 4-byte content size (flag 2), same raw + RLE blocks
    const fcs4 = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x80, 0x68, 11, 0, 0, 0, ...RAW_RLE.subarray(6)]);
    expect(zstdOutputBound(fcs4)).toBe(11);
    expect(Buffer.from(decompress(fcs4)).toString()).toBe("hello xxxxx");
  });

  it("is undefined for what is not exactly one plain frame", () => {
    expect(zstdOutputBound(Buffer.concat([RAW_RLE, RAW_RLE]))).toBeUndefined(); // two frames
    expect(zstdOutputBound(Buffer.concat([SIZED, Buffer.from([0])]))).toBeUndefined(); // trailing byte
    expect(zstdOutputBound(SIZED.subarray(0, SIZED.length - 1))).toBeUndefined(); // truncated
    const dict = Buffer.from(RAW_RLE);
    dict[4] = 0x01; // a dictionary id byte follows
    expect(zstdOutputBound(dict)).toBeUndefined();
    const reserved = Buffer.from(SIZED);
    reserved[4] = 0x64 | 0x08;
    expect(zstdOutputBound(reserved)).toBeUndefined();
    const blockType3 = Buffer.from(RAW_RLE);
    blockType3[6] = 48 | 6;
    expect(zstdOutputBound(blockType3)).toBeUndefined();
    expect(zstdOutputBound(Buffer.from("hello world, not zstd"))).toBeUndefined();
  });
});

describe("loadZstd", () => {
  it("decodes WeChat's frames as fzstd does", async () => {
    const zstd = await loadZstd();
    for (const frame of [SIZED, QUOTE, RAW_RLE, Buffer.concat([RAW_RLE, SIZED])]) expect(now(zstd, frame)).toBe(before(frame));
    expect(Buffer.from(zstd(SIZED)).toString("utf8")).toContain("<refermsg>");
    // the lone frames are decoded by zstddec (one output array a frame), the pair by fzstd
    for (const frame of [SIZED, QUOTE, RAW_RLE]) expect(Buffer.from(decodeZstdWasm(frame)!).toString("hex")).toBe(before(frame));
    expect(decodeZstdWasm(Buffer.concat([RAW_RLE, SIZED]))).toBeUndefined();
  });

  it("gives fzstd's result or error for every damaged frame (any one byte changed)", async () => {
    const zstd = await loadZstd();
    let errors = 0;
    let refused = 0;
    for (const frame of [SIZED, QUOTE]) {
      for (let i = 4; i < frame.length; i++) {
        for (const x of [0x01, 0x80, 0xff]) {
          const bad = Buffer.from(frame);
          bad[i]! ^= x;
          const expected = before(bad);
          if (expected.startsWith("error")) errors++;
          if (expected === "refused") refused++;
          expect(now(zstd, bad), `byte ${i} ^ ${x}`).toBe(expected);
        }
      }
    }
    expect(errors).toBeGreaterThan(100); // the damage is really seen
    expect(refused).toBeGreaterThan(0); // a damaged header can state a size past the limit
  });

  it("refuses content that states or builds more than MAX_CONTENT_BYTES before allocating it", async () => {
    const zstd = await loadZstd();
    const hello = [...Buffer.from("hello")];
    // single segment, 8-byte content size of 1 GiB, then one raw block of 5 bytes (fzstd allocated 1 GiB)
    const states1G = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0xe0, 0, 0, 0, 0x40, 0, 0, 0, 0, (5 << 3) | 1, 0, 0, ...hello]);
    // a valid small frame, then the same 1 GiB frame
    const secondStates1G = Buffer.concat([RAW_RLE, states1G]);
    // no content size, 1 GiB window (descriptor 20 << 3), and a block header that runs past the end
    const window1G = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 20 << 3, 0xff, 0xff, 0x0f]);
    // no content size, 8 MiB window, 200 compressed blocks of 1 byte: up to 200 x 128 KiB
    const blocks = Buffer.concat(Array.from({ length: 200 }, (_, i) => Buffer.from([((1 << 3) | (2 << 1) | (i === 199 ? 1 : 0)) & 0xff, 0, 0, 0])));
    const manyBlocks = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x68]), blocks]);
    for (const [name, frame, need] of [["states 1 GiB", states1G, 2 ** 30], ["second frame states 1 GiB", secondStates1G, 11 + 2 ** 30], ["1 GiB window", window1G, 2 ** 30], ["200 blocks", manyBlocks, 200 * 131072]] as const) {
      expect(zstdAllocation(frame), name).toBe(need);
      const t = performance.now();
      expect(() => zstd(frame), name).toThrow(/states or builds \d+ bytes, more than the 16 MiB one message may hold/);
      expect(performance.now() - t, name).toBeLessThan(50);
    }
    // a frame within the limit still decodes
    expect(Buffer.from(zstd(RAW_RLE)).toString()).toBe("hello xxxxx");
  });

  it("keeps fzstd's judgement where the reference decoder is stricter (a wrong checksum)", async () => {
    const zstd = await loadZstd();
    const bad = Buffer.from(SIZED);
    bad[bad.length - 1]! ^= 0xff; // the content checksum: fzstd does not check it
    expect(now(zstd, bad)).toBe(Buffer.from(decompress(SIZED)).toString("hex"));
    expect(() => zstd(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x64]))).toThrow(DecompressError);
  });
});
