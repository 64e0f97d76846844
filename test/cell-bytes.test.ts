import { describe, expect, it } from "vitest";
import { cellBytes } from "../src/plugin/cell-bytes.js";

describe("cellBytes", () => {
  it("takes a BLOB as it is and TEXT or a number as its UTF-8 text; nothing for NULL or empty", () => {
    const blob = Buffer.from([1, 2, 3]);
    expect(cellBytes(blob)).toBe(blob);
    expect(cellBytes(new Uint8Array([9]))).toEqual(Buffer.from([9]));
    expect(cellBytes("好")).toEqual(Buffer.from("好", "utf8"));
    expect(cellBytes(12345n)).toEqual(Buffer.from("12345"));
    expect(cellBytes(1.5)).toEqual(Buffer.from("1.5"));
    expect(cellBytes(null)).toBeUndefined();
    expect(cellBytes("")).toBeUndefined();
    expect(cellBytes(Buffer.alloc(0))).toBeUndefined();
  });
});
