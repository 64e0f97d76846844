import { utcToMs } from "../../src/time/wall.js";
import { ChatportError } from "../../src/diagnostics/errors.js";
import type { Message, Timestamp } from "../../src/model/index.js";

/**
 * RSMF timestamps must be RFC 3339 date-times with `Z` or an offset (audit-outputs.md §5.3: the schema's
 * own offset-less examples fail a strict validator). We always write the UTC instant with `Z`, to the
 * source's precision; RFC 3339 needs seconds, so a minute-precision time gets ":00" (its precision is
 * stated in the event's custom `time_precision`).
 */
export function rsmfInstant(ts: Timestamp): string | undefined {
  const u = ts.utc;
  if (u === undefined) return undefined;
  return /T\d{2}:\d{2}Z$/.test(u) ? u.slice(0, -1) + ":00Z" : u;
}

/** Milliseconds since the epoch of an instant written by {@link rsmfInstant} (for min/max only). */
export function instantMs(instant: string): number {
  return utcToMs(instant);
}

/** True when a timestamp is a wall clock with a time of day but no zone: fixable with `--tz`. */
export function needsZone(ts: Timestamp): boolean {
  return ts.utc === undefined && ts.wall !== undefined && ts.wall.includes("T");
}

/**
 * The error for the first message whose time has no zone. RSMF cannot hold a zone-less time, and
 * guessing one would put every event hours off, so the writer stops before writing anything.
 */
export function floatingTimeError(m: Message): ChatportError {
  const at = m.provenance.at;
  const where = "line" in at ? ` line ${at.line}` : "table" in at ? ` ${at.table} rowid ${at.rowid}` : "pointer" in at ? ` ${at.pointer}` : ` ${at.entry}`;
  return new ChatportError(
    "usage",
    `RSMF needs every time as an instant, but ${m.provenance.file}${where} has the time "${m.sentAt.raw}" with no time zone: pass --tz <zone> (for example --tz Asia/Shanghai) naming the zone of the device that made the export.`,
    { code: "timezone-floating" },
  );
}
