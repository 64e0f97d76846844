import { describe, expect, it } from "vitest";
import { placeWall, wallToInstant } from "../src/time/zone.js";

// wallToInstant caches its answer per 15-minute wall bucket; it must equal the uncached computation
// everywhere, including DST gaps and folds, half- and quarter-hour zones and odd historical offsets.
const CASES: [string, string, string][] = [
  ["Europe/Berlin", "2021-03-27T12:00:00Z", "2021-03-29T00:00:00Z"],
  ["Europe/Berlin", "2021-10-30T12:00:00Z", "2021-11-01T00:00:00Z"],
  ["America/New_York", "2022-11-05T12:00:00Z", "2022-11-07T00:00:00Z"],
  ["Australia/Lord_Howe", "2022-04-02T00:00:00Z", "2022-04-04T00:00:00Z"],
  ["Asia/Kathmandu", "1985-12-31T00:00:00Z", "1986-01-02T00:00:00Z"],
  ["Pacific/Apia", "2011-12-28T00:00:00Z", "2012-01-01T00:00:00Z"],
  ["Europe/Amsterdam", "1937-06-29T00:00:00Z", "1937-07-02T00:00:00Z"],
  ["Asia/Shanghai", "1900-12-30T00:00:00Z", "1901-01-02T00:00:00Z"],
  ["Europe/Amsterdam", "1940-05-15T00:00:00Z", "1940-05-17T00:00:00Z"],
  ["Asia/Kolkata", "1941-09-30T00:00:00Z", "1941-10-02T00:00:00Z"],
];

describe("wallToInstant cache", () => {
  for (const [zone, from, to] of CASES)
    it(`equals the uncached answer in ${zone} around ${from.slice(0, 10)}`, () => {
      const end = Date.parse(to);
      let checked = 0;
      for (let w = Date.parse(from); w < end; w += 61_000) {
        const { quarterHours: _q, ...want } = placeWall(w, zone);
        expect(wallToInstant(w, zone)).toEqual(want);
        expect(wallToInstant(w, zone)).toEqual(want); // second call served from the cache when cacheable
        checked++;
      }
      expect(checked).toBeGreaterThan(200);
    });
});

import { formatUtc, formatWall } from "../src/time/wall.js";

describe("formatUtc / formatWall fast paths", () => {
  it("match toISOString for seconds and minutes, across days, years and the epoch", () => {
    const points = [0, -1000, -86_400_000, 1483228800000, 1483228799000, 951782400000, -62135596800000, 253402300799000, 1e15 - (1e15 % 1000)];
    for (let i = 0; i < 500; i++) points.push(Math.round((i * 7919.123 - 1800) * 86_400_000 / 1000) * 1000 + i * 37_000);
    for (const ms of points) {
      const iso = new Date(ms).toISOString();
      expect(formatUtc(ms, "second")).toBe(iso.slice(0, 19) + "Z");
      expect(formatUtc(ms, "minute")).toBe(iso.slice(0, 16) + "Z");
    }
  });
  it("formats walls with the kept date text", () => {
    expect(formatWall({ year: 2017, month: 1, day: 1, hour: 0, minute: 0, second: 3 }, "second")).toBe("2017-01-01T00:00:03");
    expect(formatWall({ year: 2017, month: 1, day: 2, hour: 23, minute: 5, second: 9 }, "second")).toBe("2017-01-02T23:05:09");
    expect(formatWall({ year: 2017, month: 1, day: 2, hour: 23, minute: 5 }, "minute")).toBe("2017-01-02T23:05");
    expect(formatWall({ year: 33, month: 12, day: 31 }, "day")).toBe("0033-12-31");
    expect(formatWall({ year: 2017, month: 1, day: 2, hour: 1, minute: 2, second: 3, fraction: "5" }, "second")).toBe("2017-01-02T01:02:03.5");
  });
});
