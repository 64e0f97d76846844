import { describe, expect, it } from "vitest";
import { encodedBatches } from "./file.js";

const bytesOf = (pieces: string[]) => Buffer.concat([...encodedBatches(pieces)]);

describe("encodedBatches", () => {
  it("gives the UTF-8 of the joined pieces, short pieces joined into batches", () => {
    const pieces = Array.from({ length: 5000 }, (_, i) => `{"n":${i},"t":"成员😀"}`);
    const batches = [...encodedBatches(pieces)];
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.length).toBeLessThan(pieces.length / 100);
    expect(Buffer.concat(batches).equals(Buffer.from(pieces.join(""), "utf8"))).toBe(true);
  });

  it("encodes a piece of many MB a slice at a time, never cutting a surrogate pair", () => {
    // One emoji pair straddles every slice boundary when the piece is shifted by one unit.
    for (const lead of ["", "x"]) {
      const huge = lead + "😀".repeat(1 << 19);
      const pieces = ["before,", huge, ",after"];
      const batches = [...encodedBatches(pieces)];
      for (const b of batches) expect(b.byteLength).toBeLessThanOrEqual(3 * (1 << 16));
      expect(Buffer.concat(batches).equals(Buffer.from(pieces.join(""), "utf8"))).toBe(true);
      expect(Buffer.concat(batches).includes(Buffer.from("\ufffd", "utf8"))).toBe(false);
    }
  });

  it("keeps the order of pieces around a long one", () => {
    const long = "a".repeat(200_000);
    expect(bytesOf(["1", long, "2", "3"]).toString("utf8")).toBe("1" + long + "23");
  });
});
