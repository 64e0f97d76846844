import type { Timestamp } from "../../src/model/index.js";
import { isValidWall } from "../../src/time/index.js";

/**
 * Checks the schema cannot express: a timestamp whose basis and fields disagree, or whose wall clock or
 * instant names no real date and time. chatport's writers never produce one; an archive edited by hand
 * or written by another program can, and its instant would then pass as the source's.
 */
export function timestampProblem(ts: Timestamp): string | undefined {
  if (ts.basis === "floating" && (ts.utc !== undefined || ts.offset !== undefined))
    return `has basis "floating" but carries ${ts.utc !== undefined ? "an instant (utc)" : "an offset"}, which a floating time never has`;
  if (ts.basis !== "floating" && ts.utc === undefined) return `has basis "${ts.basis}" but no instant (utc)`;
  if (ts.wall !== undefined && !realDateTime(ts.wall)) return `has the wall clock ${ts.wall}, which is no real date and time`;
  if (ts.utc !== undefined && !realDateTime(ts.utc.slice(0, -1))) return `has the instant ${ts.utc}, which is no real date and time`;
  return undefined;
}

function realDateTime(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(s);
  if (!m) return false;
  return isValidWall({ year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +(m[4] ?? 0), minute: +(m[5] ?? 0), second: +(m[6] ?? 0) });
}

/** The keys of a record that its schema object does not name (they are not carried over). */
export function unknownKeys(value: object, known: ReadonlySet<string>): string[] {
  return Object.keys(value).filter((k) => !known.has(k));
}
