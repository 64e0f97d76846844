/**
 * Zips with many entries: the central directory is read through a 1 MiB window of one descriptor
 * (it was two file opens per entry: 10 s for a 25,000-photo WhatsApp zip) and kept as numbers per
 * entry (yauzl's Entry objects cost ~1.7 KiB each). Entries whose directory records straddle window
 * boundaries must list, open, inflate and pass their CRC-32 like any other; detection, the reader and
 * the attachment lookup share one tree per input.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hashSource, sha256Hex } from "../src/io/hash.js";
import { fileSource, memorySource } from "../src/io/source.js";
import { zipTree } from "../src/io/zip.js";
import { rawZip, type RawEntry } from "./helpers/raw-zip.js";

// ~30,000 directory records of 46 + ~40 bytes: 2.6 MB of directory, three windows.
const COUNT = 30_000;
const name = (i: number) => `media/PHOTO-${String(i).padStart(6, "0")}-with-a-longer-name.jpg`;
const data = (i: number) => new TextEncoder().encode(`photo ${i} `.repeat((i % 7) + 1));
const entries: RawEntry[] = [{ name: "_chat.txt", data: new TextEncoder().encode("hello\n") }];
for (let i = 0; i < COUNT; i++) entries.push({ name: name(i), data: data(i), deflate: i % 3 === 0 });
// Ranges over 1 MiB stream instead of being read in one piece: one stored, one deflated.
const big = (seed: number) => Uint8Array.from({ length: 1_600_000 }, (_, i) => (i * seed + (i >> 9)) & 0xff);
entries.push({ name: "video/big-stored.mp4", data: big(31) }, { name: "video/big-deflated.mp4", data: big(7), deflate: true });
const bytes = rawZip(entries);

describe("a zip with a large central directory", () => {
  it.each(["file", "memory"] as const)("lists every entry and opens entries from every window (%s)", async (kind) => {
    const dir = mkdtempSync(join(tmpdir(), "chatport-zipdir-"));
    const path = join(dir, "big.zip");
    writeFileSync(path, bytes);
    const tree = kind === "file" ? zipTree(fileSource(path, "big.zip", bytes.length)) : zipTree(memorySource("big.zip", bytes));
    const names = await tree.list();
    expect(names).toHaveLength(COUNT + 3);
    expect(names[0]).toBe("_chat.txt");
    expect(names[COUNT]).toBe(name(COUNT - 1));
    for (const [n, seed] of [["video/big-stored.mp4", 31], ["video/big-deflated.mp4", 7]] as const)
      expect((await hashSource((await tree.open(n))!)).sha256).toBe(sha256Hex(big(seed)));
    // Every 997th entry: spread over all windows, deflated and stored ones.
    for (let i = 0; i < COUNT; i += 997) {
      const src = (await tree.open(name(i)))!;
      expect(src.size).toBe(data(i).length);
      expect((await hashSource(src)).sha256).toBe(sha256Hex(data(i)));
    }
    expect(await tree.open("media/PHOTO-999999.jpg")).toBeUndefined();
    expect(await tree.refused()).toEqual([]);
  });

  it("one tree per input with the default limits; custom limits get their own", () => {
    const src = memorySource("x.zip", bytes);
    expect(zipTree(src)).toBe(zipTree(src));
    expect(zipTree(src, { maxEntries: 10 })).not.toBe(zipTree(src));
    expect(zipTree(memorySource("x.zip", bytes))).not.toBe(zipTree(src));
  });
});
