import type { Timestamp } from "../../src/model/index.js";
import type { ReadContext } from "../../src/plugin/types.js";
import { readWallTime } from "../../src/plugin/wall-time.js";
import { isValidWall } from "../../src/time/index.js";
import { parseTimeValue } from "./grammar.js";

/**
 * The Timestamp of a block's `时间:` value: a wall clock in the exporting machine's zone, which the
 * file does not name (formats-cn.md §11) — floating, or assumed-zone with `--tz`. A missing or
 * unreadable time is reported and kept raw.
 */
export function blockTimestamp(raw: string | undefined, ctx: ReadContext, file: string, line: number): Timestamp {
  if (raw === undefined) {
    ctx.report("invalid-timestamp", { message: `The message block at line ${line - 1} has no 时间: line; its time is unknown.`, file, place: { line: line - 1 } });
    return { raw: "", basis: "floating", precision: "second" };
  }
  const f = parseTimeValue(raw);
  const precision = f?.second === undefined ? "minute" : "second";
  if (!f || !isValidWall(f)) {
    ctx.report("invalid-timestamp", { message: `"${raw}" names no real date or time; kept raw only.`, file, place: { line }, raw });
    return { raw, basis: "floating", precision };
  }
  return readWallTime(raw, f, precision, ctx, file, { line });
}
