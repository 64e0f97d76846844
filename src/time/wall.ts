import type { TimestampPrecision } from "../model/timestamp.js";

/** Calendar fields of a wall-clock time, as read from a source (month 1-12). */
export interface WallFields {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  /** Fractional second digits exactly as written (e.g. "123" for milliseconds). */
  fraction?: string;
}

// "00".."99" made once: formatting runs per message, and "0" + n allocates every time.
const TWO = Array.from({ length: 100 }, (_, i) => (i < 10 ? "0" + i : String(i)));
/** Two digits ("07"); larger or odd numbers as they are. */
export const pad2 = (n: number): string => (n >= 0 && n < 100 && Number.isInteger(n) ? TWO[n]! : n < 10 ? "0" + n : String(n));
const pad4 = (n: number): string => String(n).padStart(4, "0");

/** True when the fields name a real calendar day and a real time of day (no 24:00, no Feb 30). */
export function isValidWall(f: WallFields): boolean {
  if (f.month < 1 || f.month > 12 || f.day < 1) return false;
  if (f.day > daysInMonth(f.year, f.month)) return false;
  if (f.hour !== undefined && (f.hour < 0 || f.hour > 23)) return false;
  if (f.minute !== undefined && (f.minute < 0 || f.minute > 59)) return false;
  if (f.second !== undefined && (f.second < 0 || f.second > 59)) return false;
  return true;
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The ISO 8601 local date-time of the fields, cut at the given precision ("2017-01-01T08:36:52"). */
export function formatWall(f: WallFields, precision: TimestampPrecision): string {
  const date = wallDate(f.year, f.month, f.day);
  if (precision === "day") return date;
  const hm = date + "T" + pad2(f.hour ?? 0) + ":" + pad2(f.minute ?? 0);
  if (precision === "minute") return hm;
  const hms = hm + ":" + pad2(f.second ?? 0);
  return f.fraction ? `${hms}.${f.fraction}` : hms;
}

// Consecutive messages share their date: the last date text is kept (one entry, no growth).
let lastY = NaN, lastMo = NaN, lastD = NaN, lastDate = "";
function wallDate(y: number, mo: number, d: number): string {
  if (y !== lastY || mo !== lastMo || d !== lastD) {
    lastY = y;
    lastMo = mo;
    lastD = d;
    lastDate = `${pad4(y)}-${pad2(mo)}-${pad2(d)}`;
  }
  return lastDate;
}

/** Milliseconds of the fields read as if they were UTC (a zone-free way to do calendar arithmetic). */
export function wallAsUtcMs(f: WallFields): number {
  if (f.year >= 100) return Date.UTC(f.year, f.month - 1, f.day, f.hour ?? 0, f.minute ?? 0, f.second ?? 0);
  // setUTCFullYear keeps years 0-99 literal (Date.UTC would map them to 1900+); no host zone involved.
  const d = new Date(0);
  d.setUTCFullYear(f.year, f.month - 1, f.day);
  d.setUTCHours(f.hour ?? 0, f.minute ?? 0, f.second ?? 0, 0);
  return d.getTime();
}

/** Formats a UTC millisecond instant as RFC 3339 with Z, cut at the precision; `fraction` keeps sub-ms digits. */
export function formatUtc(ms: number, precision: TimestampPrecision, fraction?: string): string {
  if ((precision === "second" || precision === "minute") && Number.isInteger(ms)) {
    // Fast path: the date text of the day is kept (consecutive messages share it), the time is arithmetic.
    const day = Math.floor(ms / 86_400_000);
    if (day !== lastUtcDay) {
      const iso = new Date(day * 86_400_000).toISOString();
      lastUtcDay = day;
      lastUtcDate = iso.length === 24 ? iso.slice(0, 11) : ""; // only 4-digit years ("2017-01-01T")
    }
    if (lastUtcDate !== "") {
      const inDay = ms - day * 86_400_000;
      const h = Math.floor(inDay / 3_600_000), mi = Math.floor(inDay / 60_000) % 60;
      if (precision === "minute") return lastUtcDate + TWO[h]! + ":" + TWO[mi]! + "Z";
      return lastUtcDate + TWO[h]! + ":" + TWO[mi]! + ":" + TWO[Math.floor(inDay / 1000) % 60]! + "Z";
    }
  }
  const iso = new Date(ms).toISOString(); // 2017-01-01T00:36:52.000Z, always UTC
  switch (precision) {
    case "day":
      return iso.slice(0, 10);
    case "minute":
      return iso.slice(0, 16) + "Z";
    case "second":
      return iso.slice(0, 19) + "Z";
    case "millisecond":
      // A wall time's fraction is not in `ms` (whole seconds placed in a zone): it is written as given.
      return iso.slice(0, 19) + "." + (fraction === undefined ? iso.slice(20, 23) : (fraction + "00").slice(0, 3)) + "Z";
    default:
      return iso.slice(0, 19) + "." + (fraction ?? iso.slice(20, 23)) + "Z";
  }
}

let lastUtcDay = NaN, lastUtcDate = "";

/** Formats an offset in minutes as "+08:00". */
export function formatOffset(minutes: number): string {
  let s = offsetTexts.get(minutes);
  if (s === undefined) {
    s = offsetText(minutes);
    if (offsetTexts.size < 1024) offsetTexts.set(minutes, s);
  }
  return s;
}

const offsetTexts = new Map<number, string>();

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const m = Math.abs(Math.round(minutes));
  return `${sign}${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;
}

const RFC3339_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?Z$/;

/** Milliseconds of an RFC 3339 instant written with `Z` (what `Timestamp.utc` holds); NaN otherwise. */
export function utcToMs(utc: string): number {
  const m = RFC3339_UTC.exec(utc);
  if (!m) return NaN;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
  return wallAsUtcMs({ year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: m[6] ? +m[6] : 0 }) + ms;
}
