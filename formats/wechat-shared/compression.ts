/**
 * Decompressors for WeChat content columns.
 *
 * - LZ4 *block* (PC 3.x `CompressContent`: no frame, no size prefix; formats-cn.md §5.2). A hand-written
 *   decoder: the npm LZ4 packages either handle only the frame format, are native addons that fetch
 *   prebuilt binaries (lz4-napi), or are unmaintained (lz4js, last release 2017); the block format is a
 *   40-line loop, and ours checks every bound so damaged input raises instead of reading past the end.
 * - zstd (4.x `message_content` with `WCDB_CT_message_content` = 4, magic 28 B5 2F FD; §6): `zstddec`
 *   (WebAssembly) for lone frames of known output size, `fzstd` (pure JS, MIT, by the author of fflate)
 *   for the rest and whenever zstddec fails (see {@link loadZstd}); both loaded lazily; Node 20 has no
 *   built-in zstd.
 */

import { shrinkZstdWindow, zstdAllocation, zstdOutputBound } from "./zstd-window.js";

/** Raised when compressed bytes are damaged; callers report `malformed-payload` and keep the hex. */
export class DecompressError extends Error {}

/**
 * The most one message's compressed content may decode to. WeChat message content (text, app-message
 * XML, merged-forward records) is kilobytes; a cell that states or builds more is damaged or hostile
 * (compression bombs: a few bytes of zstd can state gigabytes, LZ4 expands up to 255 times) and is
 * refused before its output is allocated, so memory stays bounded on any database.
 */
export const MAX_CONTENT_BYTES = 16 * 2 ** 20;

/**
 * Decodes one raw LZ4 block. `maxOutput` bounds the result (default 256× the input, as PyWxDump does,
 * and never more than {@link MAX_CONTENT_BYTES}).
 */
export function decodeLz4Block(src: Uint8Array, maxOutput = Math.min(MAX_CONTENT_BYTES, Math.max(1024, src.length * 256))): Uint8Array {
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
let wasm: import("zstddec").ZSTDDecoder | undefined;

/**
 * Frames this size or smaller, with an output bound this size or smaller, go to the WebAssembly decoder;
 * the others to fzstd as before. The WebAssembly memory only grows: one huge (damaged) cell must not raise
 * it for the rest of the run.
 */
const WASM_MAX_BYTES = 1 << 20;

/**
 * Loads the zstd decoders once (lazy: only 4.x databases need them) and returns the decode function.
 *
 * A lone frame whose output size is known from its header or its block headers ({@link zstdOutputBound})
 * is decoded by `zstddec` (the reference C decoder compiled to WebAssembly, by the author of glTF
 * Transform; MIT/BSD): everything it needs lives in its one linear memory, so a decode leaves one array
 * of output behind. fzstd allocates 5–7 ArrayBuffers a frame (window, Huffman and FSE tables); their
 * backing stores are freed only after the scavenge that collects their small wrappers, and at 1M WeChat
 * 4.x rows (one in 32 a zstd quote) they held 20–40 MB at the peak: peak RSS 192–202 MiB, and
 * 141–150 MiB with no zstd decoding at all. zstddec is also ~2.5× faster per frame.
 *
 * zstddec reports a failure as an empty result (its return code is negative), and its result is exact
 * only for a frame that decodes; so an empty result, and every frame it is not given, is decoded by
 * fzstd exactly as before: what fzstd accepts, the text it gives and the error it raises are unchanged.
 */
export async function loadZstd(): Promise<(b: Uint8Array) => Uint8Array> {
  if (!fzstd) fzstd = await import("fzstd");
  if (!wasm) {
    const { ZSTDDecoder } = await import("zstddec");
    const decoder = new ZSTDDecoder();
    await withoutFetch(() => decoder.init());
    wasm = decoder;
  }
  const mod = fzstd;
  return (b) => {
    // A lone frame's allocation is its output bound; only other content needs the walk over frames.
    const bound = zstdOutputBound(b);
    const need = bound ?? zstdAllocation(b);
    if (need > MAX_CONTENT_BYTES)
      throw new DecompressError(`zstd: the content states or builds ${need} bytes, more than the ${MAX_CONTENT_BYTES / 2 ** 20} MiB one message may hold (a damaged or hostile cell); not decoded`);
    const out = decodeZstdWasm(b, bound);
    if (out) return out;
    try {
      return mod.decompress(shrinkZstdWindow(b));
    } catch (e) {
      throw new DecompressError(`zstd: ${(e as Error).message}`);
    }
  };
}

/**
 * zstddec's decode of `b` when it is a lone frame within the size limits and decodes to something;
 * `undefined` otherwise (not given to it, failed, empty, or {@link loadZstd} not called yet). `bound`:
 * `b`'s {@link zstdOutputBound}, when the caller has it already.
 */
export function decodeZstdWasm(b: Uint8Array, bound = zstdOutputBound(b)): Uint8Array | undefined {
  if (!wasm || b.length > WASM_MAX_BYTES) return undefined;
  if (bound === undefined || bound === 0 || bound > WASM_MAX_BYTES) return undefined;
  let out: Uint8Array;
  try {
    out = wasm.decode(b, bound);
  } catch {
    return undefined; // a trap in the WebAssembly decoder: fzstd decides, as before
  }
  return out.length > 0 ? out : undefined;
}

/**
 * Runs `start` with the global `fetch` hidden. zstddec instantiates its embedded module through
 * `fetch("data:application/wasm;base64,…")` when `fetch` exists, else from a Buffer; in Node the first
 * loads the whole HTTP client (undici) for nothing: +8.7 MiB RSS and +2.5 MiB of heap, measured. The check
 * and the call happen synchronously inside `init()`, so the global is put back before any other code runs.
 */
function withoutFetch<T>(start: () => T): T {
  const saved = Object.getOwnPropertyDescriptor(globalThis, "fetch");
  if (!saved?.configurable) return start();
  Object.defineProperty(globalThis, "fetch", { value: undefined, writable: true, enumerable: saved.enumerable ?? true, configurable: true });
  try {
    return start();
  } finally {
    Object.defineProperty(globalThis, "fetch", saved);
  }
}

const utf8 = new TextDecoder("utf-8");
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Whether `bytes` are not valid UTF-8. A full second decoding: ask only when the lenient decoding holds
 * U+FFFD (valid text may hold a real U+FFFD, EF BF BD; only this tells the two apart).
 */
export function isInvalidUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return false;
  } catch {
    return true;
  }
}

/**
 * Decompressed content as text, without the NULs that pad its end. The NULs are dropped as bytes before
 * decoding: `/\u0000+$/` on the text is retried by V8 from every NUL of a run that does not end it,
 * quadratic on content that builds 200,000 NULs then a letter (from a 1 KB LZ4 cell: 21 s).
 */
export function bytesToText(bytes: Uint8Array): string {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return utf8.decode(bytes.subarray(0, end));
}
