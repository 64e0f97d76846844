import type { Timestamp, TimestampPrecision } from "../model/timestamp.js";
import { formatOffset, formatUtc, formatWall, pad2, wallAsUtcMs, type WallFields } from "./wall.js";
import { offsetAt, wallToInstant } from "./zone.js";

/** What happened while placing a wall time in a zone, for the caller to report. */
export interface ZoneNote {
  gap?: boolean;
  ambiguous?: boolean;
}

/**
 * A timestamp for a wall-clock value with no zone in the source. Without `zone` it is `floating`
 * (no instant invented); with a user-given zone it is `assumed-zone`, with utc and offset.
 */
export function wallTimestamp(
  raw: string,
  fields: WallFields,
  precision: TimestampPrecision,
  zone?: string,
  note?: ZoneNote,
): Timestamp {
  if (zone && precision === "second" && fields.fraction === undefined) {
    const m = placedMinute(fields, zone);
    if (m) {
      const sec = fields.second ?? 0;
      return { raw, wall: m.wall + ":" + pad2(sec), utc: formatUtc(m.utcMs + sec * 1000, "second"), offset: m.offset, zone, basis: "assumed-zone", precision };
    }
  }
  const wall = formatWall(fields, precision);
  if (!zone || precision === "day") return { raw, wall, basis: "floating", precision };
  const placed = wallToInstant(wallAsUtcMs(fields), zone);
  if (note) {
    if (placed.gap) note.gap = true;
    if (placed.ambiguous) note.ambiguous = true;
  }
  return {
    raw,
    wall,
    utc: formatUtc(placed.utcMs, precision, fields.fraction),
    offset: formatOffset(placed.offsetMinutes),
    zone,
    basis: "assumed-zone",
    precision,
  };
}

// The last wall minute placed in a zone. Chat exports are in time order, so consecutive messages share
// their minute: its wall text, instant and offset are worked out once, each second added to them.
let minuteZone = "", minuteKey = NaN;
let minute: { wall: string; utcMs: number; offset: string } | undefined;

/**
 * The placement of the fields' minute (second 0) in `zone`, when every second of that minute is placed
 * by adding it: a whole quarter-hour offset, no gap and no ambiguity (transitions fall on whole minutes).
 */
function placedMinute(f: WallFields, zone: string): typeof minute {
  const key = (((f.year * 13 + f.month) * 32 + f.day) * 24 + (f.hour ?? 0)) * 60 + (f.minute ?? 0);
  if (key === minuteKey && zone === minuteZone) return minute;
  const start = { year: f.year, month: f.month, day: f.day, hour: f.hour ?? 0, minute: f.minute ?? 0, second: 0 };
  const placed = wallToInstant(wallAsUtcMs(start), zone);
  minuteKey = key;
  minuteZone = zone;
  minute =
    placed.gap || placed.ambiguous || placed.offsetMinutes % 15 !== 0
      ? undefined
      : { wall: formatWall(start, "minute"), utcMs: placed.utcMs, offset: formatOffset(placed.offsetMinutes) };
  return minute;
}

/** A timestamp for a wall clock the source gave with an explicit offset ("2023-08-10T23:11:02-03:00"). */
export function offsetTimestamp(
  raw: string,
  fields: WallFields,
  offsetMinutes: number,
  precision: TimestampPrecision,
): Timestamp {
  const utcMs = wallAsUtcMs(fields) - offsetMinutes * 60000;
  return {
    raw,
    wall: formatWall(fields, precision),
    utc: formatUtc(utcMs, precision, fields.fraction),
    offset: formatOffset(offsetMinutes),
    basis: "source-offset",
    precision,
  };
}

/** 0000-01-02T00:00:00Z and 9999-12-30T23:59:59.999Z: a day inside the four-digit years, so any offset keeps the wall clock there too. */
const FIRST_INSTANT_MS = -62167132800000;
const LAST_INSTANT_MS = 253402214399999;

/**
 * Whether `ms` is an instant the model can write: finite and within the years 0000–9999 (with a day to
 * spare for any offset). The model's `utc` and `wall` have four-digit years; beyond them JavaScript
 * writes `+010000-…` or throws ("Invalid time value" past ±8.64e15 ms). Readers test an epoch from a
 * damaged or hostile cell with this and report `invalid-timestamp` when it fails.
 */
export function isRepresentableInstant(ms: number): boolean {
  return Number.isFinite(ms) && ms >= FIRST_INSTANT_MS && ms <= LAST_INSTANT_MS;
}

/**
 * A timestamp for an instant the source gave (an epoch). `ms` is the instant in milliseconds; `fraction`
 * carries sub-millisecond digits for micro/nanosecond sources. With `zone`, wall and offset are derived
 * in that zone; with `offsetMinutes`, in that fixed offset; otherwise only utc is set. An instant
 * outside {@link isRepresentableInstant} keeps only `raw` (floating): never a malformed date, never a
 * throw; the reader should have reported it.
 */
export function exactTimestamp(
  raw: string,
  ms: number,
  precision: TimestampPrecision,
  opts: { zone?: string; offsetMinutes?: number; fraction?: string } = {},
): Timestamp {
  if (!isRepresentableInstant(ms)) return { raw, basis: "floating", precision };
  const utc = formatUtc(ms, precision, opts.fraction);
  let offsetMinutes = opts.offsetMinutes;
  if (opts.zone !== undefined) offsetMinutes = offsetAt(ms, opts.zone);
  if (offsetMinutes === undefined) return { raw, utc, basis: "exact", precision };
  const local = formatUtc(ms + offsetMinutes * 60000, precision, opts.fraction);
  const ts: Timestamp = {
    raw,
    wall: local.endsWith("Z") ? local.slice(0, -1) : local,
    utc,
    offset: formatOffset(offsetMinutes),
    basis: "exact",
    precision,
  };
  if (opts.zone !== undefined) ts.zone = opts.zone;
  return ts;
}

/** Parses "+08:00" / "-0300" / "Z" into minutes; undefined when it is not an offset. */
export function parseOffset(text: string): number | undefined {
  if (text === "Z" || text === "z") return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (!m) return undefined;
  const v = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === "-" ? -v : v;
}
