import { createHash } from "node:crypto";
import { createWriteStream, writeFileSync, type WriteStream } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { once } from "node:events";
import { outputError } from "./output-errors.js";
import { stringSlices } from "./string-slices.js";

/** Where a writer's bytes go. Writers never touch `fs`; they get one of these. */
export interface OutputSink {
  /** A display name (the path, or "-" for stdout). */
  readonly name: string;
  /** Bytes written so far (queued bytes included), where the sink counts them. */
  bytesWritten?(): number;
  /**
   * Appends bytes [start, end) of a file, streamed with reading and writing overlapped, where the sink
   * can (file and stream sinks); callers fall back to reading the range and writing it.
   */
  writeFileRange?(path: string, start: number, end: number): Promise<void>;
  /**
   * Overwrites bytes already written: each edit's `data` replaces as many bytes from its `offset` on
   * (nothing is appended). File sinks only. Waits until everything queued before it is written.
   */
  patch?(edits: readonly { offset: number; data: Uint8Array }[]): Promise<void>;
  /** Queues bytes; returns a promise only when the caller must wait (a flush under back-pressure). */
  write(chunk: string | Uint8Array): void | Promise<void>;
  /** Flushes and closes; idempotent. */
  close(): Promise<void>;
}

/**
 * Copies a source's bytes into `sink`, then closes it (also on failure); returns the SHA-256 of the bytes
 * that passed, to compare with the hash taken before (a file that changed while it was copied).
 */
export async function copyHashed(source: { stream(): AsyncIterable<Uint8Array> }, sink: OutputSink): Promise<string> {
  const h = createHash("sha256");
  try {
    for await (const chunk of source.stream()) {
      h.update(chunk);
      await sink.write(chunk);
    }
  } finally {
    await sink.close();
  }
  return h.digest("hex");
}

/**
 * Writes `pieces` in order, waiting only when the sink asks to (back-pressure), not once a piece: how
 * the long end-of-run lists (manifest conversations, cover tables, json participants) are written
 * without ever being one string.
 */
export async function writePieces(sink: OutputSink, pieces: Iterable<string | Uint8Array>): Promise<void> {
  for (const p of pieces) {
    const w = sink.write(p);
    if (w) await w;
  }
}

/** Resolves on the event loop's next turn, after the I/O callbacks that are due. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const BLOCK = 1 << 18;
/**
 * Free blocks, shared by every stream sink: a block comes back once its stream has written it, and a
 * closed sink gives back its current one. A fresh 256 KiB buffer per flush left freed buffers waiting
 * for a garbage collection (10+ MiB of peak RSS), and per sink: html of a WhatsApp export with 10,000
 * photos opens a sink per copied photo, and allocating two blocks each made 5.6 s of its 23 s garbage
 * collection.
 */
const freeBlocks: Buffer[] = [];
const NO_BLOCK = Buffer.alloc(0);
const takeBlock = (): Buffer => freeBlocks.pop() ?? Buffer.allocUnsafe(BLOCK);
const giveBlock = (b: Buffer): void => {
  if (freeBlocks.length < FILE_BLOCKS_IN_FLIGHT + 2) freeBlocks.push(b);
};
/** Blocks a file sink lets queue before the writer waits (see {@link fileSink}). */
const FILE_BLOCKS_IN_FLIGHT = 16;
/** Strings longer than this (UTF-16 units) are encoded and handed on in slices of this length. */
const BIG_STRING = 1 << 20;
/** Each of the two buffers {@link OutputSink.writeFileRange} copies through. */
const COPY_BUFFER = 1 << 20;

/**
 * A sink that buffers small writes and honours back-pressure on a Node stream. Strings are encoded
 * straight into a preallocated block (`Buffer#write`), which is several times cheaper than joining them
 * and encoding the join; a full block is handed to the stream and a fresh one taken (the stream may
 * still hold the old one).
 */
