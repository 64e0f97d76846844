import { describe, expect, it } from "vitest";
import { decompress } from "fzstd";
import { shrinkZstdWindow } from "./zstd-window.js";

// The zstd frame of samples/wechat-v4/db-storage-group (a quote, written without its content size and with
// an 8 MiB window, as a streaming encoder writes it).
const QUOTE = Buffer.from(
  "28b52ffd0468fd0800b20f382c606f1bd08ee792249135dd5bf401d3fcc7510b59816bad099813a2680a86011065d740028d564d2975340c7396b1c1397f3e25506ad036cad5cc31f7b0fe7ebe6815f370ba0ad347986eb27492a75b1e621e8adfcf3fa17a09f3f2645a16835e48f11ee3cef7e7574a350e25e2cf07455173aff12538c2361068b530a09ad51b028a7af1f3355a692dd89b7564578d1758ff7c6eb378a4f0f976e3fbf3339d7e01c1481fd867d335ab58aae20aa558163f78e66f25959de3ee4ccaeee66c1cbdb78c0d3ec022240d54d98562de1a47b20738413ce050e90d71d60bc5cd13491808a00a295848072c41d69a4b3704eb3c5db52334cf6d4a0008ebd4f1d76021d8e43da83a9f5ae3723bb919c28953583c2937038ac754a7e23abe65be733227",
  "hex",
);
/** A frame without content size (window 8 MiB): a raw block "hello " then an RLE block of five "x". */
const RAW_RLE = new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x68, 48, 0, 0, ...Buffer.from("hello "), 43, 0, 0, 0x78]);
const windowOf = (wd: number) => 2 ** (10 + (wd >> 3)) * (1 + (wd & 7) / 8);

describe("shrinkZstdWindow", () => {
  it("shrinks the window of a frame without content size and decodes it identically", () => {
    const small = shrinkZstdWindow(QUOTE);
    expect(windowOf(QUOTE[5]!)).toBe(8 * 1024 * 1024);
    expect(windowOf(small[5]!)).toBe(128 * 1024); // one compressed block: at most 128 KiB of output
    expect(Buffer.from(decompress(small))).toEqual(Buffer.from(decompress(QUOTE)));
    expect(Buffer.from(decompress(small)).toString("utf8")).toContain("<refermsg>");
    expect(QUOTE[5]).toBe(0x68); // the input is not changed
  });

  it("bounds raw and RLE blocks by their stated sizes", () => {
    const small = shrinkZstdWindow(RAW_RLE);
    expect(small[5]).toBe(0); // 11 bytes of output: the smallest window (1 KiB)
    expect(Buffer.from(decompress(small)).toString()).toBe("hello xxxxx");
    expect(Buffer.from(decompress(RAW_RLE)).toString()).toBe("hello xxxxx");
  });

  it("leaves alone what it does not fully understand", () => {
    const two = new Uint8Array([...RAW_RLE, ...RAW_RLE]);
    expect(shrinkZstdWindow(two)).toBe(two); // several frames
    const truncated = RAW_RLE.subarray(0, RAW_RLE.length - 1);
    expect(shrinkZstdWindow(truncated)).toBe(truncated);
    const sized = new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0x20, 6, 49, 0, 0, ...Buffer.from("hello!")]); // single segment, size 6
    expect(shrinkZstdWindow(sized)).toBe(sized);
    const reserved = Uint8Array.from(RAW_RLE);
    reserved[6] = 48 | 6; // block type 3 (reserved)
    expect(shrinkZstdWindow(reserved)).toBe(reserved);
  });
});
