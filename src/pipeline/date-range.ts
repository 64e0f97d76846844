import { ChatportError } from "../diagnostics/errors.js";
import type { Message } from "../model/schema.js";
import type { Timestamp } from "../model/timestamp.js";
import { placeText } from "../model/display.js";
import { isValidWall, utcToMs, wallAsUtcMs } from "../time/wall.js";

/** A `--since` / `--until` value, checked and normalised. */
export interface DateBound {
  /** As given. */
  text: string;
  /** Start of the bound, as milliseconds of its wall clock read as UTC (no zone involved). */
  startMs: number;
  /** Exclusive end of the bound at its precision: "2024-03-01" covers the whole day. */
  endMs: number;
  /** Set when the bound named `Z` or an offset: it is an instant, not a wall clock. */
  offsetMinutes?: number;
}

const BOUND =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;
const UNIT = { day: 86_400_000, minute: 60_000, second: 1000 } as const;

/**
 * Parses a `--since`/`--until` value: `YYYY-MM-DD`, optionally `THH:MM[:SS[.fff]]` (or a space for the
 * `T`), optionally `Z` or an offset (`+08:00`). Throws a usage error naming the flag for anything else,
 * including dates that do not exist (Feb 30, month 13), a leap second and years beyond four digits:
 * compared as text, "10000-01-01" sorted before "2021" and "garbage" after every date.
 */
export function parseDateBound(flag: "since" | "until", text: string): DateBound {
  const m = BOUND.exec(text.trim());
  const usage = (why: string) =>
    new ChatportError("usage", `--${flag} "${text}" ${why}; give a date such as 2024-03-01, a date-time such as 2024-03-01T09:30 or 2024-03-01 09:30:15, optionally with Z or an offset (2024-03-01T09:30+08:00).`);
  if (!m) return raise(usage("is not a date chatport reads"));
  const [, y, mo, d, h, mi, s, frac, z, sign, oh, om] = m;
  const f = { year: +y!, month: +mo!, day: +d!, ...(h ? { hour: +h, minute: +mi! } : {}), ...(s ? { second: +s } : {}) };
  if (s === "60") return raise(usage("names a leap second (:60), which no chat export records"));
  if (!isValidWall(f)) return raise(usage("names no real date or time"));
  let offsetMinutes: number | undefined;
  if (z) offsetMinutes = 0;
  else if (sign) {
    if (!h) return raise(usage("has an offset but no time of day"));
    if (+oh! > 14 || +(om ?? 0) > 59) return raise(usage("has an offset beyond ±14:00"));
    offsetMinutes = (sign === "-" ? -1 : 1) * (+oh! * 60 + +(om ?? 0));
  }
  if (z && !h) return raise(usage("has Z but no time of day"));
  const fracMs = frac ? Number(frac.slice(0, 3).padEnd(3, "0")) : 0;
  const startMs = wallAsUtcMs({ hour: 0, minute: 0, second: 0, ...f }) + fracMs;
  const unit = frac ? 10 ** (3 - Math.min(frac.length, 3)) : s ? UNIT.second : h ? UNIT.minute : UNIT.day;
  return { text, startMs, endMs: startMs + unit, ...(offsetMinutes !== undefined ? { offsetMinutes } : {}) };
}

function raise(e: Error): never {
  throw e;
}

/** The instant span of a bound with an offset, in UTC milliseconds. */
const instantSpan = (b: DateBound): [number, number] => [b.startMs - b.offsetMinutes! * 60000, b.endMs - b.offsetMinutes! * 60000];

/** What a range makes of one message. */
export type RangeVerdict = "in" | "out" | "undated" | "uncertain";

// A wall clock without a zone is some instant within these of the same digits read as UTC (offsets
// run from −12:00 to +14:00): against a bound with an offset it is in or out only beyond them.
const EAST_MS = 14 * 3_600_000;
const WEST_MS = 12 * 3_600_000;

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

function wallMs(wall: string): number {
  const m = WALL.exec(wall);
  if (!m) return NaN;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
  return wallAsUtcMs({ year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: m[4] ? +m[4] : 0, minute: m[5] ? +m[5] : 0, second: m[6] ? +m[6] : 0 }) + ms;
}

function unitOf(ts: Timestamp): number {
  return ts.precision === "day" ? UNIT.day : ts.precision === "minute" ? UNIT.minute : ts.precision === "second" ? UNIT.second : 1;
}

