/** src/io/zip.ts: a read-only tree over a zip, zip-slip names refused, bomb caps, streamed entries. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isChatportError } from "../src/diagnostics/errors.js";
import { hashSource, sha256Hex } from "../src/io/hash.js";
import { fileSource, memorySource } from "../src/io/source.js";
import { isZipHeader, zipTree } from "../src/io/zip.js";
import { rawZip } from "./helpers/raw-zip.js";

const enc = (s: string) => new TextEncoder().encode(s);

describe("zipTree", () => {
  const bytes = rawZip([
    { name: "_chat.txt", data: enc("hello\n"), deflate: true },
    { name: "media/IMG-1.jpg", data: new Uint8Array([1, 2, 3]) },
    { name: "../evil.txt", data: enc("x") },
    { name: "/etc/passwd", data: enc("x") },
    { name: "C:/windows/win.ini", data: enc("x") },
    { name: "a/../../up.txt", data: enc("x") },
    { name: "dir/", data: new Uint8Array(0) },
    { name: "_chat.txt", data: enc("second copy") },
  ]);

  it("lists safe files only and says which entries it refused", async () => {
    expect(isZipHeader(bytes)).toBe(true);
    const tree = zipTree(memorySource("x.zip", bytes));
    expect(await tree.list()).toEqual(["_chat.txt", "media/IMG-1.jpg"]);
    const refused = await tree.refused();
    expect(refused.map((r) => r.name)).toEqual(["../evil.txt", "/etc/passwd", "C:/windows/win.ini", "a/../../up.txt", "_chat.txt"]);
    expect(refused[0]!.reason).toMatch(/zip-slip/);
    expect(refused[4]!.reason).toMatch(/duplicate/);
    expect(await tree.open("../evil.txt")).toBeUndefined();
    expect(await tree.open("media/../../evil.txt")).toBeUndefined();
  });

  it("streams (and inflates) entries, from memory and from a file on disk", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatport-zip-"));
    const path = join(dir, "x.zip");
    writeFileSync(path, bytes);
    for (const src of [memorySource("x.zip", bytes), fileSource(path, "x.zip", bytes.length)]) {
      const tree = zipTree(src);
      const chat = (await tree.open("_chat.txt"))!;
      expect(chat.size).toBe(6);
      expect(await hashSource(chat)).toEqual({ sha256: sha256Hex("hello\n"), bytes: 6 });
      expect(Buffer.from(await chat.head(4)).toString()).toBe("hell");
      expect(chat.parent).toBe(tree);
      const img = (await tree.open("media//./IMG-1.jpg"))!;
      expect((await hashSource(img)).sha256).toBe(sha256Hex(new Uint8Array([1, 2, 3])));
    }
  });

  it("refuses zip bombs by declared sizes and ratio, with a clear error", async () => {
    const zeros = new Uint8Array(200_000);
    const bomb = rawZip([{ name: "big.txt", data: zeros, deflate: true }]);
    const cases = [
      zipTree(memorySource("b.zip", bomb), { maxEntryBytes: 100_000 }),
      zipTree(memorySource("b.zip", bomb), { ratioFloorBytes: 1000, maxRatio: 50 }),
      zipTree(memorySource("b.zip", bomb), { maxTotalBytes: 150_000 }),
      zipTree(memorySource("o.zip", rawZip([{ name: "a.txt", data: zeros, deflate: true, aliases: ["b.txt", "c.txt", "d.txt"] }]))),
    ];
    for (const t of cases) {
      const err = await t.list().then(() => undefined, (e: unknown) => e);
      expect(isChatportError(err), String(err)).toBe(true);
      expect((err as Error).message).toMatch(/zip bomb/);
      expect((err as { kind: string }).kind).toBe("input-damaged");
    }
    expect(await zipTree(memorySource("b.zip", bomb)).list()).toEqual(["big.txt"]);
  });

  it("refuses many entries each under the per-entry ratio floor that expand too far together", async () => {
    const zeros = new Uint8Array(100_000);
    const many = rawZip(Array.from({ length: 12 }, (_, i) => ({ name: `p${i}.jpg`, data: zeros, deflate: true })));
    // Each entry is under the 1 MB per-entry floor; the 1.2 MB they make in all is over the archive's.
    const limits = { ratioFloorBytes: 1_000_000, archiveRatioFloorBytes: 500_000, maxRatio: 50 };
    const err = await zipTree(memorySource("m.zip", many), limits).list().then(() => undefined, (e: unknown) => e);
    expect(err).toMatchObject({ kind: "input-damaged", message: expect.stringMatching(/m\.zip looks like a zip bomb: its \d+ bytes would expand to 1200000 \(\d+:1 over the whole archive\)/) });
    // Below the archive floor, the same archive is read.
    expect(await zipTree(memorySource("m.zip", many), { ...limits, archiveRatioFloorBytes: 2_000_000 }).list()).toHaveLength(12);
  });

  it("turns a damaged or non-zip input into one clean error", async () => {
    for (const b of [enc("PK\u0003\u0004 not really"), bytes.subarray(0, bytes.length - 30), new Uint8Array(0)]) {
      const err = await zipTree(memorySource("bad.zip", b)).list().then(() => undefined, (e: unknown) => e);
      expect(isChatportError(err), String(err)).toBe(true);
    }
  });

  it("reports a corrupted entry body while streaming", async () => {
    const good = rawZip([{ name: "a.txt", data: enc("abcdefgh") }]);
    const bad = Buffer.from(good);
    bad[30 + 5 + 2] = 0x58; // flip a data byte: the CRC no longer matches
    const entry = (await zipTree(memorySource("c.zip", bad)).open("a.txt"))!;
    const err = await hashSource(entry).then(() => undefined, (e: unknown) => e);
    expect(isChatportError(err), String(err)).toBe(true);
  });
});
