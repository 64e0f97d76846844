import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";

/** Where a writer's bytes go. Writers never touch `fs`; they get one of these. */
export interface OutputSink {
  /** A display name (the path, or "-" for stdout). */
  readonly name: string;
  /** Queues bytes; returns a promise only when the caller must wait (a flush under back-pressure). */
  write(chunk: string | Uint8Array): void | Promise<void>;
  /** Flushes and closes; idempotent. */
  close(): Promise<void>;
}

const FLUSH_AT = 1 << 18;

/** A sink that buffers small writes and honours back-pressure on a Node stream. */
export function streamSink(name: string, stream: NodeJS.WritableStream, closeStream: boolean): OutputSink {
  let buffered: (string | Uint8Array)[] = [];
  let size = 0;
  let closed = false;
  const flush = async () => {
    if (size === 0) return;
    const parts = buffered;
    buffered = [];
    size = 0;
    const data = parts.every((p) => typeof p === "string")
      ? Buffer.from((parts as string[]).join(""), "utf8")
      : Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));
    if (!stream.write(data)) await once(stream as unknown as WriteStream, "drain");
  };
  return {
    name,
    write(chunk) {
      buffered.push(chunk);
      size += typeof chunk === "string" ? chunk.length * 3 : chunk.byteLength;
      if (size >= FLUSH_AT) return flush();
    },
    async close() {
      if (closed) return;
      closed = true;
      await flush();
      if (closeStream) {
        const ws = stream as unknown as WriteStream;
        ws.end();
        await once(ws, "close");
      }
    },
  };
}

/** A sink writing a new file (created or truncated). */
export function fileSink(path: string): OutputSink {
  return streamSink(path, createWriteStream(path), true);
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
