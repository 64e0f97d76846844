import { z } from "zod";

/** How a timestamp's instant is known. See DESIGN.md §3 "Timestamps are kept intact". */
export const TimestampBasis = z.enum(["exact", "source-offset", "assumed-zone", "floating"]);
/** One of the bases: exact, source-offset, assumed-zone, floating. */
export type TimestampBasis = z.infer<typeof TimestampBasis>;

/** How many digits of the time the source gave. */
export const TimestampPrecision = z.enum(["day", "minute", "second", "millisecond", "microsecond", "nanosecond"]);
/** One of the precisions, coarsest first. */
export type TimestampPrecision = z.infer<typeof TimestampPrecision>;

// Wall clock: ISO 8601 local date-time cut at the source's precision, never with a zone suffix.
const WALL = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?$/;
// Instant: RFC 3339 with Z (minutes-only when the source had no seconds).
const UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z$/;
const OFFSET = /^[+-]\d{2}:\d{2}$/;

/**
 * A point in time as the source gave it. `raw` is always kept; `utc` exists only when the source gave
 * an instant or the user supplied a zone; the host's zone never contributes.
 */
export const Timestamp = z
  .object({
    raw: z.string().describe("exactly as in the source"),
    wall: z.string().regex(WALL).optional().describe("local wall clock shown to the user, no zone"),
    utc: z.string().regex(UTC).optional().describe("RFC 3339 instant with Z, to the source's precision"),
    offset: z.string().regex(OFFSET).optional().describe("offset linking wall and utc"),
    zone: z.string().optional().describe("IANA zone"),
    basis: TimestampBasis,
    precision: TimestampPrecision,
  })
  .meta({ id: "Timestamp" });
/** A timestamp with its raw source value, wall clock, zone, instant and basis kept apart. */
export type Timestamp = z.infer<typeof Timestamp>;
