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
  const fhd = frame[4]!;
  // Only frames with a window descriptor and no content size (single-segment and sized frames are
  // already allocated by their size); bit 3 is reserved (fzstd rejects it).
  if (fhd & 0x28 || fhd >> 6 !== 0) return frame;
  const wd = frame[5]!;
  const base = 2 ** (10 + (wd >> 3));
  const window = base + (base / 8) * (wd & 7);
  const maxBlock = Math.min(window, 131072);
  const dictBytes = [0, 1, 2, 4][fhd & 3]!;
  let p = 6 + dictBytes;
  let bound = 0;
  for (;;) {
    if (p + 3 > frame.length) return frame;
    const h = frame[p]! | (frame[p + 1]! << 8) | (frame[p + 2]! << 16);
    const type = (h >> 1) & 3;
    const size = h >>> 3;
    p += 3;
    if (type === 0) (bound += size), (p += size);
    else if (type === 1) (bound += size), (p += 1);
    else if (type === 2) (bound += maxBlock), (p += size);
    else return frame;
    if (h & 1) break;
  }
  if (fhd & 4) p += 4; // content checksum
  if (p !== frame.length || bound >= window) return frame;
  const smaller = windowDescriptor(Math.max(bound, 1));
  if (smaller === undefined || smaller === wd) return frame;
  const copy = new Uint8Array(frame);
  copy[5] = smaller;
  return copy;
}

/** The descriptor byte of the smallest window (2^(10+e) + m/8 of it) that is at least `size` bytes. */
function windowDescriptor(size: number): number | undefined {
  for (let e = 0; e < 32; e++) {
    const base = 2 ** (10 + e);
    for (let m = 0; m < 8; m++) if (base + (base / 8) * m >= size) return (e << 3) | m;
  }
  return undefined;
}
