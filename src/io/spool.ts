import { createReadStream } from "node:fs";
import { join } from "node:path";
import { fileSink, type OutputSink } from "./sink.js";

/**
 * A scratch file a writer streams part of its output into, to copy it into the real output later (when
 * something that must come first, like a cover sheet with totals, is only known at the end).
 */
export interface Spool {
  /** Where the spooled bytes go. */
  readonly sink: OutputSink;
  /** Bytes spooled so far: offsets for {@link copyRange}. */
  offset(): number;
  /** Copies spooled bytes [start, end) into `target`; the first call closes the spool for writing. */
  copyRange(target: OutputSink, start: number, end: number): Promise<void>;
}

/** Opens a spool file named `name` in `dir` (a writer's private scratch folder). */
export function openSpool(dir: string, name: string): Spool {
  const path = join(dir, name);
  const sink = fileSink(path);
  let closed: Promise<void> | undefined;
  return {
    sink,
    offset: () => sink.bytesWritten!(),
    async copyRange(target, start, end) {
      await (closed ??= sink.close());
      if (end <= start) return;
      if (target.writeFileRange) return target.writeFileRange(path, start, end);
      for await (const chunk of createReadStream(path, { start, end: end - 1, highWaterMark: 1 << 18 }) as AsyncIterable<Buffer>) {
        const w = target.write(chunk);
        if (w) await w;
      }
    },
  };
}

/**
 * A spool held in memory: the same interface as {@link openSpool} for output that may stay small
 * (a writer moves to another plan once {@link Spool.offset} passes its limit).
 */
export function memorySpool(name = "memory spool"): Spool {
  const parts: Buffer[] = [];
  let total = 0;
  const sink: OutputSink = {
    name,
    bytesWritten: () => total,
    write(chunk) {
      const b = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk);
      parts.push(b);
      total += b.byteLength;
    },
    async close() {},
  };
  return {
    sink,
    offset: () => total,
    async copyRange(target, start, end) {
      let at = 0;
      for (const b of parts) {
        const from = Math.max(start, at), to = Math.min(end, at + b.byteLength);
        if (from < to) {
          const w = target.write(b.subarray(from - at, to - at));
          if (w) await w;
        }
        at += b.byteLength;
        if (at >= end) break;
      }
    },
  };
}
