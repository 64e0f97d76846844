/**
 * Strings of over a million UTF-16 units (one huge message) are encoded and written a slice at a time
 * (src/io/string-slices.ts): the file must hold exactly the string's UTF-8, in order with the writes
 * around it, whatever stands at a slice boundary.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openFileSink } from "../src/io/sink.js";
import { stringSlices } from "../src/io/string-slices.js";

const M = 1 << 20;

describe("stringSlices", () => {
  it("cuts at the size, one unit earlier where a surrogate pair would be cut, and joins back to the string", () => {
    const s = "a".repeat(9) + "😀" + "b".repeat(8) + "\ud800" + "c";
    const slices = [...stringSlices(s, 10)];
    expect(slices.join("")).toBe(s);
    expect(slices.map((x) => x.length)).toEqual([9, 10, 2]);
    expect(slices[1]!.startsWith("😀")).toBe(true);
  });

  it("never loops on a slice of one unit", () => {
    expect([...stringSlices("\ud83d\ude00\ud83d", 1)]).toEqual(["\ud83d", "\ude00", "\ud83d"]);
    expect([...stringSlices("", 4)]).toEqual([]);
  });
});

describe("file sink: a string of many MB", () => {
  it("writes its exact UTF-8 between the writes around it", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "chatport-bigstr-")), "out.txt");
    const big = "好".repeat(M - 1) + "😀" + "x".repeat(M) + "é".repeat(M / 2) + "\ud800" + "end";
    const sink = await openFileSink(path);
    await sink.write("head,");
    await sink.write(big);
    await sink.write(",tail");
    await sink.close();
    const want = Buffer.from("head," + big + ",tail", "utf8");
    expect(readFileSync(path).equals(want)).toBe(true);
    expect(sink.bytesWritten!()).toBe(want.byteLength);
  });
});
