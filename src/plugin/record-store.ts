/**
 * Text records appended one after another and read back by byte offset: record `k` starts where `size`
 * stood before it was appended and ends where `size` stands after. Kept as UTF-8 bytes, a record costs
 * its bytes, not a string, an object per field and a map entry (see ParticipantBook).
 */
export interface RecordStore {
  /** Bytes appended so far: the offset of the next record. */
  readonly size: number;
  /** Appends `text` as UTF-8 and returns its offset. */
  append(text: string): number;
  /** The record of `length` bytes at `offset`, as a string of its own. */
  read(offset: number, length: number): string;
}

/** Bytes of each block of {@link MemoryRecords}. */
const BLOCK = 1 << 16;

/**
 * A {@link RecordStore} in memory, in blocks of 64 KiB outside the JS heap (a record may straddle two):
 * it grows a block at a time, never by copying what it holds. The pipeline's stores move to a scratch
 * file past a MiB (pipeline/record-spill.ts); readers, which touch no files, keep theirs here.
 */
export class MemoryRecords implements RecordStore {
  private readonly blocks: Buffer[] = [];
  private bytes = 0;

  get size(): number {
    return this.bytes;
  }

  append(text: string): number {
    const at = this.bytes;
    const pos = at % BLOCK;
    if (this.blocks.length * BLOCK <= at) this.blocks.push(Buffer.allocUnsafe(BLOCK));
    const block = this.blocks[this.blocks.length - 1]!;
    if (text.length * 3 <= BLOCK - pos) {
      this.bytes += block.write(text, pos, "utf8");
      return at;
    }
    const data = Buffer.from(text, "utf8");
    for (let done = 0; done < data.length; ) {
      const end = this.bytes % BLOCK;
      if (end === 0 && done > 0) this.blocks.push(Buffer.allocUnsafe(BLOCK));
      const n = data.copy(this.blocks[this.blocks.length - 1]!, end, done);
      done += n;
      this.bytes += n;
    }
    return at;
  }

  read(offset: number, length: number): string {
    const first = Math.floor(offset / BLOCK);
    const pos = offset % BLOCK;
    if (pos + length <= BLOCK) return this.blocks[first]!.toString("utf8", pos, pos + length);
    const out = Buffer.allocUnsafe(length);
    for (let done = 0, b = first, p = pos; done < length; b++, p = 0) done += this.blocks[b]!.copy(out, done, p, Math.min(BLOCK, p + length - done));
    return out.toString("utf8");
  }
}
