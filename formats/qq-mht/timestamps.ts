/**
 * Dates and times of the MHT export: a date row (`日期: 2020-02-11`, `2012/4/11`, maybe `M/d/yyyy`)
 * followed by message headers that carry only the time (`4:36:46`, `4:36:46 AM`) (formats-cn.md §2.2).
 * The wall clock is their combination; no zone is written, so it is floating unless --tz is given.
 * Building the Timestamp reuses the TXT reader's rules (12-hour markers, validation, DST notes).
 */
import type { Timestamp } from "../../src/model/index.js";
import type { ReadContext } from "../../src/plugin/types.js";
import type { HeaderParts } from "../qq-txt/grammar.js";
import { headerTimestamp, type DateOrder } from "../qq-txt/timestamps.js";

/** A date row's date. */
export interface RowDate {
  /** The date text as written after `日期: `. */
  raw: string;
  year: number;
  /** For N/N/YYYY dates: the two numbers in file order (order decided when combined). */
  first: number;
  second: number;
  yearLast: boolean;
}

/** A header's time of day. */
export interface RowTime {
  raw: string;
  hour: number;
  minute: number;
  second: number;
  meridiem?: "am" | "pm";
}

const YEAR_FIRST = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\S.*)?$/;
const YEAR_LAST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:\s+\S.*)?$/;
const TIME = /^(?:(上午|下午)\s*)?(\d{1,2}):(\d{2}):(\d{2})(?:\s*([AaPp]\.?[Mm]\.?|上午|下午))?$/;

/** Parses the text of a date row; undefined when it is not a date. A trailing weekday is tolerated. */
export function parseRowDate(text: string): RowDate | undefined {
  let m = YEAR_FIRST.exec(text);
  if (m) return { raw: text, year: Number(m[1]), first: Number(m[2]), second: Number(m[3]), yearLast: false };
  m = YEAR_LAST.exec(text);
  if (m) return { raw: text, year: Number(m[3]), first: Number(m[1]), second: Number(m[2]), yearLast: true };
  return undefined;
}

/** Parses a header's time text; undefined when it is not a time. */
export function parseRowTime(text: string): RowTime | undefined {
  const m = TIME.exec(text);
  if (!m) return undefined;
  const marker = m[5] ?? m[1];
  const meridiem = marker === undefined ? undefined : /^[Aa]|上午/.test(marker) ? "am" : "pm";
  return { raw: text, hour: Number(m[2]), minute: Number(m[3]), second: Number(m[4]), ...(meridiem ? { meridiem } : {}) };
}

/**
 * Decides the order of N/N/YYYY date rows from the file's head: a first number over 12 means
 * day-first, a second number over 12 month-first; undefined when nothing decides it.
 */
export function inferRowDateOrder(headText: string): DateOrder | undefined {
  let dmy = false, mdy = false;
  for (const m of headText.matchAll(/(?:日期|Date)\s*[:：]\s*(\d{1,2})\/(\d{1,2})\/\d{4}/gi)) {
    if (Number(m[1]) > 12) dmy = true;
    if (Number(m[2]) > 12) mdy = true;
  }
  if (dmy && !mdy) return "dmy";
  if (mdy && !dmy) return "mdy";
  return undefined;
}

/**
 * The Timestamp of a message: date row + header time, raw `"<date> <time>"` (the two source texts
 * joined by one space). Reports invalid dates/times and DST gaps/folds through the TXT rules.
 */
export function messageTimestamp(date: RowDate, time: RowTime, order: DateOrder, ctx: ReadContext, file: string, line: number): Timestamp {
  const h: HeaderParts = {
    rawTime: `${date.raw} ${time.raw}`,
    year: date.year,
    first: date.first,
    second: date.second,
    yearLast: date.yearLast,
    hour: time.hour,
    minute: time.minute,
    sec: time.second,
    ...(time.meridiem ? { meridiem: time.meridiem } : {}),
    sender: "",
  };
  return headerTimestamp(h, order, ctx, file, line);
}
