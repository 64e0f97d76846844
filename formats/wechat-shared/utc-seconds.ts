import type { Timestamp } from "../../src/model/timestamp.js";
import { exactTimestamp } from "../../src/time/index.js";

const PLAIN_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** The last minute built in full: its milliseconds, its "YYYY-MM-DDTHH:MM:" text and the second strings made so far. */
let memo = { minute: NaN, prefix: "", seconds: [] as (string | undefined)[] };

/**
 * `exactTimestamp(raw, ms, "second")` (an epoch with no zone: utc only), reusing the formatted minute of
 * the previous call — rows come in time order, many per minute. Each second's text is made once per
 * minute and flattened (`| 0` makes V8 flatten a concatenated string in place): the engine's statistics
 * compare every utc, and comparing rope strings flattened a fresh copy per message in the 1M-row profile.
 * utc-seconds.test.ts holds it equal to the general path.
 */
export function exactUtcSecond(raw: string, ms: number): Timestamp {
  const minute = Math.floor(ms / 60000);
  if (minute === memo.minute) {
    const sec = (ms - minute * 60000) / 1000;
    if (Number.isInteger(sec)) {
      let utc = memo.seconds[sec];
      if (utc === undefined) {
        utc = memo.prefix + (sec < 10 ? "0" + sec : String(sec)) + "Z";
        void ((utc as unknown as number) | 0);
        memo.seconds[sec] = utc;
      }
      return { raw, utc, basis: "exact", precision: "second" };
    }
  }
  const ts = exactTimestamp(raw, ms, "second");
  memo = ts.utc !== undefined && PLAIN_UTC.test(ts.utc) ? { minute, prefix: ts.utc.slice(0, 17), seconds: [] } : { minute: NaN, prefix: "", seconds: [] };
  return ts;
}
