import type { Place } from "./schema.js";
import type { Timestamp } from "./timestamp.js";

/**
 * A timestamp as a person should read it, never ambiguous: wall clock with its offset and zone, or an
 * instant in UTC, or the wall clock marked "zone unknown", or the source's text marked as having no date.
 */
export function displayTimestamp(ts: Timestamp): string {
  const wall = ts.wall?.replace("T", " ");
  if (wall && ts.offset) return `${wall} ${ts.offset === "+00:00" && !ts.zone ? "UTC" : `UTC${ts.offset}`}${ts.zone ? ` (${ts.zone})` : ""}`;
  if (ts.utc) return `${ts.utc.replace("T", " ").replace("Z", "")} UTC`;
  if (wall) return `${wall} (zone unknown)`;
  // Only the source's text: a time of day without its date (a QQ window copy's "today"), or a value
  // that is no time at all. "unparsed" read as a fault of ours for the first.
  return ts.raw === "" ? "no time given" : `${ts.raw} (as written; no date)`;
}

/** The basis of a timestamp in words, for cover sheets and legends. */
export function describeBasis(ts: Pick<Timestamp, "basis" | "zone">): string {
  switch (ts.basis) {
    case "exact":
      return "exact instant given by the source";
    case "source-offset":
      return "wall clock with the offset the source gave";
    case "assumed-zone":
      return `wall clock; zone ${ts.zone ?? "?"} assumed by the user (--tz), not stated by the source`;
    case "floating":
      return "wall clock only; the source states no zone and none was assumed";
  }
}

/** A provenance place in plain words: "lines 9-10", "MSG rowid 5", "json /messages/3", "entry 2 line 4". */
export function placeText(at: Place): string {
  if ("line" in at) return at.endLine ? `lines ${at.line}-${at.endLine}` : `line ${at.line}`;
  if ("table" in at) return `${at.table} rowid ${at.rowid}`;
  if ("pointer" in at) return `json ${at.pointer}`;
  return `entry ${at.entry}${at.inner ? " " + placeText(at.inner) : ""}`;
}
