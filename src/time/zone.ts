import { ChatportError } from "../diagnostics/errors.js";

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();
const BUCKET_MS = 15 * 60 * 1000;

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Throws a usage error unless `zone` is an IANA zone name this Node's ICU knows; returns its canonical name. */
export function checkZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new ChatportError("usage", `Unknown time zone "${zone}": give an IANA zone name such as Asia/Shanghai or Europe/Berlin.`);
  }
}

/** The zone's UTC offset in minutes at a UTC instant (historical rules and DST included, via Intl). */
export function offsetAt(utcMs: number, zone: string): number {
  // tz transitions fall on quarter-hour boundaries (all modern tzdata rules), so the offset at the start
  // of a 15-minute bucket holds for the whole bucket; caching per bucket keeps per-message cost flat.
  const bucketStart = Math.floor(utcMs / BUCKET_MS) * BUCKET_MS;
  const key = zone + "|" + bucketStart;
  const hit = offsetCache.get(key);
  if (hit !== undefined) return hit;
  const parts = formatterFor(zone).formatToParts(new Date(bucketStart));
  let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, bc = false;
  for (const p of parts) {
    switch (p.type) {
      case "year": y = Number(p.value); break;
      case "month": mo = Number(p.value); break;
      case "day": d = Number(p.value); break;
      case "hour": h = Number(p.value); break;
      case "minute": mi = Number(p.value); break;
      case "second": s = Number(p.value); break;
      case "era": bc = p.value === "BC"; break;
    }
  }
  const date = new Date(0);
  date.setUTCFullYear(bc ? 1 - y : y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  const offset = Math.round((date.getTime() - bucketStart) / 60000);
  if (offsetCache.size > 16384) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/** Result of placing a wall-clock time in a zone. */
export interface ZonedInstant {
  utcMs: number;
  offsetMinutes: number;
  /** The wall time does not exist in the zone (a DST gap); it was moved forward by the gap. */
  gap?: boolean;
  /** The wall time occurs twice (a DST fold); the earlier instant was taken. */
  ambiguous?: boolean;
}

/**
 * Finds the instant at which the zone showed a wall time given as UTC-milliseconds-of-the-wall-fields.
 * DST folds take the earlier instant and gaps move forward, as Temporal's "compatible" disambiguation.
 */
export function wallToInstant(wallMs: number, zone: string): ZonedInstant {
  const candidates = new Set([
    offsetAt(wallMs - 14 * 3600_000, zone),
    offsetAt(wallMs, zone),
    offsetAt(wallMs + 14 * 3600_000, zone),
  ]);
  const valid: number[] = [];
  for (const o of candidates) if (offsetAt(wallMs - o * 60000, zone) === o) valid.push(o);
  if (valid.length === 1) return { utcMs: wallMs - valid[0]! * 60000, offsetMinutes: valid[0]! };
  if (valid.length > 1) {
    const o = Math.max(...valid); // larger offset = earlier instant
    return { utcMs: wallMs - o * 60000, offsetMinutes: o, ambiguous: true };
  }
  // In a gap the wall time never showed; read it with the offset in force before the gap, so the
  // recorded offset still links the source's wall clock to the instant (Temporal's "compatible").
  const before = offsetAt(wallMs - 14 * 3600_000, zone);
  return { utcMs: wallMs - before * 60000, offsetMinutes: before, gap: true };
}
