/**
 * OutputSink.patch on file sinks (writes over bytes already written, after everything queued) and the
 * in-memory spool's ranges; and the html direct plan's heading slots (formats/html/direct-body.ts).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HEADING_ROOM, HeadingSlots, coverRoom, patchPieces, piecesBytes } from "../formats/html/direct-body.js";
import { memorySink, openFileSink } from "../src/io/sink.js";
import { memorySpool } from "../src/io/spool.js";
import type { Conversation } from "../src/model/index.js";

describe("file sink patch", () => {
  it("overwrites earlier bytes once all queued blocks are written, without moving the end", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "chatport-patch-")), "out.txt");
    const sink = await openFileSink(path);
    const body = "x".repeat(3 << 20); // more than the blocks a sink keeps in flight
    await sink.write("A".repeat(10));
    await sink.write(body);
    await sink.patch!([{ offset: 2, data: Buffer.from("bcd") }, { offset: 10 + body.length - 2, data: Buffer.from("YZ") }]);
    await sink.write("tail");
    await sink.close();
    expect(readFileSync(path, "utf8")).toBe("AAbcdAAAAA" + body.slice(0, -2) + "YZtail");
  });

  it("writes a cover of many pieces over its room in several patches (patchPieces), counting its bytes", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "chatport-patch-")), "out.txt");
    const sink = await openFileSink(path);
    // ~3.4 MB of rows with CJK and emoji: more than one patch, and UTF-8 longer than its UTF-16.
    const rows = Array.from({ length: 40_000 }, (_, i) => `<tr><td>文件 ${i} 😀</td><td>${"0".repeat(64)}</td></tr>`);
    const bytes = piecesBytes(rows);
    expect(bytes).toBe(Buffer.byteLength(rows.join("")));
    expect(piecesBytes(rows, 1000)).toBeGreaterThan(1000);
    expect(piecesBytes(rows, 1000)).toBeLessThan(1200);
    await sink.write(" ".repeat(bytes + 5));
    await sink.write("body");
    await patchPieces(sink, 0, rows);
    await sink.close();
    expect(readFileSync(path, "utf8")).toBe(rows.join("") + "     body");
  });

  it("refuses a patch past what was written", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "chatport-patch-")), "out.txt");
    const sink = await openFileSink(path);
    await sink.write("abc");
    await expect(sink.patch!([{ offset: 2, data: Buffer.from("zz") }])).rejects.toThrow(/past the 3 bytes/);
    await sink.close();
    expect(readFileSync(path, "utf8")).toBe("abc");
  });
});

describe("memory spool", () => {
  it("copies any byte range across its parts", async () => {
    const spool = memorySpool();
    for (const part of ["héllo", " ", "wörld", Buffer.from([1, 2, 3])]) spool.sink.write(part);
    const all = Buffer.concat([Buffer.from("héllo wörld"), Buffer.from([1, 2, 3])]);
    expect(spool.offset()).toBe(all.length);
    for (const [a, b] of [[0, all.length], [2, 9], [6, 7], [5, 5], [10, all.length]] as const) {
      const out = memorySink();
      await spool.copyRange(out, a, b);
      expect(Buffer.from(out.bytes())).toEqual(all.subarray(a, b));
    }
  });
});

describe("html heading slots", () => {
  const c: Conversation = { id: "qq-txt:1", platform: "qq", title: "读书会", kind: "unknown", participantIds: [], source: "chat.txt" };
  it("patches a heading whose kind or title changed within its room, padded to the same bytes", () => {
    const slots = new HeadingSlots();
    const written = slots.open(100, c);
    expect(written.endsWith(" ".repeat(HEADING_ROOM))).toBe(true);
    const [edit, ...rest] = slots.edits(() => ({ ...c, kind: "group", title: "读书会（周末）" }));
    expect(rest).toEqual([]);
    expect(edit!.offset).toBe(100);
    expect(edit!.data.length).toBe(Buffer.byteLength(written));
    expect(edit!.data.toString("utf8")).toMatch(/^<section class="conversation"><h2 dir="auto">读书会（周末） <span class="cid">qq group .*\n +$/);
  });

  it("leaves alone a heading that did not change or no longer fits its room", () => {
    const same = new HeadingSlots();
    same.open(0, c);
    expect(same.edits((x) => x)).toEqual([]);
    const long = new HeadingSlots();
    long.open(0, c);
    expect(long.edits(() => ({ ...c, title: "长".repeat(HEADING_ROOM) }))).toEqual([]);
  });

  it("settles a heading when its conversation closes and forgets the slot", () => {
    const slots = new HeadingSlots();
    slots.open(0, c);
    const d = { ...c, id: "qq-txt:2" };
    slots.open(500, d);
    slots.close({ ...c, kind: "group" });
    expect(slots.due).toBe(false);
    const [edit, ...rest] = slots.take();
    expect(rest).toEqual([]);
    expect(edit!.offset).toBe(0);
    expect(edit!.data.toString("utf8")).toContain("qq group");
    expect(slots.take()).toEqual([]);
    // Only the conversation still open is left for the end.
    expect(slots.edits((x) => ({ ...x, kind: "direct" })).map((e) => e.offset)).toEqual([500]);
    expect(slots.edits((x) => ({ ...x, kind: "direct" }))).toEqual([]);
  });

  it("is due for a patch once its edits reach 1 MiB", () => {
    const slots = new HeadingSlots();
    let at = 0;
    for (let i = 0; !slots.due; i++) {
      const ci = { ...c, id: `qq-txt:${i}` };
      at += Buffer.byteLength(slots.open(at, ci));
      slots.close({ ...ci, kind: "group" });
      expect(i).toBeLessThan(10_000);
    }
    const edits = slots.take();
    expect(edits.reduce((n, e) => n + e.data.length, 0)).toBeGreaterThanOrEqual(1 << 20);
    expect(slots.due).toBe(false);
  });

  it("leaves room for the cover in proportion to the input, within bounds", () => {
    const src = (bytes: number) => [{ path: "a", bytes, sha256: "0".repeat(64), reader: "qq-txt", readerVersion: "1.0.0" }];
    expect(coverRoom(1000, src(10))).toBe(1000 + (256 << 10));
    expect(coverRoom(1000, src(64 << 20))).toBe(1000 + (2 << 20));
    expect(coverRoom(1000, src(2 ** 40))).toBe(1000 + (16 << 20));
  });
});
