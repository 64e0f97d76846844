import { fstatSync, mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { HashMemo, type FileSignature } from "../src/io/hash-memo.js";
import { hashPath, hashSource, sha256Hex } from "../src/io/hash.js";
import { fileSource, memorySource, type InputSource } from "../src/io/source.js";
import { zipTree } from "../src/io/zip.js";
import { rawZip } from "./helpers/raw-zip.js";
import type { Attachment } from "../src/model/index.js";
import type { WriteContext } from "../src/plugin/types.js";
import { MediaShelf } from "../formats/html/media.js";

const sig = (over: Partial<FileSignature> = {}): FileSignature => ({ dev: 1n, ino: 2n, size: 3n, mtimeNs: 4n, ctimeNs: 5n, ctimeMs: 0n, ...over });
const digest = { sha256: "a".repeat(64), bytes: 3 };

describe("HashMemo", () => {
  it("answers only while every part of the signature is the same", () => {
    for (const change of [{ dev: 9n }, { ino: 9n }, { size: 9n }, { mtimeNs: 9n }, { ctimeNs: 9n }] as Partial<FileSignature>[]) {
      const memo = new HashMemo({ settleMs: 0 });
      memo.set("/f", sig(), sig(), digest);
      expect(memo.get("/f", sig())).toEqual(digest);
      expect(memo.get("/f", sig(change))).toBeUndefined();
      // A stale entry is dropped, not kept for a later match.
      expect(memo.get("/f", sig())).toBeUndefined();
    }
  });

  it("keeps nothing when the file changed during the hash, recently, or the byte count disagrees", () => {
    const memo = new HashMemo({ settleMs: 2000, now: () => 10_000 });
    memo.set("/during", sig(), sig({ mtimeNs: 6n }), digest);
    memo.set("/recent", sig({ ctimeMs: 9_000n }), sig({ ctimeMs: 9_000n }), digest);
    memo.set("/short", sig(), sig(), { ...digest, bytes: 2 });
    memo.set("/settled", sig({ ctimeMs: 8_000n }), sig({ ctimeMs: 8_000n }), digest);
    expect(memo.size).toBe(1);
    expect(memo.get("/settled", sig({ ctimeMs: 8_000n }))).toEqual(digest);
  });

  it("forgets the least recently used file first", () => {
    const memo = new HashMemo({ settleMs: 0, limit: 2 });
    memo.set("/a", sig(), sig(), digest);
    memo.set("/b", sig(), sig(), digest);
    expect(memo.get("/a", sig())).toBeDefined();
    memo.set("/c", sig(), sig(), digest);
    expect(memo.get("/b", sig())).toBeUndefined();
    expect(memo.get("/a", sig())).toBeDefined();
    expect(memo.get("/c", sig())).toBeDefined();
  });
});

describe("hashPath with a memo", () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  const statOf = (p: string) => {
    const fd = openSync(p, "r");
    try {
      return fstatSync(fd, { bigint: true });
    } finally {
      closeSync(fd);
    }
  };

  it("answers an unchanged file from the memo, reads when fresh, and reads again after a write", async () => {
    dir = mkdtempSync(join(tmpdir(), "chatport-memo-"));
    const p = join(dir, "photo.jpg");
    writeFileSync(p, "first");
    const memo = new HashMemo({ settleMs: 0 });
    expect(await hashPath(p, { memo })).toEqual({ sha256: sha256Hex("first"), bytes: 5 });
    expect(memo.size).toBe(1);
    // Plant a different digest for the file's current state: only a memo answer can return it.
    const st = statOf(p);
    memo.set(p, st, st, { sha256: "f".repeat(64), bytes: 5 });
    expect((await hashPath(p, { memo })).sha256).toBe("f".repeat(64));
    expect((await hashPath(p, { memo, fresh: true })).sha256).toBe(sha256Hex("first"));
    // The fresh read stored the real digest again.
    expect((await hashPath(p, { memo })).sha256).toBe(sha256Hex("first"));
    // Same size, other bytes: the write moved the change time, so the file is read again.
    memo.set(p, statOf(p), statOf(p), { sha256: "f".repeat(64), bytes: 5 });
    await new Promise((r) => setTimeout(r, 20));
    writeFileSync(p, "other");
    expect(await hashPath(p, { memo })).toEqual({ sha256: sha256Hex("other"), bytes: 5 });
  });

  it("does not remember a file that changed just before it was hashed", async () => {
    dir = mkdtempSync(join(tmpdir(), "chatport-memo-"));
    const p = join(dir, "new.txt");
    writeFileSync(p, "x");
    const memo = new HashMemo();
    await hashPath(p, { memo });
    expect(memo.size).toBe(0);
  });
});

