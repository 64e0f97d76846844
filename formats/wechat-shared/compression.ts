/**
 * Decompressors for WeChat content columns.
 *
 * - LZ4 *block* (PC 3.x `CompressContent`: no frame, no size prefix; formats-cn.md §5.2). A hand-written
 *   decoder: the npm LZ4 packages either handle only the frame format, are native addons that fetch
 *   prebuilt binaries (lz4-napi), or are unmaintained (lz4js, last release 2017); the block format is a
 *   40-line loop, and ours checks every bound so damaged input raises instead of reading past the end.
 * - zstd (4.x `message_content` with `WCDB_CT_message_content` = 4, magic 28 B5 2F FD; §6): `fzstd`, a
 *   pure-JS decoder (MIT, by the author of fflate), loaded lazily; Node 20 has no built-in zstd.
 */

import { shrinkZstdWindow } from "./zstd-window.js";

/** Raised when compressed bytes are damaged; callers report `malformed-payload` and keep the hex. */
export class DecompressError extends Error {}

/** Decodes one raw LZ4 block. `maxOutput` bounds the result (default 256× the input, as PyWxDump does). */
export function decodeLz4Block(src: Uint8Array, maxOutput = Math.max(1024, src.length * 256)): Uint8Array {
  let out = new Uint8Array(Math.min(maxOutput, Math.max(64, src.length * 4)));
  let o = 0;
  let i = 0;
  const ensure = (n: number): void => {
    if (o + n <= out.length) return;
    if (o + n > maxOutput) throw new DecompressError("LZ4 output exceeds the size limit");
    let size = out.length * 2;
    while (size < o + n) size *= 2;
    const next = new Uint8Array(Math.min(size, maxOutput));
    next.set(out.subarray(0, o));
    out = next;
  };
  const readLength = (base: number): number => {
    let len = base;
    if (base === 15) {
      let b: number;
      do {
        if (i >= src.length) throw new DecompressError("LZ4 length runs past the end");
        b = src[i++]!;
        len += b;
      } while (b === 255);
    }
    return len;
  };
  while (i < src.length) {
    const token = src[i++]!;
    const litLen = readLength(token >> 4);
    if (i + litLen > src.length) throw new DecompressError("LZ4 literals run past the end");
    ensure(litLen);
    out.set(src.subarray(i, i + litLen), o);
    o += litLen;
    i += litLen;
    if (i >= src.length) break; // the last sequence has literals only
    if (i + 2 > src.length) throw new DecompressError("LZ4 offset runs past the end");
    const offset = src[i]! | (src[i + 1]! << 8);
    i += 2;
    if (offset === 0 || offset > o) throw new DecompressError("LZ4 match offset out of range");
    const matchLen = readLength(token & 15) + 4;
    ensure(matchLen);
    for (let k = 0; k < matchLen; k++, o++) out[o] = out[o - offset]!; // byte by byte: matches may overlap
  }
  return out.subarray(0, o);
}

/** True when bytes start with the zstd frame magic 28 B5 2F FD. */
export function isZstd(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x28 && bytes[1] === 0xb5 && bytes[2] === 0x2f && bytes[3] === 0xfd;
}

let fzstd: typeof import("fzstd") | undefined;

/** Loads the zstd decoder once (lazy: only 4.x databases need it). */
export async function loadZstd(): Promise<(b: Uint8Array) => Uint8Array> {
  if (!fzstd) fzstd = await import("fzstd");
  const mod = fzstd;
  return (b) => {
    try {
      return mod.decompress(shrinkZstdWindow(b));
    } catch (e) {
      throw new DecompressError(`zstd: ${(e as Error).message}`);
    }
  };
}

const utf8 = new TextDecoder("utf-8");

/** Decompressed bytes as text, with the trailing `\0` padding WeChat leaves removed. */
export function bytesToText(bytes: Uint8Array): string {
  return utf8.decode(bytes).replace(/\u0000+$/g, "");
}