export function streamSink(name: string, stream: NodeJS.WritableStream, closeStream: boolean, describeError?: (e: unknown) => Error): OutputSink & { settle(): Promise<void> } {
  let block = takeBlock();
  let used = 0;
  let closed = false;
  let total = 0; // bytes of blocks already handed on; `used` more are in the current block
  // With describeError the sink owns the stream's errors (an unheard 'error' event would crash the
  // process): the first is kept, described, and thrown by every later write, flush and close.
  let failure: Error | undefined;
  if (describeError) stream.on("error", (e: unknown) => void (failure ??= describeError(e)));
  const failed = (e: unknown): never => {
    throw failure ?? e;
  };
  const push = (data: Uint8Array, done?: () => void): void | Promise<void> => {
    if (failure) throw failure;
    if (!stream.write(data, done)) return once(stream as unknown as WriteStream, "drain").then(() => undefined, failed);
    // A stream starts its next write only once the event loop has heard that the last one finished, and a
    // writer fed without waiting on I/O (rows come from SQLite synchronously) never lets the loop turn: its
    // blocks piled up to the high-water mark, then the process sat idle while all were written at once
    // (WeChat PC3 1M → csv: 0.75 s idle in the profile, 0.05 s writing to /dev/null). A turn of the loop
    // whenever an earlier block is still queued keeps the disk writing beside the work.
    if (((stream as Partial<WriteStream>).writableLength ?? 0) > data.byteLength) return nextTurn();
  };
  const flush = (): void | Promise<void> => {
    if (used === 0) return;
    total += used;
    const full = block;
    const data = full.subarray(0, used);
    block = takeBlock();
    used = 0;
    return push(data, () => giveBlock(full));
  };
  /** A string of many MB (one huge message) is encoded a slice at a time, not into one more copy of it. */
  const writeInSlices = async (flushed: void | Promise<void>, s: string): Promise<void> => {
    await flushed;
    for (const slice of stringSlices(s, BIG_STRING)) {
      const data = Buffer.from(slice, "utf8");
      total += data.byteLength;
      await push(data);
    }
  };
  return {
    name,
    bytesWritten: () => total + used,
    write(chunk) {
      // Its block went back to the shared pool, where another sink may be filling it.
      if (closed) throw new Error(`${name}: write after close`);
      if (typeof chunk === "string") {
        // A UTF-16 code unit takes at most 3 UTF-8 bytes (a surrogate pair: 4 bytes for 2 units).
        if (chunk.length * 3 <= BLOCK - used) {
          used += block.write(chunk, used, "utf8");
          return;
        }
        const f = flush();
        if (chunk.length * 3 <= BLOCK) {
          used = block.write(chunk, 0, "utf8");
          return f;
        }
        if (chunk.length > BIG_STRING) return writeInSlices(f, chunk);
        const big = Buffer.from(chunk, "utf8");
        total += big.byteLength;
        return f ? f.then(() => push(big)) : push(big);
      }
      if (chunk.byteLength <= BLOCK - used) {
        block.set(chunk, used);
        used += chunk.byteLength;
        return;
      }
      const f = flush();
      if (chunk.byteLength <= BLOCK) {
        block.set(chunk, 0);
        used = chunk.byteLength;
        return f;
      }
      const copy = Buffer.from(chunk); // the caller may reuse its bytes once write returns
      total += copy.byteLength;
      return f ? f.then(() => push(copy)) : push(copy);
    },
    /** Hands on the current block and waits until the stream has written everything queued. */
    async settle() {
      await flush();
      if (failure) throw failure;
      // A stream writes its chunks in order: the callback of an empty one comes after all before it.
      await new Promise<void>((resolve, reject) => void stream.write(Buffer.alloc(0), (e) => (e ? reject(failure ?? e) : resolve())));
    },
    async writeFileRange(path, start, end) {
      if (end <= start) return;
      await flush();
      // Two reused buffers: one is read into while the other is being written (a read stream would hand
      // out a fresh buffer per chunk, hundreds of MiB left for the GC on a large copy).
      const fh = await open(path, "r");
      try {
        const bufs = [Buffer.allocUnsafe(COPY_BUFFER), Buffer.allocUnsafe(COPY_BUFFER)];
        let writing: Promise<void> | undefined;
        for (let pos = start, k = 0; pos < end; k ^= 1) {
          const buf = bufs[k]!;
          const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, end - pos), pos);
          if (bytesRead === 0) throw new Error(`${path} ended at byte ${pos}, before ${end}`);
          pos += bytesRead;
          await writing; // the other buffer's write: done before this one is queued, so k^1 is free next
          const data = buf.subarray(0, bytesRead);
          if (failure) throw failure;
          writing = new Promise<void>((resolve, reject) => void stream.write(data, (e) => (e ? reject(failure ?? e) : resolve())));
        }
        await writing;
      } finally {
        await fh.close();
      }
      total += end - start;
    },
    async close() {
      if (closed) return;
      closed = true;
      await flush();
      giveBlock(block); // empty: flush handed the last bytes on
      block = NO_BLOCK;
      if (closeStream) {
        const ws = stream as unknown as WriteStream;
        if (!ws.closed) {
          ws.end();
          await once(ws, "close").catch(failed);
        }
      }
      if (failure) throw failure;
    },
  };
}