/**
 * `--since` / `--until` as one filter. A bound without a zone is a wall clock: it is compared with a
 * message's wall clock (in the `--tz` zone when one was given), or, for a message known only as an
 * instant, with its UTC time. A bound with `Z` or an offset is an instant: compared with a message's
 * instant, or, for a wall clock with no zone, decided only when every possible offset gives the same
 * answer. Messages with no usable time, and those the bounds cut through (a minute-precise time against
 * a bound in seconds, a floating wall clock near an instant bound), are kept and counted, never dropped
 * silently: {@link DateRange.summary} says what was done.
 */
export class DateRange {
  readonly since?: DateBound;
  readonly until?: DateBound;
  /** Messages kept, left out, kept without a usable time, kept though the range could not decide. */
  readonly counts = { in: 0, out: 0, undated: 0, uncertain: 0 };
  /** Where the first message without a time, and the first undecided one, came from. */
  private firstUndated?: string;
  private firstUncertain?: string;

  constructor(since?: string, until?: string) {
    if (since !== undefined) this.since = parseDateBound("since", since);
    if (until !== undefined) this.until = parseDateBound("until", until);
    const s = this.since, u = this.until;
    if (s && u && (s.offsetMinutes === undefined) === (u.offsetMinutes === undefined)) {
      const start = s.offsetMinutes === undefined ? s.startMs : instantSpan(s)[0];
      const end = u.offsetMinutes === undefined ? u.endMs : instantSpan(u)[1];
      if (start >= end)
        throw new ChatportError("usage", `--since ${s.text} is after --until ${u.text}: no message could be kept; swap them (both ends are included).`);
    }
  }

  /** Classifies one message and counts it. */
  test(m: Message): RangeVerdict {
    const v = this.verdict(m.sentAt);
    this.counts[v]++;
    if (v === "undated") this.firstUndated ??= where(m);
    if (v === "uncertain") this.firstUncertain ??= where(m);
    return v;
  }

  private verdict(ts: Timestamp): RangeVerdict {
    let result: RangeVerdict = "in";
    for (const [b, side] of [[this.since, "since"], [this.until, "until"]] as const) {
      if (!b) continue;
      const span = this.spanFor(ts, b);
      if (!span) return "undated";
      const [lo, hi] = span;
      const [bs, be] = b.offsetMinutes === undefined ? [b.startMs, b.endMs] : instantSpan(b);
      if (side === "since" ? hi <= bs : lo >= be) return "out";
      if (side === "since" ? lo < bs : hi > be) result = "uncertain";
    }
    return result;
  }

  /** The span of milliseconds the message may lie in, on the bound's scale (wall or instant). */
  private spanFor(ts: Timestamp, b: DateBound): [number, number] | undefined {
    const unit = unitOf(ts);
    const utc = ts.utc !== undefined ? utcToMs(ts.utc) : NaN;
    const wall = ts.wall !== undefined ? wallMs(ts.wall) : NaN;
    if (b.offsetMinutes !== undefined) {
      if (!Number.isNaN(utc)) return [utc, utc + unit];
      if (!Number.isNaN(wall)) return [wall - EAST_MS, wall + unit + WEST_MS];
      return undefined;
    }
    const t = Number.isNaN(wall) ? utc : wall;
    return Number.isNaN(t) ? undefined : [t, t + unit];
  }

  /** One sentence for the run's diagnostics: the range, what it left out and what it kept undecided. */
  summary(): string {
    const { in: kept, out, undated, uncertain } = this.counts;
    const range = [this.since && `--since ${this.since.text}`, this.until && `--until ${this.until.text}`].filter(Boolean).join(" ");
    let s = `${range}: ${kept + undated + uncertain} message(s) kept, ${out} left out as outside the range`;
    if (undated) s += `; ${undated} kept because they have no usable time (the first ${this.firstUndated})`;
    if (uncertain)
      s += `; ${uncertain} kept because their time cannot be placed on one side of a bound (the first ${this.firstUncertain}): a time less precise than the bound, or a wall clock with no zone against a bound with an offset (pass --tz)`;
    return s + ". Wall-clock bounds compare with each message's wall clock, or its UTC time when it has only an instant.";
  }
}

function where(m: Message): string {
  return `${m.provenance.file} ${placeText(m.provenance.at)}, time "${m.sentAt.raw}"`;
}

/** Checks `since`/`until` up front (a usage error before any reading); undefined when neither is given. */
export function dateRangeOf(since?: string, until?: string): DateRange | undefined {
  return since === undefined && until === undefined ? undefined : new DateRange(since, until);
}

/**
 * True unless the message lies outside [since, until] (see {@link DateRange}): messages with no usable
 * time, or that the bounds cut through, are kept.
 */
export function inRange(m: Message, since?: string, until?: string): boolean {
  const r = dateRangeOf(since, until);
  return !r || r.test(m) !== "out";
}
