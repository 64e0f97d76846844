/**
 * Message-start ("header") grammar of WhatsApp "Export chat" text (formats-intl.md §1.3), matched on
 * the normalised view of a line (normalize.ts). Pure functions: no state, no I/O.
 *
 *   Android:  DATE, TIME[ AMPM] - AUTHOR: BODY           (system lines have no "AUTHOR: ")
 *   iOS:     [DATE, TIME[ AMPM]] AUTHOR: BODY
 *   old iOS:  DATE, TIME[ AMPM]: AUTHOR: BODY
 *   plain:    DATE TIME AUTHOR: BODY                      (hr/hu style; authored lines only)
 * DATE is three numbers split by / . or - (year first or last, 2 or 4 digits, a Japanese era letter or
 * a " BE" Buddhist suffix), or "d Mon[ yyyy]"; TIME may come first (vi), use dots (id, fi), carry a
 * 12-hour marker before (ja/ko/zh) or after it, and sits after ", ", " ", "، " or " klo ".
 */
import { fastHeader } from "./fast-header.js";
import { normView } from "./normalize.js";

/** The date part of a header, as written. */
export type HeaderDate =
  | {
      kind: "numeric";
      /** The three numbers in file order, ASCII digits, era letters removed. */
      parts: [string, string, string];
      sep: string;
      /** Japanese era letter on the first or last number (R4 = Reiwa 4 = 2022). */
      era?: { at: 0 | 2; letter: string };
      /** " BE": Thai Buddhist calendar, year = Gregorian + 543. */
      buddhist: boolean;
    }
  | { kind: "named"; day: number; month: number; year?: number };

/** A header line split into parts; dates are resolved later, once the file's date order is known. */
export interface Header {
  family: "android" | "ios" | "old-ios" | "plain";
  date: HeaderDate;
  timeFirst: boolean;
  hour: number;
  minute: number;
  second?: number;
  /** The 12-hour marker or day period, normalised ("am", "pm", "night", "morning" …), if any. */
  meridiem?: Meridiem;
  /** Index range in the RAW line of the date-time text (the Timestamp's raw). */
  rawStart: number;
  rawEnd: number;
  /** Index in the RAW line where "AUTHOR: BODY" starts. */
  restStart: number;
  /** The layout of the header, without its values; lines of one export share one shape. */
  shape: string;
}

/** A 12-hour marker, or a CLDR day period that implies one. */
export type Meridiem = "am" | "pm" | "night";

// Markers written after the time. Latin forms cover AM, am, a.m., a. m., A.M. (en, es, en-CA …).
const POST_MARKERS: [RegExp, Meridiem][] = [
  [/^[Aa]\.? ?[Mm]\.?/, "am"],
  [/^[Pp]\.? ?[Mm]\.?/, "pm"],
  [/^ص/, "am"],
  [/^م/, "pm"],
  [/^in the morning/, "am"],
  [/^in the afternoon/, "pm"],
  [/^in the evening/, "pm"],
  [/^at night/, "night"],
  [/^ก่อนเที่ยง/, "am"],
  [/^หลังเที่ยง/, "pm"],
  [/^पूर्वाह्न/, "am"],
  [/^अपराह्न/, "pm"],
  [/^午前/, "am"],
  [/^午後/, "pm"],
  [/^vorm\./, "am"],
  [/^nachm\./, "pm"],
];
// Markers written before the time (ja 午前/午後, ko 오전/오후, zh 上午/下午).
const PRE_MARKERS: Record<string, Meridiem> = { "午前": "am", "午後": "pm", "오전": "am", "오후": "pm", "上午": "am", "下午": "pm" };
const PRE = "(?:(午前|午後|오전|오후|上午|下午) ?)?";

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

const NUM_DATE = /^([MTSHR]?)(\d{1,4})([./-]) ?(\d{1,2})\3 ?([MTSHR]?)(\d{1,4})\.?( BE)?/;
const NAMED_DATE = /^(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?: (\d{4}))?/;
const TIME = new RegExp(`^${PRE}(\\d{1,2})([:.])(\\d{2})(?:\\3(\\d{2}))?`);
const SEP1 = /^(?:, ?| klo | )/;

interface Piece<T> {
  value: T;
  len: number;
}

function parseDate(s: string): Piece<HeaderDate> | undefined {
  const m = NUM_DATE.exec(s);
  if (m) {
    const [, eraA, a, sep, b, eraC, c, be] = m;
    if (eraA && eraC) return undefined;
    const date: HeaderDate = { kind: "numeric", parts: [a!, b!, c!], sep: sep!, buddhist: be !== undefined };
    if (eraA) date.era = { at: 0, letter: eraA };
    if (eraC) date.era = { at: 2, letter: eraC };
    return { value: date, len: m[0].length };
  }
  const n = NAMED_DATE.exec(s);
  if (n) {
    const date: HeaderDate = { kind: "named", day: Number(n[1]), month: MONTHS[n[2]!.toLowerCase()]! };
    if (n[3]) date.year = Number(n[3]);
    return { value: date, len: n[0].length };
  }
  return undefined;
}

