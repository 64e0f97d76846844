import type { Timestamp } from "../../src/model/index.js";
import type { ReadContext } from "../../src/plugin/types.js";
import { readWallTime } from "../../src/plugin/wall-time.js";
import { isValidWall, type WallFields } from "../../src/time/index.js";
import { parseDivider, parseHeaderLine, type DateParts, type HeaderParts } from "./grammar.js";

/** Day/month order for N/N/YYYY dates. */
export type DateOrder = "mdy" | "dmy";

/** A calendar date, order resolved. */
export interface Ymd {
  year: number;
  month: number;
  day: number;
}

/**
 * Decides the order of N/N/YYYY dates from the header and divider lines of the file's head: a first
 * number over 12 means day-first, a second number over 12 month-first. Undefined when nothing decides
 * it; `seen` tells whether any N/N/YYYY date was there at all.
 */
export function inferDateOrder(headText: string): { order?: DateOrder; seen: boolean } {
  let dmy = false, mdy = false, seen = false;
  for (const line of headText.split(/\r\n|\n|\r/, 4000)) {
    const d = parseHeaderLine(line)?.date ?? parseDivider(line)?.date;
    if (!d?.yearLast) continue;
    seen = true;
    if (d.first > 12) dmy = true;
    if (d.second > 12) mdy = true;
  }
  if (dmy && !mdy) return { order: "dmy", seen };
  if (mdy && !dmy) return { order: "mdy", seen };
  return { seen };
}

/** The date's year, month and day in the given order. */
export function ymdOf(d: DateParts, order: DateOrder): Ymd {
  if (d.yearLast && order === "dmy") return { year: d.year, month: d.second, day: d.first };
  return { year: d.year, month: d.first, day: d.second };
}

/** True when the date names a real calendar day. */
export function isRealDate(d: Ymd): boolean {
  return isValidWall({ ...d, hour: 0, minute: 0, second: 0 });
}

/**
 * The Timestamp of a header: its own date, else `dayAbove` (the date of the nearest divider above it),
 * else none. Without a date only the raw time is kept: no wall clock and no instant are invented.
 * Floating, or placed in `--tz`; what is odd is reported at `line`.
 */
export function headerTimestamp(h: HeaderParts, dayAbove: Ymd | undefined, order: DateOrder, ctx: ReadContext, file: string, line: number): Timestamp {
  let hour = h.hour;
  if (h.meridiem) {
    if (hour >= 1 && hour <= 12) hour = h.meridiem === "am" ? (hour === 12 ? 0 : hour) : hour === 12 ? 12 : hour + 12;
    else ctx.report("invalid-timestamp", { message: `Hour ${hour} cannot go with AM/PM; read as a 24-hour time.`, file, place: { line }, raw: h.rawTime });
  }
  const day = h.date ? ymdOf(h.date, order) : dayAbove;
  if (!day) return { raw: h.rawTime, basis: "floating", precision: "second" };
  const fields: WallFields = { ...day, hour, minute: h.minute, second: h.sec };
  if (!isValidWall(fields)) {
    ctx.report("invalid-timestamp", { message: `"${h.rawTime}" names no real date or time; kept raw only.`, file, place: { line }, raw: h.rawTime });
    return { raw: h.rawTime, basis: "floating", precision: "second" };
  }
  return readWallTime(h.rawTime, fields, "second", ctx, file, { line });
}
