import type { BigIntStats } from "node:fs";

/** A file's SHA-256 and size. */
export interface FileDigest {
  sha256: string;
  bytes: number;
}

/** What identifies one state of a file on disk: same device, inode, size and change times. */
export type FileSignature = Pick<BigIntStats, "dev" | "ino" | "size" | "mtimeNs" | "ctimeNs" | "ctimeMs">;

/** Options of a {@link HashMemo}. */
export interface HashMemoOptions {
  /** Files remembered at most; the least recently used is forgotten first. Default 32,768. */
  limit?: number;
  /**
   * A file whose status changed less than this many ms before it was hashed is not remembered. Default
   * 2,000: file systems stamp changes coarsely (FAT/exFAT mtimes in 2 s steps, Linux in clock ticks), so
   * a write right after the hash could leave the stamps as they were (git's "racily clean" problem).
   */
  settleMs?: number;
  /** The clock, in ms since the epoch (tests). */
  now?: () => number;
}

/**
 * One remembered digest. A class, so every entry shares one shape: object literals made by spreading
 * the digest (`{ ...digest, dev, … }`) got a hidden class and descriptor array each, ~300 bytes an entry
 * on top of the values (measured on 25,000 remembered files).
 */
class Entry implements FileDigest {
  constructor(
    readonly sha256: string,
    readonly bytes: number,
    readonly dev: bigint,
    readonly ino: bigint,
    readonly size: bigint,
    readonly mtimeNs: bigint,
    readonly ctimeNs: bigint,
  ) {}
}

/**
 * Digests of files already hashed in this process, keyed by path and valid only while the file's
 * signature (device, inode, size, modification and status-change times) is unchanged. Any write to a
 * file moves its status-change time, which no program can set back, so an unchanged signature means
 * unchanged bytes.
 *
 * Why: one conversion hashed each media file of an export folder three to five times (the input ledger
 * before reading, the reader recording the attachment, the html writer naming its copy, the ledger after
 * reading). The ledger's two hashes are the evidence and are always read ({@link hashPath}'s `fresh`);
 * the others now come from here.
 */
export class HashMemo {
  private readonly entries = new Map<string, Entry>();
  private readonly limitCount: number;
  private readonly settleMs: number;
  private readonly now: () => number;

  constructor(options: HashMemoOptions = {}) {
    this.limitCount = options.limit ?? 32_768;
    this.settleMs = options.settleMs ?? 2_000;
    this.now = options.now ?? Date.now;
  }

  /** The digest remembered for `path` in the state `sig`, if any. */
  get(path: string, sig: FileSignature): FileDigest | undefined {
    const e = this.entries.get(path);
    if (!e) return undefined;
    if (e.dev !== sig.dev || e.ino !== sig.ino || e.size !== sig.size || e.mtimeNs !== sig.mtimeNs || e.ctimeNs !== sig.ctimeNs) {
      this.entries.delete(path);
      return undefined;
    }
    // Most recently used last, so the first key is the one to forget.
    this.entries.delete(path);
    this.entries.set(path, e);
    return { sha256: e.sha256, bytes: e.bytes };
  }

  /**
   * Remembers the digest of `path`, read between the states `before` and `after` (status taken before
   * the first read and after the last); nothing is kept if the file changed meanwhile or too recently.
   * With `member`, `path` names a part of the file (a zip entry) and the signatures are the file's.
   */
  set(path: string, before: FileSignature, after: FileSignature, digest: FileDigest, options: { member?: boolean } = {}): void {
    if (before.dev !== after.dev || before.ino !== after.ino || before.size !== after.size || before.mtimeNs !== after.mtimeNs || before.ctimeNs !== after.ctimeNs) return;
    if (!options.member && BigInt(digest.bytes) !== after.size) return;
    if (this.now() - Number(after.ctimeMs) < this.settleMs) return;
    this.entries.delete(path);
    if (this.entries.size >= this.limitCount) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(path, new Entry(digest.sha256, digest.bytes, after.dev, after.ino, after.size, after.mtimeNs, after.ctimeNs));
  }

  /** Files remembered at most. */
  get limit(): number {
    return this.limitCount;
  }

  /** Files remembered. */
  get size(): number {
    return this.entries.size;
  }

  /** Forgets everything. */
  clear(): void {
    this.entries.clear();
  }
}
