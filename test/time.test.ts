import { describe, expect, it } from "vitest";
import { exactTimestamp, formatUtc, isRepresentableInstant, offsetTimestamp, parseOffset, wallTimestamp } from "../src/time/index.js";
import { checkZone, offsetAt, wallToInstant } from "../src/time/zone.js";
import { isValidWall, wallAsUtcMs } from "../src/time/wall.js";

const f = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0) => ({ year, month, day, hour, minute, second });

describe("wall-clock timestamps", () => {
  it("stay floating without a zone: no instant is invented", () => {
    expect(wallTimestamp("2017-01-01 8:36:52", f(2017, 1, 1, 8, 36, 52), "second")).toEqual({
      raw: "2017-01-01 8:36:52", wall: "2017-01-01T08:36:52", basis: "floating", precision: "second",
    });
  });

  it("get utc and offset from an assumed zone, across non-leap years", () => {
    const ts = wallTimestamp("2019-09-23 20:43:38", f(2019, 9, 23, 20, 43, 38), "second", "Asia/Shanghai");
    expect(ts).toMatchObject({ utc: "2019-09-23T12:43:38Z", offset: "+08:00", zone: "Asia/Shanghai", basis: "assumed-zone" });
  });

  it("use historical rules (China observed DST in 1988)", () => {
    expect(wallTimestamp("x", f(1988, 7, 1, 12), "second", "Asia/Shanghai")).toMatchObject({ utc: "1988-07-01T03:00:00Z", offset: "+09:00" });
  });

  it("move a DST-gap time forward, keeping wall, offset and utc consistent", () => {
    const note: { gap?: boolean } = {};
    const ts = wallTimestamp("x", f(2021, 3, 28, 2, 30), "second", "Europe/Berlin", note);
    expect(note.gap).toBe(true);
    expect(ts).toMatchObject({ wall: "2021-03-28T02:30:00", utc: "2021-03-28T01:30:00Z", offset: "+01:00" });
  });

  it("take the earlier instant in a DST fold", () => {
    const placed = wallToInstant(wallAsUtcMs(f(2021, 10, 31, 2, 30)), "Europe/Berlin");
    expect(placed.ambiguous).toBe(true);
    expect(new Date(placed.utcMs).toISOString()).toBe("2021-10-31T00:30:00.000Z");
  });

  it("cut wall and utc at the source's precision (no invented seconds)", () => {
    expect(wallTimestamp("2024/10/4 11:42", f(2024, 10, 4, 11, 42), "minute", "Asia/Shanghai")).toMatchObject({
      wall: "2024-10-04T11:42", utc: "2024-10-04T03:42Z", precision: "minute",
    });
  });

  it("keep a millisecond fraction in utc as in wall (placed seconds carry no fraction)", () => {
    const fields = { ...f(2024, 5, 1, 9, 15, 2), fraction: "120" };
    expect(wallTimestamp("2024-05-01T09:15:02.120", fields, "millisecond", "Europe/Berlin")).toMatchObject({
      wall: "2024-05-01T09:15:02.120", utc: "2024-05-01T07:15:02.120Z", precision: "millisecond",
    });
    expect(wallTimestamp("x", { ...fields, fraction: "5" }, "millisecond", "Asia/Shanghai").utc).toBe("2024-05-01T01:15:02.500Z");
    expect(offsetTimestamp("x", { ...fields, fraction: "007" }, -180, "millisecond").utc).toBe("2024-05-01T12:15:02.007Z");
  });

  it("handle quarter-hour zones and southern-hemisphere DST", () => {
    expect(wallTimestamp("x", f(2024, 1, 15, 12), "second", "Asia/Kathmandu").offset).toBe("+05:45");
    expect(wallTimestamp("x", f(2024, 1, 15, 12), "second", "Pacific/Chatham").offset).toBe("+13:45");
    expect(offsetAt(Date.UTC(2024, 6, 1), "Australia/Sydney")).toBe(600);
    expect(offsetAt(Date.UTC(2024, 0, 1), "Australia/Sydney")).toBe(660);
  });
});

