import { describe, expect, test } from "vitest";
import { wallAsUtcMs, wallTimestamp } from "../src/time/index.js";

// Regression: wallAsUtcMs shifted from the leap year 2000, so every wall time from March on in a
// non-leap year came out one day late (2013-06-23 15:52:32 Asia/Shanghai gave 2013-06-24T07:52:32Z).
describe("wallAsUtcMs across leap and non-leap years", () => {
  test.each([
    [2013, 6, 23, "2013-06-23T15:52:32.000Z"],
    [2001, 3, 1, "2001-03-01T15:52:32.000Z"],
    [2000, 3, 1, "2000-03-01T15:52:32.000Z"],
    [2024, 2, 29, "2024-02-29T15:52:32.000Z"],
    [1999, 12, 31, "1999-12-31T15:52:32.000Z"],
    [50, 7, 4, "0050-07-04T15:52:32.000Z"],
  ])("%i-%i-%i", (year, month, day, iso) => {
    expect(new Date(wallAsUtcMs({ year, month, day, hour: 15, minute: 52, second: 32 })).toISOString()).toBe(iso);
  });
  test("assumed zone gives the right day", () => {
    const ts = wallTimestamp("2013-06-23 15:52:32", { year: 2013, month: 6, day: 23, hour: 15, minute: 52, second: 32 }, "second", "Asia/Shanghai");
    expect(ts.utc).toBe("2013-06-23T07:52:32Z");
    expect(ts.offset).toBe("+08:00");
  });
});
