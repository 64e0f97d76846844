/**
 * Day/month order and calendar resolution for WhatsApp header dates (formats-intl.md §1.3, §1.8). The
 * export never states its date format; the order is inferred once per file from every header of the
 * file's shape: numbers over 12, dates inside attachment file names, ordering consistency, and only then
 * a locale hint — and an undecidable file is said so, never silently guessed.
 */
import type { WallFields } from "../../src/time/index.js";
import type { Header, HeaderDate } from "./grammar.js";

/** Unmarked years from 2400 up to this are Thai Buddhist (BE 2800 = 2257 CE). */
const MAX_UNMARKED_BUDDHIST_YEAR = 2800;

/** Order of the three numbers of a date. */
export type DateOrder = "dmy" | "mdy" | "ymd";

/** Year base of Japanese era letters: era year 1 = base + 1 (R1 = 2019). */
const ERA_BASE: Record<string, number> = { R: 2018, H: 1988, S: 1925, T: 1911, M: 1867 };

// Dates inside attachment names: Android IMG-20190620-WA0001.jpg, iOS 00000001-PHOTO-2019-06-20-16-00-15.jpg,
// old iOS 2015-08-04-PHOTO-00004762.jpg (formats-intl.md §1.6).
const NAME_DATES = [
  /\b(?:IMG|VID|AUD|PTT|STK|DOC)-(\d{4})(\d{2})(\d{2})-WA\d+/,
  /\b\d{8}-(?:PHOTO|VIDEO|AUDIO|GIF|STICKER)-(\d{4})-(\d{2})-(\d{2})-\d{2}-\d{2}-\d{2}/,
  /\b(\d{4})-(\d{2})-(\d{2})-(?:PHOTO|VIDEO|AUDIO|GIF|STICKER)-\d+/,
];

/** Evidence about one header shape's date order, gathered in the first pass. */
export class DateEvidence {
  headers = 0;
  yearFirst = 0;
  yearLast = 0;
  firstOver12 = 0;
  secondOver12 = 0;
  firstOver12Line = 0;
  secondOver12Line = 0;
  /** Some date has two different numbers that could each be the month: the order matters. */
  ambiguous = false;
  nameVotesDmy = 0;
  nameVotesMdy = 0;
  /** Times the (month, day) pair went backwards within a year if read d/m, resp. m/d. */
  backwardsDmy = 0;
  backwardsMdy = 0;
  slash = false;
  twoDigitYear = false;
  unpadded = false;
  private hasPrev = false;
  private prevA = 0;
  private prevB = 0;
  private prevC = "";
  private lastHeader: Header | undefined;
  private la = 0;
  private lb = 0;
  private lc = 0;
  private lastYearFirst = false;

  /** Adds one header (and its first body line, for attachment names). */
  add(h: Header, body: string, line: number): void {
    if (h.date.kind !== "numeric") return;
    this.headers++;
    const parts = h.date.parts;
    const ra = parts[0], rb = parts[1], rc = parts[2];
    // Header objects repeat (header-cache.ts): the numbers of the last one are kept, not re-parsed.
    if (h !== this.lastHeader) {
      this.lastHeader = h;
      this.la = Number(ra);
      this.lb = Number(rb);
      this.lc = Number(rc);
      this.lastYearFirst = ra.length > 2 || h.date.era?.at === 0 || (rc.length <= 2 && this.la > 31);
    }
    const a = this.la, b = this.lb, c = this.lc;
    if (this.lastYearFirst) {
      this.yearFirst++;
      return;
    }
    this.yearLast++;
    if (h.date.sep === "/") this.slash = true;
    if (rc.length <= 2 && !h.date.era) this.twoDigitYear = true;
    if (ra.length === 1 || rb.length === 1) this.unpadded = true;
    if (a > 12 && a <= 31 && this.firstOver12++ === 0) this.firstOver12Line = line;
    if (b > 12 && b <= 31 && this.secondOver12++ === 0) this.secondOver12Line = line;
    if (a !== b && a <= 12 && b <= 12) this.ambiguous = true;
    if (body.includes("-")) {
      for (const re of NAME_DATES) {
        const m = re.exec(body);
        if (!m) continue;
        const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
        if (y % 100 !== c % 100 && y !== c) break;
        if (a !== b && a === d && b === mo) this.nameVotesDmy++;
        if (a !== b && a === mo && b === d) this.nameVotesMdy++;
        break;
      }
    }
    if (this.hasPrev && this.prevC === rc && (this.prevA !== a || this.prevB !== b)) {
      if (b * 32 + a < this.prevB * 32 + this.prevA) this.backwardsDmy++;
      if (a * 32 + b < this.prevA * 32 + this.prevB) this.backwardsMdy++;
    }
    this.hasPrev = true;
    this.prevA = a;
    this.prevB = b;
    this.prevC = rc;
  }
}

/** The chosen order and how it was chosen. */
export interface OrderDecision {
  order: DateOrder;
  /** Why, in words (recorded in the conversation's extra and in the diagnostic). */
  evidence: string;
  /** True when nothing in the file decided it and a locale guess was taken. */
  undecidable: boolean;
}

