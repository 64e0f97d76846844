import { ChatportError } from "../diagnostics/errors.js";

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Per zone: offset in minutes by 15-minute UTC bucket number. */
const offsetCaches = new Map<string, Map<number, number>>();
/** Per zone: wallToInstant's answer by 15-minute wall bucket number (see there). */
const placeCaches = new Map<string, Map<number, Omit<ZonedInstant, "utcMs">>>();
// 2048 quarter hours = 21 days. Chats are read in time order, so a small cache keeps its hit rate, and it
// fills (then starts over) within the first million messages: with 16384 the live heap still grew by
// ~1.7 MB between 1M and 4M messages (16,384 entries ≈ 170 days of a busy chat), which showed as RSS
// growth in `npm run bench`.
const CACHE_MAX = 2048;
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
    // "+08:00", "UTC+8", "GMT-3": people write offsets; IANA spells a fixed offset Etc/GMT-8 (sign reversed).
    const off = /^(?:UTC|GMT)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/i.exec(zone.trim());
    const hint = off
      ? +(off[3] ?? 0) === 0 && +off[2]! <= 14
        ? ` A fixed offset is not a zone: prefer the place's zone (it knows daylight saving), or write Etc/GMT${off[1] === "+" ? "-" : "+"}${+off[2]!} for UTC${off[1]}${off[2]!.padStart(2, "0")}:00 (the sign is reversed in those names).`
        : " A fixed offset is not a zone: give the place's zone, e.g. Asia/Kolkata for +05:30."
      : "";
    throw new ChatportError("usage", `Unknown time zone "${zone}": give an IANA zone name such as Asia/Shanghai or Europe/Berlin.${hint}`);
  }
}

/**
 * The zone name to record for what a person typed: ICU matches names without regard to case, so
 * "asia/shanghai" works but would be written into every timestamp and the manifest as typed, which
 * is no IANA name. A name differing only in case gets its proper spelling; any other accepted name
 * (an alias such as US/Eastern, in any case) is kept as given.
 */
export function zoneName(zone: string): string {
  const canonical = checkZone(zone);
  if (canonical === zone) return zone;
  if (canonical.toLowerCase() === zone.toLowerCase()) return canonical;
  const lower = zone.toLowerCase();
  return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf("timeZone").find((z) => z.toLowerCase() === lower) ?? zone;
}

/** The zone's UTC offset in minutes at a UTC instant (historical rules and DST included, via Intl). */
export function offsetAt(utcMs: number, zone: string): number {
  // tz transitions fall on quarter-hour boundaries (all modern tzdata rules), so the offset at the start
  // of a 15-minute bucket holds for the whole bucket; caching per bucket keeps per-message cost flat.
  const bucket = Math.floor(utcMs / BUCKET_MS);
  let cache = offsetCaches.get(zone);
  if (!cache) offsetCaches.set(zone, (cache = new Map()));
  const hit = cache.get(bucket);
  if (hit !== undefined) return hit;
  const bucketStart = bucket * BUCKET_MS;
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
  if (cache.size > CACHE_MAX) cache.clear();
  cache.set(bucket, offset);
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
  // Every input below is constant over a 15-minute wall bucket when the offsets involved are whole
  // quarter hours (offsetAt is constant per 15-minute UTC bucket and ±14 h is a whole number of buckets),
  // so the answer is cached per wall bucket; odd historical offsets (LMT +08:05:43…) are never cached.
  const bucket = Math.floor(wallMs / BUCKET_MS);
  let cache = placeCaches.get(zone);
  if (!cache) placeCaches.set(zone, (cache = new Map()));
  const hit = cache.get(bucket);
  if (hit) {
    const out: ZonedInstant = { utcMs: wallMs - hit.offsetMinutes * 60000, offsetMinutes: hit.offsetMinutes };
    if (hit.gap) out.gap = true;
    if (hit.ambiguous) out.ambiguous = true;
    return out;
  }
  const r = placeWall(wallMs, zone);
  if (r.quarterHours) {
    if (cache.size > CACHE_MAX) cache.clear();
    const { utcMs: _u, quarterHours: _q, ...rest } = r;
    cache.set(bucket, rest);
  }
  const { quarterHours: _q, ...out } = r;
  return out;
}

/** {@link wallToInstant} without its cache (exported for the test that compares the two). */
export function placeWall(wallMs: number, zone: string): ZonedInstant & { quarterHours: boolean } {
  const before = offsetAt(wallMs - 14 * 3600_000, zone);
  const candidates = new Set([before, offsetAt(wallMs, zone), offsetAt(wallMs + 14 * 3600_000, zone)]);
  let quarterHours = true;
  const valid: number[] = [];
  for (const o of candidates) {
    if (o % 15 !== 0) quarterHours = false;
    if (offsetAt(wallMs - o * 60000, zone) === o) valid.push(o);
  }
  if (valid.length === 1) return { utcMs: wallMs - valid[0]! * 60000, offsetMinutes: valid[0]!, quarterHours };
  if (valid.length > 1) {
    const o = Math.max(...valid); // larger offset = earlier instant
    return { utcMs: wallMs - o * 60000, offsetMinutes: o, ambiguous: true, quarterHours };
  }
  // In a gap the wall time never showed; read it with the offset in force before the gap, so the
  // recorded offset still links the source's wall clock to the instant (Temporal's "compatible").
  return { utcMs: wallMs - before * 60000, offsetMinutes: before, gap: true, quarterHours };
}
