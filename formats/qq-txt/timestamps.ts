import type { Timestamp } from "../../src/model/index.js";
import type { ReadContext } from "../../src/plugin/types.js";
import { readWallTime } from "../../src/plugin/wall-time.js";
import { isValidWall, type WallFields } from "../../src/time/index.js";
import type { HeaderParts } from "./grammar.js";

/** Day/month order for N/N/YYYY dates. */
export type DateOrder = "mdy" | "dmy";

/**
 * Decides the order of N/N/YYYY dates from header lines in the file's head: a first number over 12
 * means day-first, a second number over 12 month-first. Undefined when nothing decides it.
 */
export function inferDateOrder(headText: string): DateOrder | undefined {
  let dmy = false, mdy = false;
  for (const m of headText.matchAll(/^(\d{1,2})\/(\d{1,2})\/\d{4} /gm)) {
    if (Number(m[1]) > 12) dmy = true;
    if (Number(m[2]) > 12) mdy = true;
  }
  if (dmy && !mdy) return "dmy";
  if (mdy && !dmy) return "mdy";
  return undefined;
}

/** Turns header parts into a Timestamp: floating, or assumed-zone with `--tz`; reports what is odd. */
export function headerTimestamp(h: HeaderParts, order: DateOrder, ctx: ReadContext, file: string, line: number): Timestamp {
  let month = h.first, day = h.second;
  if (h.yearLast && order === "dmy") [month, day] = [h.second, h.first];
  let hour = h.hour;
  if (h.meridiem) {
    if (hour >= 1 && hour <= 12) hour = h.meridiem === "am" ? (hour === 12 ? 0 : hour) : hour === 12 ? 12 : hour + 12;
    else
      ctx.report("invalid-timestamp", {
        message: `Hour ${hour} cannot go with AM/PM; read as a 24-hour time.`,
        file,
        place: { line },
        raw: h.rawTime,
      });
  }
  const fields: WallFields = { year: h.year, month, day, hour, minute: h.minute, second: h.sec };
  if (!isValidWall(fields)) {
    ctx.report("invalid-timestamp", { message: `"${h.rawTime}" names no real date or time; kept raw only.`, file, place: { line }, raw: h.rawTime });
    return { raw: h.rawTime, basis: "floating", precision: "second" };
  }
  return readWallTime(h.rawTime, fields, "second", ctx, file, { line });
}
