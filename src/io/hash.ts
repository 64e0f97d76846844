import * as crypto from "node:crypto";
import { closeSync, fstatSync, openSync, read, readSync, statSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { HashMemo, type FileDigest } from "./hash-memo.js";
import type { InputSource } from "./source.js";
import { stringSlices } from "./string-slices.js";

const { createHash } = crypto;

// Read buffers of hashPath, reused across calls: a fresh 1 MiB per file made a WhatsApp folder with
// 25,000 photos allocate 25 GB, and garbage collection took 11 of its 28 seconds.
const spareBuffers: Buffer[] = [];

/** Files up to this size are read with synchronous calls. */
const SMALL_FILE = 1 << 20;

const readAt = (fd: number, buf: Buffer): Promise<number> =>
  new Promise((resolve, reject) => read(fd, buf, 0, buf.length, null, (e, n) => (e ? reject(e) : resolve(n))));

/** Digests of the files this process has hashed, reused while a file is unchanged ({@link HashMemo}). */
export const hashMemo = new HashMemo();

/** Options of {@link hashPath} and {@link hashSource}. */
export interface HashOptions {
  /**
   * Read the bytes even when {@link hashMemo} remembers them: for evidence (the input ledger before and
   * after reading, output hashes), which must be a reading of the bytes, not a recollection.
   */
  fresh?: boolean;
  /** The memo to consult and fill; {@link hashMemo} when not given. */
  memo?: HashMemo;
  /** Keep the digest in the memo (default true); false for a pass over more files than it holds. */
  remember?: boolean;
}

/**
 * SHA-256 and size of a file on disk, read through a reused 1 MiB buffer. (A read stream hands out a
 * new buffer per chunk, and on inputs of hundreds of MB those waited for a garbage collection in tens of
 * MiB of peak memory; inputs are hashed before and after reading.) Files up to 1 MiB are read
 * synchronously: media are hashed one by one as messages name them, and a WhatsApp folder of 25,000
 * photos spent 14 s of 18 waiting on the thread pool (~0.1 ms a call on a 2-core VM) for system
 * calls that take microseconds. Larger files read asynchronously, to EOF either way. Unless `fresh`,
 * a file hashed before and unchanged since is answered from {@link hashMemo}.
 */
export async function hashPath(path: string, options: HashOptions = {}): Promise<FileDigest> {
  const key = resolvePath(path);
  const fd = openSync(path, "r");
  let buf: Buffer | undefined;
  let other: Buffer | undefined;
  try {
    const before = fstatSync(fd, { bigint: true });
    const memo = options.memo ?? hashMemo;
    const known = options.fresh ? undefined : memo.get(key, before);
    if (known) return known;
    buf = spareBuffers.pop() ?? Buffer.allocUnsafe(1 << 20);
    const h = createHash("sha256");
    let bytes = 0;
    if (before.size <= SMALL_FILE) {
      // Reading until a read returns 0 cost a second system call per file; a short read that reaches the
      // size fstat gave is the end (a file that grows meanwhile has a new signature after, see memo.set).
      const size = Number(before.size);
      for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) {
        h.update(buf.subarray(0, n));
        bytes += n;
        if (n < buf.length && bytes === size) break;
      }
    } else {
      // Two buffers: the next read runs in the thread pool while this one is hashed.
      other = spareBuffers.pop() ?? Buffer.allocUnsafe(1 << 20);
      let pending: Promise<number> | undefined = readAt(fd, buf);
      try {
        for (let cur = buf, next = other; ; [cur, next] = [next, cur]) {
          const n = await pending;
          pending = undefined;
          if (n === 0) break;
          pending = readAt(fd, next);
          h.update(cur.subarray(0, n));
          bytes += n;
        }
      } finally {
        await pending?.catch(() => 0);
      }
    }
    const digest = { sha256: h.digest("hex"), bytes };
    if (options.remember !== false) memo.set(key, before, fstatSync(fd, { bigint: true }), digest);
    return digest;
  } finally {
    for (const b of [buf, other]) if (b && spareBuffers.length < 4) spareBuffers.push(b);
    closeSync(fd);
  }
}

/**
 * SHA-256 of one member of a container file on disk (a zip entry, `member` naming it uniquely within the
 * container), streamed from `source`. Remembered in {@link hashMemo} like a file's digest, valid while the
 * container's signature is unchanged: the reader and the html writer then inflate a zipped photo once
 * between them, not twice.
 */
export async function hashMember(containerPath: string, member: string, source: InputSource, options: HashOptions = {}): Promise<FileDigest> {
  const memo = options.memo ?? hashMemo;
  const key = `${resolvePath(containerPath)}\u0000${member}`;
  const before = statSync(containerPath, { bigint: true });
  const known = options.fresh ? undefined : memo.get(key, before);
  if (known) return known;
  const digest = await hashChunks(source.stream());
  if (options.remember !== false) memo.set(key, before, statSync(containerPath, { bigint: true }), digest, { member: true });
  return digest;
}

/** SHA-256 of a source's bytes, streamed, with the byte count (files on disk through {@link hashPath}). */
export async function hashSource(source: InputSource, options: HashOptions = {}): Promise<FileDigest> {
  if (source.path !== undefined) return hashPath(source.path, options);
  if (source.digest) return source.digest(options);
  return hashChunks(source.stream());
}

async function hashChunks(chunks: AsyncIterable<Uint8Array>): Promise<FileDigest> {
  const h = createHash("sha256");
  let bytes = 0;
  for await (const chunk of chunks) {
    h.update(chunk);
    bytes += chunk.byteLength;
  }
  return { sha256: h.digest("hex"), bytes };
}

// One-shot `crypto.hash` (Node ≥ 20.12) is about three times faster than createHash().update().digest()
// for short strings; ids are computed per message, so this matters on large inputs. Same bytes, same digest.
const oneShot = (crypto as { hash?: (algorithm: string, data: string | Uint8Array, encoding: "hex") => string }).hash;

/** SHA-256 hex of a string or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return oneShot ? oneShot("sha256", data, "hex") : createHash("sha256").update(data).digest("hex");
}

/** A short stable id fragment: the first 16 hex digits of SHA-256 of the parts joined by U+0000. */
export function shortHash(...parts: string[]): string {
  let length = 0;
  for (let i = 0; i < parts.length; i++) length += parts[i]!.length;
  if (length < LONG_HASH_INPUT) return sha256Hex(parts.join("\u0000")).slice(0, 16);
  // A message of many MB (hostile input: one 60 MB line): the join and its UTF-8 were two more copies.
  const h = createHash("sha256");
  parts.forEach((p, i) => {
    if (i > 0) h.update("\u0000");
    for (const slice of stringSlices(p, LONG_HASH_INPUT)) h.update(slice);
  });
  return h.digest("hex").slice(0, 16);
}

/** Inputs of {@link shortHash} this long (UTF-16 units) are hashed slice by slice. */
export const LONG_HASH_INPUT = 1 << 20;


