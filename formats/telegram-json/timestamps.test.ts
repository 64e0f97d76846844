import { describe, expect, it } from "vitest";
import { exactTimestamp } from "../../src/time/index.js";
import { exactSecond, telegramTime, type TimeIssues } from "./timestamps.js";

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

describe("telegramTime: the offset derived from date and date_unixtime", () => {
  it("is taken when it is whole quarter hours (+05:45 Nepal, −03:00)", () => {
    expect(telegramTime("2024-01-01T15:30:00", "1704102300", undefined, {})?.offset).toBe("+05:45");
    expect(telegramTime("2024-01-01T07:00:00", "1704103200", undefined, {})?.offset).toBe("-03:00");
  });

  it("a date one minute off (hand-edited) is a mismatch, not UTC+02:59: the instant is kept, no offset invented", () => {
    const issues: TimeIssues = {};
    const ts = telegramTime("2024-01-01T12:59:00", "1704103200", undefined, issues);
    expect(issues.mismatch).toBe(true);
    expect(ts).toMatchObject({ raw: "1704103200", utc: "2024-01-01T10:00:00Z", basis: "exact" });
    expect(ts?.offset).toBeUndefined();
  });
});