/**
 * A sink writing a new file (created or truncated). The file is opened in the background: a path that
 * cannot be created fails the first write that waits, or the close, with {@link outputError}'s message.
 * {@link openFileSink} opens first and fails at once.
 */
export function fileSink(path: string): OutputSink {
  // Room for 4 MiB in flight: with the default 16 KiB mark every block waited for its own disk write,
  // and with 1 MiB a stalled disk write still left the process idle (QQ 1M → json: 0.6 s idle in the
  // profile at 1 MiB, 0.17 s at 4 MiB).
  return fileStreamSink(path);
}

/**
 * Writes a whole file (created or truncated) synchronously; errors are {@link outputError}'s ChatportErrors,
 * naming `shownAs` (the final name of a staged file) when given.
 */
export function writeFileAtOnce(path: string, data: Uint8Array, shownAs: string = path): void {
  try {
    writeFileSync(path, data);
  } catch (e) {
    throw outputError(shownAs, e);
  }
}

/**
 * Opens (creates or truncates) a file, then returns a {@link fileSink}-like sink on it; open errors are
 * clear ChatportErrors. Errors and the sink's name say `shownAs` (the final name of a staged file) when given.
 */
export async function openFileSink(path: string, shownAs: string = path): Promise<OutputSink> {
  const handle = await open(path, "w").catch((e: unknown) => {
    throw outputError(shownAs, e);
  });
  return fileStreamSink(path, handle, shownAs);
}

/** A stream sink on a file (opened by the stream, or already open), its errors described by {@link outputError}. */
function fileStreamSink(path: string, fd?: FileHandle, shownAs: string = path): OutputSink {
  const stream = createWriteStream(path, { highWaterMark: FILE_BLOCKS_IN_FLIGHT * BLOCK, ...(fd ? { fd } : {}) });
  const sink = streamSink(shownAs, stream, true, (e) => outputError(shownAs, e));
  const described = (e: unknown): never => {
    throw outputError(shownAs, e);
  };
  return {
    ...sink,
    async patch(edits) {
      const end = sink.bytesWritten!();
      for (const { offset, data } of edits)
        if (offset < 0 || offset + data.byteLength > end) throw new Error(`patch of ${path} at ${offset}+${data.byteLength} goes past the ${end} bytes written`);
      if (edits.length === 0) return;
      await sink.settle();
      // A second descriptor: the stream's own one writes at its file position, which pwrite leaves alone.
      const fh = await open(path, "r+").catch(described);
      try {
        for (const { offset, data } of edits)
          for (let done = 0; done < data.byteLength; ) done += (await fh.write(data, done, data.byteLength - done, offset + done).catch(described)).bytesWritten;
      } finally {
        await fh.close();
      }
    },
  };
}

/** A sink that collects everything in memory (tests, library callers). */
export interface MemorySink extends OutputSink {
  /** Everything written so far, as bytes. */
  bytes(): Uint8Array;
  /** Everything written so far, as UTF-8 text. */
  text(): string;
}

/** Creates a {@link MemorySink}. */
export function memorySink(name = "memory"): MemorySink {
  const parts: Buffer[] = [];
  return {
    name,
    async write(chunk) {
      parts.push(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk));
    },
    async close() {},
    bytes() {
      return Buffer.concat(parts);
    },
    text() {
      return Buffer.concat(parts).toString("utf8");
    },
  };
}
