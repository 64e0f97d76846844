/**
 * A zstd frame written without its content size (a streaming encoder's frame) declares only a window,
 * often 8 MiB (window log 23). fzstd then allocates a buffer of the whole window for each frame and
 * shifts the whole window after each block: for a 300-byte WeChat message, 8 MiB zeroed and 8 MiB moved.
 * A 200k-row 4.x database with such a frame on every 32nd row spent 78% of its time there (profile:
 * fzstd `rzfh`, `cpw` and the garbage collector) and its peak memory rose by 100 MiB.
 *
 * Decoding never looks further back than the bytes already produced, so any window at least as large as
 * the frame's whole output decodes the frame identically. {@link shrinkZstdWindow} bounds that output
 * from the block headers (a raw or RLE block states its size; a compressed block produces at most
 * min(window, 128 KiB)) and, when the bound is below the declared window, returns a copy of the frame
 * whose window descriptor names the smallest window that holds the bound. Anything it does not fully
 * understand (several frames, trailing bytes, a reserved block type, a truncated header) is returned
 * unchanged, so fzstd judges it exactly as before.
 */
export function shrinkZstdWindow(frame: Uint8Array): Uint8Array {
  if (frame.length < 9) return frame;
  const h = frameHeader(frame, 0);
  // Only frames with a window descriptor and no content size (single-segment and sized frames are
  // already allocated by their size); bit 3 is reserved (fzstd rejects it).
  if (!h || h.window === undefined || h.size !== undefined || h.fhd & 0x08) return frame;
  const wd = frame[5]!;
  const window = h.window;
  const bound = blocksBound(frame, h.blocks, window, (h.fhd & 4) !== 0);
  if (bound === undefined || bound >= window) return frame;
  const smaller = windowDescriptor(Math.max(bound, 1));
  if (smaller === undefined || smaller === wd) return frame;
  const copy = new Uint8Array(frame);
  copy[5] = smaller;
  return copy;
}

/**
 * The size a lone zstd frame decodes to at most: its content size when the header states one, else the
 * bound its block headers give (as in {@link shrinkZstdWindow}). `undefined` for anything else: not
 * exactly one frame without a dictionary, a reserved bit or block type, a truncated block, trailing bytes.
 * The bound is only a buffer size for the decoder: a frame that does not keep to it fails to decode.
 */
export function zstdOutputBound(frame: Uint8Array): number | undefined {
  if (frame.length < 8) return undefined;
  const h = frameHeader(frame, 0);
  if (!h || h.fhd & 0x0b) return undefined; // reserved bit 3, or a dictionary id
  const bound = blocksBound(frame, h.blocks, h.window ?? h.size!, (h.fhd & 4) !== 0);
  return bound === undefined ? undefined : h.size ?? bound;
}

/** A zstd frame header: its descriptor byte, window, stated content size and where its blocks start. */
interface FrameHeader {
  fhd: number;
  /** The window a window descriptor names; undefined for a single-segment frame (its size is its window). */
  window?: number;
  /** The content size the header states, when it states one. */
  size?: number;
  /** Offset of the first block header. */
  blocks: number;
}

/** The header of the zstd frame at `p` (magic, descriptor, window, dictionary id, content size); undefined when it is not one or is cut. */
function frameHeader(data: Uint8Array, p: number): FrameHeader | undefined {
  if (p + 5 > data.length || u32(data, p) !== ZSTD_MAGIC) return undefined;
  const fhd = data[p + 4]!;
  const single = (fhd & 0x20) !== 0;
  const fcsBytes = [single ? 1 : 0, 2, 4, 8][fhd >> 6]!;
  let q = p + 5;
  if (!single && q >= data.length) return undefined;
  const window = single ? undefined : windowSize(data[q++]!);
  q += [0, 1, 2, 4][fhd & 3]!;
  if (q + fcsBytes > data.length) return undefined;
  let size: number | undefined;
  if (fcsBytes > 0) {
    size = 0;
    for (let i = fcsBytes - 1; i >= 0; i--) size = size * 256 + data[q + i]!;
    if (fcsBytes === 2) size += 256;
    q += fcsBytes;
  }
  return { fhd, ...(window !== undefined ? { window } : {}), ...(size !== undefined ? { size } : {}), blocks: q };
}

/** The window size a window descriptor byte names. */
function windowSize(wd: number): number {
  const base = 2 ** (10 + (wd >> 3));
  return base + (base / 8) * (wd & 7);
}

/**
 * Walks the blocks of a frame from `p` (its first block header) and returns the most they can produce,
 * or `undefined` when they do not end exactly at the end of `frame` (after the checksum, when present).
 */
function blocksBound(frame: Uint8Array, p: number, window: number, checksum: boolean): number | undefined {
  const walked = walkBlocks(frame, p, window, checksum);
  return walked && walked.end === frame.length ? walked.bound : undefined;
}

/**
 * Walks the blocks of a frame from `p`: the most they can produce and where the frame ends (after the
 * checksum, when present); `undefined` for a reserved block type or a block running past the end.
 */
function walkBlocks(frame: Uint8Array, p: number, window: number, checksum: boolean): { bound: number; end: number } | undefined {
  const maxBlock = Math.min(window, 131072);
  let bound = 0;
  for (;;) {
    if (p + 3 > frame.length) return undefined;
    const h = frame[p]! | (frame[p + 1]! << 8) | (frame[p + 2]! << 16);
    const type = (h >> 1) & 3;
    const size = h >>> 3;
    p += 3;
    if (type === 0) (bound += size), (p += size);
    else if (type === 1) (bound += size), (p += 1);
    else if (type === 2) (bound += maxBlock), (p += size);
    else return undefined;
    if (p > frame.length) return undefined;
    if (h & 1) break;
  }
  if (checksum) p += 4;
  return p <= frame.length ? { bound, end: p } : undefined;
}

const ZSTD_MAGIC = 0xfd2fb528;
const u32 = (b: Uint8Array, p: number): number => (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;

/**
 * The most output memory a decoder takes for `data` (zstd frames one after another, skippable frames
 * between): per frame, the content size its header states (decoders allocate it before reading a block),
 * else the bound of its blocks (what {@link shrinkZstdWindow} leaves), else its window. The walk stops at
 * the first frame it cannot read, where decoding fails too. A few bytes can state gigabytes: a database
 * cell of 20 bytes stating 1 GiB made fzstd allocate and return 1 GiB (measured), so callers refuse
 * content whose allocation passes a limit before decoding it.
 */
export function zstdAllocation(data: Uint8Array): number {
  let total = 0;
  let p = 0;
  while (p + 8 <= data.length) {
    if (u32(data, p) >>> 4 === 0x184d2a5) {
      p += 8 + u32(data, p + 4); // a skippable frame
      continue;
    }
    const h = frameHeader(data, p);
    if (!h) break;
    const blocks = walkBlocks(data, h.blocks, h.window ?? h.size ?? 0, (h.fhd & 4) !== 0);
    total += h.size ?? blocks?.bound ?? h.window ?? 0;
    if (!blocks) break;
    p = blocks.end;
  }
  return total;
}

/** The descriptor byte of the smallest window (2^(10+e) + m/8 of it) that is at least `size` bytes. */
function windowDescriptor(size: number): number | undefined {
  for (let e = 0; e < 32; e++) {
    const base = 2 ** (10 + e);
    for (let m = 0; m < 8; m++) if (base + (base / 8) * m >= size) return (e << 3) | m;
  }
  return undefined;
}
