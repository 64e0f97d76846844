import { describe, expect, it } from "vitest";
import { exactTimestamp } from "../../src/time/index.js";
import { exactUtcSecond } from "./utc-seconds.js";

describe("exactUtcSecond", () => {
  it("equals exactTimestamp over runs of seconds, minutes and odd years", () => {
    for (const start of [1705285200, 1705285259, 0, -1, -61, -62135596800, 253402300790, 1483228800])
      for (let k = 0; k < 200; k += 1 + (k % 5)) {
        const ms = (start + k) * 1000;
        expect(exactUtcSecond(String(start + k), ms)).toEqual(exactTimestamp(String(start + k), ms, "second"));
      }
    expect(exactUtcSecond("x", 1500)).toEqual(exactTimestamp("x", 1500, "second"));
    expect(exactUtcSecond("y", 1000)).toEqual(exactTimestamp("y", 1000, "second"));
  });
});
