import { closeSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { ChatportError } from "../diagnostics/errors.js";
import { makeScratchDirSync } from "../io/scratch-dirs.js";
import type { RecordStore } from "../plugin/record-store.js";

/** Bytes of records kept in memory before a spill moves them to a scratch file. */
export const SPILL_AFTER = 1 << 18;

/** Bytes read from the scratch file at once (records read in order come from one read). */
const READ_BLOCK = 1 << 16;

/**
 * Text records appended one after another and read back by byte offset, synchronously: in memory up to
 * `memoryLimit` bytes, then in a file of a private scratch folder (written in blocks of that size). The
 * per-conversation and per-person records a conversion needs at its end (manifest, cover, end records)
 * live here instead of the JS heap: 100,000 conversations kept as objects were ~1.5 KiB each.
 *
 * Records never straddle the file and the block in memory: a block is written whole. {@link close}
 * removes the folder; a run stopped by a signal leaves it to `removeScratchDirsSync` (its name carries
 * the process id).
 */
export class RecordSpill implements RecordStore {
  private block: Buffer;
  private used = 0;
  private filed = 0;
  private fd: number | undefined;
  private dir: string | undefined;
  private cache = Buffer.alloc(0);
  private cacheAt = 0;
  private cacheLength = 0;

  /** `memoryLimit` Infinity keeps everything in memory (no scratch file ever). */
  constructor(
    private readonly kind: string,
    private readonly memoryLimit = SPILL_AFTER,
  ) {
    this.block = Buffer.allocUnsafe(Math.min(4096, memoryLimit));
  }

  /** Bytes appended so far: the offset of the next record. */
  get size(): number {
    return this.filed + this.used;
  }

  /** True once the records went to a scratch file. */
  get spilled(): boolean {
    return this.fd !== undefined;
  }

  /** Appends `text` (as UTF-8) and returns its byte offset; its length is `size` after minus the offset. */
  append(text: string): number {
    const at = this.size;
    const most = text.length * 3;
    if (this.used + most > this.block.length) this.makeRoom(most);
    this.used += this.block.write(text, this.used, "utf8");
    return at;
  }

  /** The record of `length` bytes at byte `offset`, as a string of its own. */
  read(offset: number, length: number): string {
    if (offset >= this.filed) return this.block.toString("utf8", offset - this.filed, offset - this.filed + length);
    if (offset < this.cacheAt || offset + length > this.cacheAt + this.cacheLength) this.fill(offset, length);
    return this.cache.toString("utf8", offset - this.cacheAt, offset - this.cacheAt + length);
  }

  /** Closes and removes the scratch file, if one was made. Safe to call twice. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }

  /** Room for `most` more bytes: a bigger block while memory allows, else the block written out. */
  private makeRoom(most: number): void {
    if (this.fd === undefined && this.used + most <= this.memoryLimit) {
      this.resize(Math.min(this.memoryLimit, Math.max(this.block.length * 2, this.used + most)));
      return;
    }
    this.flush();
    // A record longer than a block (a title of megabytes) gets a block of its own size, until the next.
    const normal = Math.min(this.memoryLimit, SPILL_AFTER);
    if (most > this.block.length) this.block = Buffer.allocUnsafe(Math.max(most, normal));
    else if (this.block.length > normal && most <= normal) this.block = Buffer.allocUnsafe(normal);
  }

  private resize(bytes: number): void {
    const b = Buffer.allocUnsafe(bytes);
    this.block.copy(b, 0, 0, this.used);
    this.block = b;
  }

  private flush(): void {
    try {
      if (this.fd === undefined) {
        this.dir = makeScratchDirSync(this.kind);
        this.fd = openSync(join(this.dir, `${this.kind}.records`), "w+", 0o600);
      }
      for (let done = 0; done < this.used; ) done += writeSync(this.fd, this.block, done, this.used - done, this.filed + done);
    } catch (e) {
      throw spillError(e);
    }
    this.filed += this.used;
    this.used = 0;
  }

  private fill(offset: number, length: number): void {
    const want = Math.max(READ_BLOCK, length);
    if (this.cache.length < want) this.cache = Buffer.allocUnsafe(want);
    let got = 0;
    try {
      while (got < want) {
        const n = readSync(this.fd!, this.cache, got, want - got, offset + got);
        if (n === 0) break;
        got += n;
      }
    } catch (e) {
      throw spillError(e);
    }
    this.cacheAt = offset;
    this.cacheLength = got;
  }
}

function spillError(e: unknown): Error {
  const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  return new ChatportError(
    "output-failed",
    `chatport keeps the lists of a large input (its conversations and people) in a scratch file of the temporary folder, and using it failed (${code}): free some space there, or set TMPDIR to a folder with room, and run again.`,
    { cause: e },
  );
}
