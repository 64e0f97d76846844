import { describe, expect, it } from "vitest";
import { exactTimestamp } from "../../src/time/index.js";
import { exactSecond } from "./timestamps.js";

describe("exactSecond", () => {
  it("equals exactTimestamp over runs of seconds, minutes, offsets and odd years", () => {
    const starts = [1704110400, 1704110459, 0, -1, -62135596800, 253402300799, 1483228800];
    for (const off of [0, 480, -300, 345, -720])
      for (const start of starts)
        for (let k = 0; k < 200; k += 1 + (k % 7)) {
          const sec = start + k;
          const raw = String(sec);
          expect(exactSecond(raw, sec * 1000, off), `${raw} @ ${off}`).toEqual(exactTimestamp(raw, sec * 1000, "second", { offsetMinutes: off }));
        }
  });
});
