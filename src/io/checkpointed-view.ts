import { readRange, type InputSource } from "./source.js";

/** Where a chunk of a view starts in the view and in the file, at a point the transform holds nothing back. */
export interface Checkpoint {
  view: number;
  file: number;
}

/**
 * A streamed byte transform whose output from a checkpoint on depends only on the file's bytes from
 * there: it tells `mark` where each chunk it starts with nothing held back begins, and can start at a
 * checkpoint (`start`) with a fresh state.
 */
export type CheckpointedTransform = (
  chunks: AsyncIterable<Uint8Array>,
  mark: ((at: Checkpoint) => void) | undefined,
  start: Checkpoint,
) => AsyncIterable<Uint8Array>;

/**
 * A view of a file through a transform that changes byte counts (line ends collapsed, text transcoded),
 * for parsers that find parts by the view's offsets. `range` maps a view offset back to the file through
 * the checkpoints recorded while the view is streamed (one per chunk, a few bytes each), so a part found
 * by a first pass is read again from the nearest checkpoint, not from the file's start. `size` must be
 * an upper bound of the view's size (range reads up to it).
 */
export function checkpointedView(source: InputSource, transform: CheckpointedTransform, size: number): InputSource {
  const checkpoints: Checkpoint[] = [{ view: 0, file: 0 }];
  const mark = (at: Checkpoint): void => {
    if (at.view > checkpoints[checkpoints.length - 1]!.view) checkpoints.push(at);
  };
  const stream = () => transform(source.stream(), mark, { view: 0, file: 0 });
  return {
    kind: "file",
    name: source.name,
    size,
    ...(source.parent ? { parent: source.parent } : {}),
    stream,
    async head(n: number) {
      const out = new Uint8Array(n);
      let got = 0;
      for await (const c of stream()) {
        const take = Math.min(c.length, n - got);
        out.set(c.subarray(0, take), got);
        got += take;
        if (got >= n) break;
      }
      return out.subarray(0, got);
    },
    async *range(start: number, end: number) {
      if (end <= start) return;
      // The last checkpoint at or before `start`: the view from there is the file from there, transformed.
      let lo = 0;
      let hi = checkpoints.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (checkpoints[mid]!.view <= start) lo = mid;
        else hi = mid - 1;
      }
      const from = checkpoints[lo]!;
      let pos = from.view;
      for await (const c of transform(readRange(source, from.file, source.size), undefined, from)) {
        const next = pos + c.length;
        if (next > start) {
          const a = Math.max(0, start - pos);
          const b = Math.min(c.length, end - pos);
          if (b > a) yield c.subarray(a, b);
        }
        pos = next;
        if (pos >= end) return;
      }
    },
  };
}
