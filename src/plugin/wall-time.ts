import type { Place, Timestamp, TimestampPrecision } from "../model/index.js";
import { wallTimestamp, type WallFields, type ZoneNote } from "../time/index.js";
import type { ReadContext } from "./types.js";

/**
 * The Timestamp of a wall-clock time an export gives without a zone ({@link wallTimestamp}: floating, or
 * placed in `--tz`). A time the zone skips (a DST gap: moved forward) or passes twice (the earlier
 * instant taken) is reported at `place`, with the value as written, and noted in `note` when given.
 */
export function readWallTime(raw: string, fields: WallFields, precision: TimestampPrecision, ctx: ReadContext, file: string, place: Place, note: ZoneNote = {}): Timestamp {
  const ts = wallTimestamp(raw, fields, precision, ctx.tz, note);
  if (note.gap) ctx.report("timezone-gap", { message: `${raw} does not exist in ${ctx.tz} (a DST gap); moved forward.`, file, place, raw });
  if (note.ambiguous) ctx.report("timezone-ambiguous", { message: `${raw} occurs twice in ${ctx.tz}; the earlier instant was taken.`, file, place, raw });
  return ts;
}
