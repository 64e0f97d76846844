import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatOffset, formatUtc, formatWall, placeWall, wallAsUtcMs, wallTimestamp, type WallFields } from "../src/time/index.js";

// wallTimestamp remembers the last placed minute; every second must come out as placing it afresh
// would (placeWall has no cache), across DST gaps and overlaps and odd offsets.
const ZONES = ["Europe/Berlin", "America/Sao_Paulo", "Australia/Lord_Howe", "Asia/Kathmandu", "America/St_Johns", "Asia/Shanghai", "Pacific/Apia"];

function fresh(f: WallFields, zone: string) {
  const p = placeWall(wallAsUtcMs(f), zone);
  const ts = { raw: "r", wall: formatWall(f, "second"), utc: formatUtc(p.utcMs, "second"), offset: formatOffset(p.offsetMinutes), zone, basis: "assumed-zone", precision: "second" };
  return { ts, gap: !!p.gap, ambiguous: !!p.ambiguous };
}

describe("wallTimestamp's minute memo", () => {
  it("matches a fresh placement around transitions, second by second", () => {
    // 2021-03-28 02:xx Berlin (gap), 2021-10-31 02:xx Berlin (overlap), Lord Howe's 30-minute shift.
    const starts: [string, WallFields][] = [
      ["Europe/Berlin", { year: 2021, month: 3, day: 28, hour: 1, minute: 58 }],
      ["Europe/Berlin", { year: 2021, month: 10, day: 31, hour: 1, minute: 58 }],
      ["Australia/Lord_Howe", { year: 2021, month: 4, day: 4, hour: 1, minute: 28 }],
      ["Australia/Lord_Howe", { year: 2021, month: 10, day: 3, hour: 1, minute: 58 }],
    ];
    for (const [zone, s] of starts)
      for (let i = 0; i < 5 * 3600; i += 7) {
        const t = (s.hour! * 60 + s.minute!) * 60 + i;
        const f = { year: s.year, month: s.month, day: s.day, hour: Math.floor(t / 3600), minute: Math.floor(t / 60) % 60, second: t % 60 };
        const note: { gap?: boolean; ambiguous?: boolean } = {};
        const want = fresh(f, zone);
        expect(wallTimestamp("r", f, "second", zone, note), `${zone} ${JSON.stringify(f)}`).toStrictEqual(want.ts);
        expect(!!note.gap).toBe(want.gap);
        expect(!!note.ambiguous).toBe(want.ambiguous);
      }
  });

  it("matches a fresh placement for random times in random zones", () => {
    const field = fc.record({
      year: fc.integer({ min: 1900, max: 2040 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
    });
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.array(field, { minLength: 1, maxLength: 5 }), (zone, list) => {
        for (const f of list) {
          // the same minute twice (memo hit), then a different second of it
          expect(wallTimestamp("r", f, "second", zone)).toStrictEqual(fresh(f, zone).ts);
          const g = { ...f, second: (f.second + 31) % 60 };
          expect(wallTimestamp("r", g, "second", zone)).toStrictEqual(fresh(g, zone).ts);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
