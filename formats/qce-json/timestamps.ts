import type { Timestamp } from "../../src/model/index.js";
import { exactTimestamp, isRepresentableInstant, isValidWall, parseOffset, wallTimestamp } from "../../src/time/index.js";

/** A message time and the epoch milliseconds behind it (when the source gave an instant). */
export interface QceTime {
  ts: Timestamp;
  ms?: number;
  /** Set when only the `time` text could be used (wall clock in the exporting machine's zone). */
  fromWallText?: boolean;
  invalid?: boolean;
  /** The `timestamp` value as text when one was given but could not be read as an instant (0, negative, past 9999, not a number). */
  rejected?: string;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/;
const LOCAL = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2}):(\d{2})$/;

/**
 * The time of a QCE message. `timestamp` is epoch **milliseconds** (exact, millisecond precision); a
 * value below 1e11 can only be seconds (it would be 1973 in ms) and is read so. A `timestamp` that is an
 * ISO string with Z/offset is an instant too. Without a usable `timestamp`, `time`
 * ("YYYY-MM-DD HH:mm:ss", the exporting machine's zone) gives a wall clock: floating, or assumed-zone
 * with --tz (formats-cn.md §10.3, §11).
 */
export function qceTime(timestamp: unknown, time: unknown, tz: string | undefined): QceTime {
  const zone = tz ? { zone: tz } : {};
  let n: number | undefined;
  if (typeof timestamp === "number" && Number.isFinite(timestamp)) n = timestamp;
  else if (typeof timestamp === "string" && /^\d{1,16}$/.test(timestamp)) n = Number(timestamp);
  // An epoch beyond the years 0000–9999 (a damaged value) falls through to `time`, else is invalid.
  if (n !== undefined && n > 0) {
    const raw = String(timestamp);
    const seconds = n < 1e11;
    const ms = seconds ? Math.trunc(n) * 1000 : Math.trunc(n);
    if (isRepresentableInstant(ms)) return { ts: exactTimestamp(raw, ms, seconds ? "second" : "millisecond", zone), ms };
  }
  if (typeof timestamp === "string") {
    const m = ISO.exec(timestamp);
    const off = m ? parseOffset(m[8]!) : undefined;
    if (m && off !== undefined) {
      const f = { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: +m[6]! };
      if (isValidWall(f)) {
        const frac = m[7] ?? "";
        const ms = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, Number((frac + "000").slice(0, 3))) - off * 60000;
        const precision = frac.length === 0 ? "second" : frac.length <= 3 ? "millisecond" : frac.length <= 6 ? "microsecond" : "nanosecond";
        return { ts: exactTimestamp(timestamp, ms, precision, { ...zone, ...(frac.length > 3 ? { fraction: frac } : {}) }), ms };
      }
    }
  }
  const rejected = timestamp === undefined || timestamp === null ? undefined : typeof timestamp === "object" ? JSON.stringify(timestamp) : String(timestamp);
  if (typeof time === "string") {
    const m = LOCAL.exec(time.trim());
    if (m) {
      const f = { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: +m[6]! };
      if (isValidWall(f)) return { ts: wallTimestamp(time, f, "second", tz), fromWallText: true, ...(rejected !== undefined ? { rejected } : {}) };
    }
  }
  const raw = typeof timestamp === "string" || typeof timestamp === "number" ? String(timestamp) : typeof time === "string" ? time : "";
  return { ts: { raw, basis: "floating", precision: "second" }, invalid: true };
}