describe("exact and offset timestamps", () => {
  it("keep an epoch exact, with wall and offset only when a zone is given", () => {
    expect(exactTimestamp("1693559022", 1693559022000, "second")).toEqual({ raw: "1693559022", utc: "2023-09-01T09:03:42Z", basis: "exact", precision: "second" });
    expect(exactTimestamp("1693559022", 1693559022000, "second", { zone: "Asia/Shanghai" })).toMatchObject({ wall: "2023-09-01T17:03:42", offset: "+08:00", basis: "exact" });
  });

  it("keep only the raw value of an instant beyond the years 0000–9999, never a malformed date or a throw", () => {
    // JS writes year 10000 as "+010000-…" and throws past ±8.64e15 ms; the model's dates have four-digit years.
    for (const ms of [253402300800000, 300000000000 * 1000, 8.64e15 - 1e6, 8.64e15 + 1, -62167219200001, NaN, Infinity]) {
      expect(isRepresentableInstant(ms), String(ms)).toBe(false);
      expect(exactTimestamp("x", ms, "second", { zone: "Asia/Shanghai" })).toEqual({ raw: "x", basis: "floating", precision: "second" });
      expect(exactTimestamp("x", ms, "millisecond")).toEqual({ raw: "x", basis: "floating", precision: "millisecond" });
    }
    // The edges that stay: a day inside 0000 and 9999, so an offset cannot carry the wall clock out.
    expect(exactTimestamp("x", Date.parse("9999-12-30T23:59:59.999Z"), "millisecond", { offsetMinutes: 840 }).wall).toBe("9999-12-31T13:59:59.999");
    expect(exactTimestamp("x", -62167132800000, "second", { offsetMinutes: -720 }).wall).toBe("0000-01-01T12:00:00");
    expect(isRepresentableInstant(Date.parse("9999-12-31T00:00:00Z"))).toBe(false);
  });

  it("derive utc from a source offset", () => {
    expect(offsetTimestamp("2023-08-10T23:11:02-03:00", f(2023, 8, 10, 23, 11, 2), -180, "second")).toMatchObject({
      utc: "2023-08-11T02:11:02Z", offset: "-03:00", basis: "source-offset",
    });
  });

  it("keep sub-millisecond digits", () => {
    expect(formatUtc(0, "nanosecond", "123456789")).toBe("1970-01-01T00:00:00.123456789Z");
  });

  it("parse offsets", () => {
    expect(parseOffset("+08:00")).toBe(480);
    expect(parseOffset("-0330")).toBe(-210);
    expect(parseOffset("Z")).toBe(0);
    expect(parseOffset("08:00")).toBeUndefined();
  });
});

describe("validation", () => {
  it("rejects impossible dates and times", () => {
    expect(isValidWall(f(2020, 2, 29))).toBe(true);
    expect(isValidWall(f(2019, 2, 29))).toBe(false);
    expect(isValidWall(f(2020, 4, 31))).toBe(false);
    expect(isValidWall(f(2020, 1, 1, 24))).toBe(false);
  });

  it("refuses unknown zones with a usage error", () => {
    expect(() => checkZone("Mars/Olympus")).toThrow(/Unknown time zone "Mars\/Olympus"/);
    expect(checkZone("Asia/Shanghai")).toBe("Asia/Shanghai");
  });

  it("refuses an empty --tz instead of reading as if none were given", async () => {
    const { readAll } = await import("../src/pipeline/read-all.js");
    const { builtinRegistry } = await import("../src/builtin.js");
    await expect(readAll("samples/whatsapp-txt/en-us-narrow-nbsp-ampm/input.txt", builtinRegistry, { tz: "" })).rejects.toMatchObject({ kind: "usage", message: expect.stringContaining('Unknown time zone ""') });
  });

  it("keeps years below 100 literal", () => {
    expect(new Date(wallAsUtcMs(f(99, 1, 1))).toISOString()).toBe("0099-01-01T00:00:00.000Z");
  });
});

describe("utcToMs", () => {
  it("reads the instants Timestamp.utc holds, to the millisecond, and refuses zone-less text", async () => {
    const { utcToMs } = await import("../src/time/wall.js");
    expect(utcToMs("2017-01-01T00:36:52Z")).toBe(Date.UTC(2017, 0, 1, 0, 36, 52));
    expect(utcToMs("2024-10-04T03:42Z")).toBe(Date.UTC(2024, 9, 4, 3, 42));
    expect(utcToMs("1970-01-01T00:00:00.123456789Z")).toBe(123);
    expect(utcToMs("2017-01-01T00:36:52")).toBeNaN();
    expect(utcToMs("2017-01-01T08:36:52+08:00")).toBeNaN();
  });
});
