import type { Timestamp } from "../../src/model/timestamp.js";
import { exactTimestamp } from "../../src/time/index.js";

const PLAIN_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** The last minute built in full: its milliseconds and its "YYYY-MM-DDTHH:MM:" text. */
let memo = { minute: NaN, prefix: "" };

/**
 * `exactTimestamp(raw, ms, "second")` (an epoch with no zone: utc only), reusing the formatted minute of
 * the previous call — rows come in time order, many per minute. utc-seconds.test.ts holds it equal to
 * the general path.
 */
export function exactUtcSecond(raw: string, ms: number): Timestamp {
  const minute = Math.floor(ms / 60000);
  if (minute === memo.minute) {
    const sec = (ms - minute * 60000) / 1000;
    if (Number.isInteger(sec)) return { raw, utc: memo.prefix + (sec < 10 ? "0" + sec : String(sec)) + "Z", basis: "exact", precision: "second" };
  }
  const ts = exactTimestamp(raw, ms, "second");
  memo = ts.utc !== undefined && PLAIN_UTC.test(ts.utc) ? { minute, prefix: ts.utc.slice(0, 17) } : { minute: NaN, prefix: "" };
  return ts;
}
