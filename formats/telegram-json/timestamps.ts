import type { Timestamp } from "../../src/model/timestamp.js";
import { exactTimestamp, isRepresentableInstant, offsetTimestamp, parseOffset, wallTimestamp, type ZoneNote } from "../../src/time/make-timestamp.js";
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

const UNIX = /^-?\d{1,12}$/;

/** The minute of the last plain `date` read: its first 17 characters and its milliseconds (as if UTC). */
let dateMemo = { prefix: "", ms: NaN };

/**
 * Milliseconds (read as UTC) of a `date` without offset, or undefined when it has one or is not a date.
 * A `YYYY-MM-DDTHH:MM:SS` text in the same minute as the previous one only has its seconds read.
 */
function plainWallMs(text: string): number | undefined {
  if (text.length === 19 && text.startsWith(dateMemo.prefix) && dateMemo.prefix !== "") {
    const a = text.charCodeAt(17) - 48, b = text.charCodeAt(18) - 48;
    if (a >= 0 && a <= 5 && b >= 0 && b <= 9) return dateMemo.ms + (a * 10 + b) * 1000;
  }
  const p = parseDate(text);
  if (!p || p.offset !== undefined) return undefined;
  const ms = wallAsUtcMs(p.fields);
  if (text.length === 19) dateMemo = { prefix: text.slice(0, 17), ms: ms - (p.fields.second ?? 0) * 1000 };
  return ms;
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

/**
 * Whether `date` − `date_unixtime` (minutes) can be the exporting computer's UTC offset: whole quarter
 * hours within ±14 h. Every zone's offset has been a multiple of 15 minutes since 1979, and Telegram began
 * in 2013, so 179 minutes (a `date` one minute off, hand-edited) is a mismatch, not UTC+02:59.
 */
const isUtcOffset = (min: number): boolean => Number.isInteger(min) && min % 15 === 0 && Math.abs(min) <= MAX_OFFSET_MIN;

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
  // The common case (both given, consistent) without building fields: see plainWallMs.
  if (dateText !== undefined && unixText !== undefined && UNIX.test(unixText)) {
    const wallMs = plainWallMs(dateText);
    if (wallMs !== undefined) {
      const ms = Number(unixText) * 1000;
      const off = (wallMs - ms) / 60000;
      // An instant past the years 0000–9999 takes the general path, which reports it.
      if (isUtcOffset(off) && isRepresentableInstant(ms)) return exactSecond(unixText, ms, off);
    }
  }
  const parsed = dateText !== undefined ? parseDate(dateText) : undefined;
  if (dateText !== undefined && !parsed) issues.badDate = true;
  // An epoch beyond the years 0000–9999 (a damaged value) is reported like a malformed one.
  const unixOk = unixText !== undefined && UNIX.test(unixText) && isRepresentableInstant(Number(unixText) * 1000);
  if (unixText !== undefined && !unixOk) issues.badUnix = true;

  if (unixOk) {
    const ms = Number(unixText) * 1000;
    if (parsed) {
      const diffSec = (wallAsUtcMs(parsed.fields) - ms) / 1000;
      const off = diffSec / 60;
      const consistent = isUtcOffset(off) && (parsed.offset === undefined || parsed.offset === off);
      if (consistent) return exactSecond(unixText, ms, off);
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

const PLAIN_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const PLAIN_WALL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

/** The last minute {@link exactSecond} built in full: timestamps of the same minute and offset differ in their seconds only. */
let memo = { minute: NaN, off: NaN, utcPrefix: "", wallPrefix: "", offset: "" };

/**
 * `exactTimestamp(raw, ms, "second", { offsetMinutes })`, reusing the formatted minute of the previous
 * call (messages come in time order, many per minute); grammar.test-style checks in timestamps.test.ts
 * hold it equal to the general path.
 */
export function exactSecond(raw: string, ms: number, off: number): Timestamp {
  const minute = Math.floor(ms / 60000);
  if (minute === memo.minute && off === memo.off) {
    const sec = (ms - minute * 60000) / 1000;
    if (Number.isInteger(sec)) {
      const ss = sec < 10 ? "0" + sec : String(sec);
      return { raw, wall: memo.wallPrefix + ss, utc: memo.utcPrefix + ss + "Z", offset: memo.offset, basis: "exact", precision: "second" };
    }
  }
  const ts = exactTimestamp(raw, ms, "second", { offsetMinutes: off });
  // Only plain four-digit years have the fixed "YYYY-MM-DDTHH:MM:" prefix.
  if (ts.utc !== undefined && ts.wall !== undefined && ts.offset !== undefined && PLAIN_UTC.test(ts.utc) && PLAIN_WALL.test(ts.wall))
    memo = { minute, off, utcPrefix: ts.utc.slice(0, 17), wallPrefix: ts.wall.slice(0, 17), offset: ts.offset };
  else memo = { minute: NaN, off: NaN, utcPrefix: "", wallPrefix: "", offset: "" };
  return ts;
}
