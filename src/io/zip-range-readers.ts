import { closeSync, createReadStream, openSync, read as fsRead, readSync } from "node:fs";
import { Readable } from "node:stream";
import type yauzlTypes from "yauzl";

type Yauzl = typeof yauzlTypes;

/** A yauzl random-access reader that can let go of the descriptor it read the central directory with. */
export type RangeReader = yauzlTypes.RandomAccessReader & { releaseDirectory(): void };

/** The two range readers a zip tree reads through: a file on disk, or bytes in memory. */
export interface RangeReaders {
  FileRangeReader: new (path: string) => RangeReader;
  BufferRangeReader: new (buf: Buffer) => RangeReader;
}

/** Bytes of the central directory read at a time. */
const DIRECTORY_WINDOW = 1 << 20;
/** Entry data ranges up to this size are read synchronously in one piece. */
const SMALL_RANGE = 1 << 20;

/** Makes the range reader classes over a loaded yauzl (which is imported lazily, so they are too). */
export function rangeReaders(yauzl: Yauzl): RangeReaders {
  // yauzl reads the central directory with two small read() calls per entry, which by default open a
  // read stream each: a WhatsApp zip with 25,000 media files took 10 s (50,000 file opens) before
  // the first message. read() is served from a 1 MiB window of one descriptor instead, and the
  // descriptor is closed once the directory is read (releaseDirectory). After that, each entry a
  // message names costs a local-header read and a data range: small ones are read synchronously
  // (open, pread, close: microseconds, where a thread-pool round trip each took ~0.1 ms, 5.6 s for
  // those 25,000 photos); larger ranges stream.
  class FileRangeReader extends yauzl.RandomAccessReader {
    private fd: number | undefined;
    private window = Buffer.alloc(0);
    private windowAt = 0;
    private directoryDone = false;
    constructor(private readonly path: string) {
      super();
    }
    override _readStreamForRange(start: number, end: number): Readable {
      if (end - start <= SMALL_RANGE) {
        try {
          return Readable.from([this.readSmall(Buffer.allocUnsafe(end - start), 0, end - start, start)]);
        } catch (e) {
          return new Readable({ read() { this.destroy(e as Error); } });
        }
      }
      return createReadStream(this.path, { start, end: end - 1 }); // fs end is inclusive
    }
    /** Bytes [position, position + length) into buffer at offset, with a descriptor of its own. */
    private readSmall(buffer: Buffer, offset: number, length: number, position: number): Buffer {
      const fd = openSync(this.path, "r");
      try {
        let got = 0;
        for (let n; got < length && (n = readSync(fd, buffer, offset + got, length - got, position + got)) > 0; ) got += n;
        return buffer.subarray(offset, offset + got);
      } finally {
        closeSync(fd);
      }
    }
    override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null, bytesRead?: number) => void): void {
      if (this.directoryDone) {
        let n: number;
        try {
          n = this.readSmall(buffer, offset, length, position).length;
        } catch (e) {
          setImmediate(() => callback(e as Error));
          return;
        }
        setImmediate(() => callback(null, n));
        return;
      }
      const served = () => {
        const from = position - this.windowAt;
        const n = Math.max(0, Math.min(length, this.window.length - from));
        this.window.copy(buffer, offset, from, from + n);
        return n;
      };
      if (position >= this.windowAt && position + length <= this.windowAt + this.window.length) {
        const n = served();
        setImmediate(() => callback(null, n));
        return;
      }
      try {
        this.fd ??= openSync(this.path, "r");
      } catch (e) {
        setImmediate(() => callback(e as Error));
        return;
      }
      const size = Math.max(length, DIRECTORY_WINDOW);
      if (this.window.length !== size) this.window = Buffer.allocUnsafe(size);
      fsRead(this.fd, this.window, 0, size, position, (err, got) => {
        if (err) return callback(err);
        this.windowAt = position;
        this.window = this.window.subarray(0, got);
        callback(null, served());
      });
    }
    /** Closes the descriptor used to read the central directory. */
    releaseDirectory(): void {
      if (this.fd !== undefined) closeSync(this.fd);
      this.fd = undefined;
      this.window = Buffer.alloc(0);
      this.directoryDone = true;
    }
  }
  class BufferRangeReader extends yauzl.RandomAccessReader {
    constructor(private readonly buf: Buffer) {
      super();
    }
    override _readStreamForRange(start: number, end: number): Readable {
      return Readable.from([this.buf.subarray(start, end)]);
    }
    override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null, bytesRead?: number) => void): void {
      const n = this.buf.copy(buffer, offset, position, Math.min(this.buf.length, position + length));
      setImmediate(() => callback(null, n));
    }
    releaseDirectory(): void {}
  }
  return { FileRangeReader, BufferRangeReader };
}