/** Decides the date order from a shape's evidence; `forced` is the user's --date-order. */
export function decideOrder(e: DateEvidence, forced?: DateOrder): OrderDecision {
  if (forced) return { order: forced, evidence: "given with --date-order", undecidable: false };
  if (e.yearFirst > e.yearLast) return { order: "ymd", evidence: "the year comes first", undecidable: false };
  const guess: DateOrder = e.slash && e.twoDigitYear && e.unpadded ? "mdy" : "dmy";
  if (!e.ambiguous && e.firstOver12 === 0 && e.secondOver12 === 0)
    return { order: guess, evidence: "every date reads the same either way", undecidable: false };
  if (e.firstOver12 > 0 && e.secondOver12 === 0)
    return { order: "dmy", evidence: `a first number over 12 (line ${e.firstOver12Line})`, undecidable: false };
  if (e.secondOver12 > 0 && e.firstOver12 === 0)
    return { order: "mdy", evidence: `a second number over 12 (line ${e.secondOver12Line})`, undecidable: false };
  if (e.firstOver12 > 0 && e.secondOver12 > 0) {
    const order: DateOrder = e.firstOver12 >= e.secondOver12 ? "dmy" : "mdy";
    return {
      order,
      evidence: `conflicting dates: first number over 12 on ${e.firstOver12} line(s) (first at line ${e.firstOver12Line}), second over 12 on ${e.secondOver12} (first at line ${e.secondOver12Line}); the majority was taken`,
      undecidable: true,
    };
  }
  const votes = decideByRatio(e.nameVotesDmy, e.nameVotesMdy, 1);
  if (votes) return { order: votes, evidence: `dates inside attachment file names (${e.nameVotesDmy} d/m, ${e.nameVotesMdy} m/d)`, undecidable: false };
  const mono = decideByRatio(e.backwardsMdy, e.backwardsDmy, 1);
  if (mono)
    return { order: mono, evidence: `dates only run forwards when read ${mono === "dmy" ? "day first" : "month first"} (${mono === "dmy" ? e.backwardsMdy : e.backwardsDmy} step(s) back otherwise)`, undecidable: false };
  return {
    order: guess,
    evidence: guess === "mdy" ? "no date decides it; read as month/day (US-style unpadded M/D/YY)" : "no date decides it; read as day/month (the more common order)",
    undecidable: true,
  };
}

// dmy wins when `forDmy` clearly outweighs `forMdy` (all on one side, or 3:1 with a margin of 3).
function decideByRatio(forDmy: number, forMdy: number, min: number): DateOrder | undefined {
  if (forDmy >= min && forMdy === 0) return "dmy";
  if (forMdy >= min && forDmy === 0) return "mdy";
  if (forDmy >= 3 * forMdy && forDmy - forMdy >= 3) return "dmy";
  if (forMdy >= 3 * forDmy && forMdy - forDmy >= 3) return "mdy";
  return undefined;
}

/** Calendar fields of a header under an order, plus what was odd about them. */
export interface ResolvedTime {
  fields?: WallFields;
  precision: "minute" | "second";
  /** Set when an hour 0 or 13–23 carried AM/PM and was read as a 24-hour time. */
  impossible12h?: boolean;
  /** Set when no year is written (very old Android "18 Mar 12:14"). */
  noYear?: boolean;
  /** Calendar the year was converted from. */
  calendar?: "buddhist" | "japanese";
}

/** Turns a header into wall-clock fields under the file's date order. */
export function resolveTime(h: Header, order: DateOrder): ResolvedTime {
  // Plain locals and fixed-shape literals (no map/spread/array destructuring): the profile showed this
  // path's temporaries, made once per distinct header time, being promoted to the old generation.
  const out: ResolvedTime = { precision: h.second !== undefined ? "second" : "minute" };
  const date = resolveDate(h.date, order, out);
  let hour = h.hour;
  if (h.meridiem) {
    if (hour === 0 || hour > 12) out.impossible12h = true;
    else if (h.meridiem === "am") hour = hour === 12 ? 0 : hour;
    else if (h.meridiem === "pm") hour = hour === 12 ? 12 : hour + 12;
    else hour = hour === 12 ? 0 : hour >= 6 ? hour + 12 : hour; // "at night": 9–11 pm, 12–5 am
  }
  if (date) {
    const fields: WallFields = { year: date.year, month: date.month, day: date.day, hour, minute: h.minute };
    if (h.second !== undefined) fields.second = h.second;
    out.fields = fields;
  }
  return out;
}

function resolveDate(d: HeaderDate, order: DateOrder, out: ResolvedTime): { year: number; month: number; day: number } | undefined {
  if (d.kind === "named") {
    if (d.year === undefined) {
      out.noYear = true;
      return undefined;
    }
    return { year: d.year, month: d.month, day: d.day };
  }
  const p = d.parts;
  // Index of the year, month and day among the three numbers.
  const yi = order === "ymd" ? 0 : 2;
  const mi = order === "ymd" ? 1 : order === "mdy" ? 0 : 1;
  const di = order === "ymd" ? 2 : order === "mdy" ? 1 : 0;
  const yearText = p[yi]!;
  let year = Number(yearText);
  if (d.era && d.era.at === yi) {
    year = (ERA_BASE[d.era.letter] ?? 0) + year;
    out.calendar = "japanese";
  } else if (d.buddhist || (year >= 2400 && year < MAX_UNMARKED_BUDDHIST_YEAR)) {
    // Thai Buddhist era: no Gregorian chat is dated 2400 or later. A year far past the Buddhist years of
    // WhatsApp's time (9999 in a damaged file) is left as written, not shifted to a date nobody wrote.
    year -= 543;
    out.calendar = "buddhist";
  } else if (yearText.length <= 2) year += 2000; // WhatsApp exists since 2009
  return { year, month: Number(p[mi]!), day: Number(p[di]!) };
}