describe("zip entries", () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  /** Opens `name` in a zip on disk, counting how often its bytes are streamed (inflated). */
  async function openCounted(path: string, size: number, name: string) {
    const entry = (await zipTree(fileSource(path, "x.zip", size)).open(name))!;
    const counted = { entry, streams: 0 };
    const stream = entry.stream.bind(entry);
    entry.stream = () => {
      counted.streams++;
      return stream();
    };
    return counted;
  }

  it("are inflated once for several hashes while the zip is unchanged, and again when fresh or after a write", async () => {
    dir = mkdtempSync(join(tmpdir(), "chatport-memo-"));
    const p = join(dir, "x.zip");
    const photo = new Uint8Array(5000).map((_, i) => (i * 7) & 255);
    const bytes = rawZip([
      { name: "IMG-1.jpg", data: photo, deflate: true },
      { name: "IMG-2.jpg", data: photo, deflate: true },
    ]);
    writeFileSync(p, bytes);
    const memo = new HashMemo({ settleMs: 0 });
    const want = { sha256: sha256Hex(photo), bytes: 5000 };

    const first = await openCounted(p, bytes.length, "IMG-1.jpg");
    expect(await hashSource(first.entry, { memo })).toEqual(want);
    const again = await openCounted(p, bytes.length, "IMG-1.jpg");
    expect(await hashSource(again.entry, { memo })).toEqual(want);
    expect([first.streams, again.streams]).toEqual([1, 0]);
    await hashSource(again.entry, { memo, fresh: true });
    expect(again.streams).toBe(1);

    // Same bytes under another entry: its own key, so inflated itself.
    const other = await openCounted(p, bytes.length, "IMG-2.jpg");
    expect(await hashSource(other.entry, { memo })).toEqual(want);
    expect(other.streams).toBe(1);

    await new Promise((r) => setTimeout(r, 20));
    writeFileSync(p, bytes);
    const rewritten = await openCounted(p, bytes.length, "IMG-1.jpg");
    expect(await hashSource(rewritten.entry, { memo })).toEqual(want);
    expect(rewritten.streams).toBe(1);
  });
});

describe("html MediaShelf", () => {
  /** A source whose bytes differ on every read, as a file being rewritten would. */
  function changingSource(): InputSource {
    let reads = 0;
    const base = memorySource("IMG-1.jpg", "x");
    return {
      ...base,
      async *stream() {
        reads++;
        yield new TextEncoder().encode(`read ${reads}`);
      },
    };
  }

  it("hashes the bytes it copies and refuses a copy that differs from the hash it was named by", async () => {
    const reports: { code: string; message: string }[] = [];
    const written: string[] = [];
    const ctx = {
      report: (code: string, r: { message: string }) => void reports.push({ code, message: r.message }),
      openAttachment: async () => changingSource(),
      openSibling: async (name: string) => {
        written.push(name);
        return { write: async () => {}, close: async () => {} };
      },
    } as unknown as WriteContext;
    const shelf = new MediaShelf(ctx, "out_files");
    const a = { id: "a1", kind: "image", availability: "present", path: "IMG-1.jpg" } as Attachment;
    const placed = await shelf.placeAll({ attachments: [a] } as never);
    const got = placed.get(a)!;
    expect(written).toEqual([`out_files/${sha256Hex("read 1").slice(0, 16)}.jpg`]);
    expect(got.href).toBeUndefined();
    expect(got.sha256).toBe(sha256Hex("read 2"));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.code).toBe("attachment-unreadable");
    expect(reports[0]!.message).toContain("changed while it was copied");
  });

  it("shows a copy whose bytes match", async () => {
    const ctx = {
      report: () => {},
      openAttachment: async () => memorySource("IMG-1.jpg", "same"),
      openSibling: async () => ({ write: async () => {}, close: async () => {} }),
    } as unknown as WriteContext;
    const a = { id: "a1", kind: "image", availability: "present", path: "IMG-1.jpg" } as Attachment;
    const got = (await new MediaShelf(ctx, "out_files").placeAll({ attachments: [a] } as never)).get(a)!;
    expect(got).toEqual({ href: `out_files/${sha256Hex("same").slice(0, 16)}.jpg`, sha256: sha256Hex("same"), bytes: 4 });
  });
});

describe("hashPath on files read in several 1 MiB reads (two buffers, one read ahead)", () => {
  it.each([(1 << 20) + 1, 3 * (1 << 20), 5 * (1 << 20) + 12_345])("%i bytes: the digest of the bytes, in order", async (size) => {
    const dir = mkdtempSync(join(tmpdir(), "chatport-bighash-"));
    try {
      // Each MiB differs, so a swapped or repeated buffer changes the digest.
      const bytes = Buffer.alloc(size);
      for (let i = 0; i + 4 <= size; i += 4096) bytes.writeUInt32LE((i * 2654435761) >>> 0, i);
      const p = join(dir, "big.bin");
      writeFileSync(p, bytes);
      expect(await hashPath(p, { fresh: true })).toEqual({ sha256: sha256Hex(bytes), bytes: size });
      // Twice in a row and concurrently: the spare buffers are handed back and reused safely.
      const again = await Promise.all([hashPath(p, { fresh: true }), hashPath(p, { fresh: true })]);
      expect(again.map((d) => d.sha256)).toEqual([sha256Hex(bytes), sha256Hex(bytes)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
