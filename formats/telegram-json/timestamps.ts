import type { Timestamp } from "../../src/model/timestamp.js";
import { exactTimestamp, offsetTimestamp, parseOffset, wallTimestamp, type ZoneNote } from "../../src/time/make-timestamp.js";
import { isValidWall, wallAsUtcMs, type WallFields } from "../../src/time/wall.js";
import type { Json } from "./json-walk.js";

/** Qt ISODate as tdesktop writes `date`/`edited`: local wall clock, no offset (an offset or Z is accepted). */
const DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:?\d{2})?$/;
/** Largest real UTC offset (+14:00 Kiribati, −12:00 Baker Island) with a margin. */
const MAX_OFFSET_MIN = 15 * 60;

/** A parsed `date` text. */
export interface ParsedDate {
  fields: WallFields;
  /** Minutes of an explicit suffix, when the text had one. */
  offset?: number;
}

/** Parses a Telegram `date` string; undefined when it is not one. */
export function parseDate(text: string): ParsedDate | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const fields: WallFields = { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: +m[6]! };
  if (!isValidWall(fields)) return undefined;
  const out: ParsedDate = { fields };
  if (m[7]) out.offset = parseOffset(m[7]);
  return out;
}

/** What building one timestamp found, for the caller to report. */
export interface TimeIssues {
  /** The time was a wall clock with no zone (floating). */
  floating?: boolean;
  /** `date` could not be read (kept in extra by the caller). */
  badDate?: boolean;
  /** `*_unixtime` could not be read. */
  badUnix?: boolean;
  /** `date` and `date_unixtime` differ by something that is no UTC offset. */
  mismatch?: boolean;
  zone?: ZoneNote;
}

const asText = (v: Json | undefined): string | undefined =>
  typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;

/**
 * Builds a timestamp from a Telegram `date`-like wall text and its `*_unixtime` companion
 * (formats-intl.md §0, §3.3). With both, the instant is exact and the offset is derived as
 * wall − instant (the exporting computer's offset at that instant, DST included); with the wall text
 * only, the time is floating (or placed in `tz`); with the epoch only, it is exact (wall in `tz` if given).
 * Returns undefined when neither is usable.
 */
export function telegramTime(dateV: Json | undefined, unixV: Json | undefined, tz: string | undefined, issues: TimeIssues): Timestamp | undefined {
  const dateText = asText(dateV);
  const unixText = asText(unixV);
  const parsed = dateText !== undefined ? parseDate(dateText) : undefined;
  if (dateText !== undefined && !parsed) issues.badDate = true;
  const unixOk = unixText !== undefined && /^-?\d{1,12}$/.test(unixText);
  if (unixText !== undefined && !unixOk) issues.badUnix = true;

  if (unixOk) {
    const ms = Number(unixText) * 1000;
    if (parsed) {
      const diffSec = (wallAsUtcMs(parsed.fields) - ms) / 1000;
      const off = diffSec / 60;
      const consistent = Number.isInteger(off) && Math.abs(off) <= MAX_OFFSET_MIN && (parsed.offset === undefined || parsed.offset === off);
      if (consistent) return exactTimestamp(unixText, ms, "second", { offsetMinutes: off });
      issues.mismatch = true;
    }
    return exactTimestamp(unixText, ms, "second", tz ? { zone: tz } : {});
  }
  if (parsed) {
    const precision = "second";
    if (parsed.offset !== undefined) return offsetTimestamp(dateText!, parsed.fields, parsed.offset, precision);
    if (!tz) issues.floating = true;
    const note: ZoneNote = {};
    const ts = wallTimestamp(dateText!, parsed.fields, precision, tz, note);
    if (note.gap || note.ambiguous) issues.zone = note;
    return ts;
  }
  return undefined;
}