interface TimePiece {
  hour: number;
  minute: number;
  second?: number;
  meridiem?: Meridiem;
  sep: string;
}

function parseTime(s: string): Piece<TimePiece> | undefined {
  const m = TIME.exec(s);
  if (!m) return undefined;
  const hour = Number(m[2]), minute = Number(m[4]);
  if (hour > 24 || minute > 59) return undefined;
  const t: TimePiece = { hour, minute, sep: m[3]! };
  if (m[5] !== undefined) {
    t.second = Number(m[5]);
    if (t.second > 59) return undefined;
  }
  let len = m[0].length;
  if (m[1]) t.meridiem = PRE_MARKERS[m[1]];
  else {
    const rest = s.slice(len);
    const sp = rest.startsWith(" ") ? 1 : 0;
    for (const [re, mer] of POST_MARKERS) {
      const pm = re.exec(rest.slice(sp));
      if (pm) {
        t.meridiem = mer;
        len += sp + pm[0].length;
        break;
      }
    }
  }
  return { value: t, len };
}

/** Parses the date-time at the start of `s`, date first or time first. */
function parseDateTime(s: string): { date: HeaderDate; time: TimePiece; timeFirst: boolean; sep1: string; len: number } | undefined {
  const d = parseDate(s);
  if (d) {
    const sep = SEP1.exec(s.slice(d.len));
    if (sep) {
      const t = parseTime(s.slice(d.len + sep[0].length));
      if (t) return { date: d.value, time: t.value, timeFirst: false, sep1: sep[0], len: d.len + sep[0].length + t.len };
    }
  }
  const t = parseTime(s);
  if (t) {
    const sep = SEP1.exec(s.slice(t.len));
    if (sep) {
      const d2 = parseDate(s.slice(t.len + sep[0].length));
      if (d2) return { date: d2.value, time: t.value, timeFirst: true, sep1: sep[0], len: t.len + sep[0].length + d2.len };
    }
  }
  return undefined;
}

/** Longest raw prefix examined for a header (marks can pad a 20-character date-time). */
const HEADER_SCAN = 160;

/** Parses a header line, or undefined when the line does not start a message. */
export function parseHeader(raw: string): Header | undefined {
  const first = raw.charCodeAt(0);
  // Cheap reject: a header starts with a digit, "[" or an invisible mark / native digit / era prefix.
  if (!(first >= 48 && first <= 57) && first !== 91 && first < 0x80) return undefined;
  return fastHeader(raw) ?? parseHeaderGeneral(raw);
}

/** The general header grammar (every locale shape); {@link parseHeader} tries the fast path first. */
export function parseHeaderGeneral(raw: string): Header | undefined {
  const first = raw.charCodeAt(0);
  if (!(first >= 48 && first <= 57) && first !== 91 && first < 0x80) return undefined;
  const v = normView(raw, HEADER_SCAN);
  const s = v.text;
  let family: Header["family"];
  let dtStart = 0;
  let dt;
  let restAt: number;
  if (s.startsWith("[")) {
    dtStart = 1;
    dt = parseDateTime(s.slice(1));
    if (!dt) return undefined;
    const after = 1 + dt.len;
    if (s[after] !== "]") return undefined;
    family = "ios";
    restAt = after + 1 + (s[after + 1] === " " ? 1 : 0);
  } else {
    dt = parseDateTime(s);
    if (!dt) return undefined;
    const tail = s.slice(dt.len);
    const dash = /^ [-–](?: |$)/.exec(tail);
    if (dash) {
      family = "android";
      restAt = dt.len + dash[0].length;
    } else if (/^: /.test(tail)) {
      family = "old-ios";
      restAt = dt.len + 2;
    } else if (/^ [^:\s][^:]{0,119}: /.test(tail)) {
      // "13. 6. 2018. 21:25:15 a: m" (hr/hu style, no separator): only with an author, so a QQ-style
      // "date time sender" line never reads as WhatsApp.
      family = "plain";
      restAt = dt.len + 1;
    } else return undefined;
  }
  const { date, time } = dt;
  const dateShape =
    date.kind === "numeric"
      ? `n${date.sep}${date.parts.map((p) => (p.length > 2 ? "Y" : "9")).join("")}${date.era ? "E" + date.era.at : ""}${date.buddhist ? "BE" : ""}`
      : `m${date.year !== undefined ? "Y" : ""}`;
  const shape = [family, dateShape, dt.sep1, time.sep, time.second !== undefined ? "s" : "", time.meridiem ? "12" : "24", dt.timeFirst ? "tf" : ""].join("|");
  const h: Header = {
    family,
    date,
    timeFirst: dt.timeFirst,
    hour: time.hour,
    minute: time.minute,
    rawStart: v.map[dtStart]!,
    rawEnd: v.map[dtStart + dt.len - 1]! + 1,
    restStart: v.map[restAt] ?? raw.length,
    shape,
  };
  if (time.second !== undefined) h.second = time.second;
  if (time.meridiem) h.meridiem = time.meridiem;
  return h;
}
