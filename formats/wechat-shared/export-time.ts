/**
 * Times written as text by third-party WeChat exporters (PyWxDump `CreateTime`, WeChatMsg `StrTime`):
 * `YYYY-MM-DD HH:MM:SS` as exported, or what a spreadsheet made of it after a re-save (`2024/10/4 11:42`,
 * no seconds; `10/4/2024 11:42` under a US locale). Kept at the precision actually written: a time
 * without seconds is a "minute" timestamp, never padded with invented seconds (formats-cn.md §10.2).
 */
import type { Place, Timestamp, TimestampPrecision } from "../../src/model/index.js";
import type { ReadContext } from "../../src/plugin/types.js";
import { readWallTime } from "../../src/plugin/wall-time.js";
import { exactTimestamp, isRepresentableInstant, isValidWall, wallAsUtcMs, type WallFields } from "../../src/time/index.js";

/** A wall time read from export text, at the precision written. */
export interface ExportWall {
  fields: WallFields;
  precision: TimestampPrecision;
  /** True when the date was N/N/YYYY and nothing in it decided day versus month. */
  orderGuessed?: boolean;
}

const YEAR_FIRST = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;
const YEAR_LAST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** Parses export time text; undefined when it is no time this module knows. `dmy` decides N/N/YYYY. */
export function parseExportWall(text: string, order: "mdy" | "dmy" = "mdy"): ExportWall | undefined {
  const t = text.trim();
  let y: number, mo: number, d: number, h: string | undefined, mi: string | undefined, s: string | undefined, frac: string | undefined;
  let orderGuessed = false;
  let m = YEAR_FIRST.exec(t);
  if (m) {
    y = Number(m[1]); mo = Number(m[2]); d = Number(m[3]); h = m[4]; mi = m[5]; s = m[6]; frac = m[7];
  } else if ((m = YEAR_LAST.exec(t))) {
    const a = Number(m[1]), b = Number(m[2]);
    y = Number(m[3]); h = m[4]; mi = m[5]; s = m[6];
    if (a > 12 && b <= 12) [d, mo] = [a, b];
    else if (b > 12 && a <= 12) [mo, d] = [a, b];
    else {
      [mo, d] = order === "dmy" ? [b, a] : [a, b];
      orderGuessed = a !== b;
    }
  } else return undefined;
  const fields: WallFields = { year: y, month: mo, day: d };
  let precision: TimestampPrecision = "day";
  if (h !== undefined && mi !== undefined) {
    fields.hour = Number(h);
    fields.minute = Number(mi);
    precision = "minute";
    if (s !== undefined) {
      fields.second = Number(s);
      precision = "second";
      if (frac) {
        fields.fraction = frac;
        precision = frac.length <= 3 ? "millisecond" : frac.length <= 6 ? "microsecond" : "nanosecond";
      }
    }
  }
  if (!isValidWall(fields)) return undefined;
  return orderGuessed ? { fields, precision, orderGuessed } : { fields, precision };
}

/** Tracks once-per-file notices about export times. */
export interface ExportTimeState {
  floatingReported?: boolean;
  orderReported?: boolean;
}

/**
 * A Timestamp for export wall-clock text: floating (or assumed-zone with --tz), at its real precision.
 * Unreadable text is kept raw with an `invalid-timestamp` diagnostic.
 */
export function exportWallTimestamp(
  raw: string,
  ctx: ReadContext,
  file: string,
  place: Place,
  state: ExportTimeState,
  order: "mdy" | "dmy" = "mdy",
): Timestamp {
  const w = parseExportWall(raw, order);
  if (!w) {
    ctx.report("invalid-timestamp", { message: `"${raw}" is not a date and time this reader knows; kept raw only.`, file, place, raw });
    return { raw, basis: "floating", precision: "second" };
  }
  if (w.orderGuessed && !state.orderReported) {
    state.orderReported = true;
    ctx.report("date-order-undecidable", {
      message: `${file} has dates like "${raw}" where day and month cannot be told apart; read as ${order === "dmy" ? "day/month" : "month/day"} (pass the reader option dateOrder if wrong).`,
      file,
      place,
      raw,
    });
  }
  if (!ctx.tz && !state.floatingReported) {
    state.floatingReported = true;
    ctx.report("timezone-floating", {
      message: `${file} gives wall-clock times of the exporting computer with no zone; pass --tz (e.g. Asia/Shanghai) to record instants.`,
      file,
    });
  }
  return readWallTime(raw, w.fields, w.precision, ctx, file, place);
}

/**
 * A Timestamp for an epoch the source gave (`unit` seconds or milliseconds, as a decimal string).
 * With --tz the wall clock is shown in that zone; otherwise, when the exporter also wrote the local
 * wall clock (`wallText`, e.g. WeChatMsg `StrTime`) and it differs from the instant by whole minutes,
 * that offset is kept. Undefined when `raw` is not an integer.
 */
export function epochTimestamp(raw: string, unit: "s" | "ms", ctx: ReadContext, wallText?: string): Timestamp | undefined {
  const t = raw.trim();
  if (!/^-?\d{1,16}$/.test(t)) return undefined;
  const n = Number(t);
  const ms = unit === "s" ? n * 1000 : n;
  if (!isRepresentableInstant(ms)) return undefined;
  const precision: TimestampPrecision = unit === "s" ? "second" : "millisecond";
  if (ctx.tz) return exactTimestamp(raw, ms, precision, { zone: ctx.tz });
  if (wallText !== undefined) {
    const w = parseExportWall(wallText);
    if (w && w.precision === "second") {
      const diff = wallAsUtcMs(w.fields) - Math.floor(ms / 1000) * 1000;
      if (diff % 60000 === 0 && Math.abs(diff) <= 14 * 3600_000) return exactTimestamp(raw, ms, precision, { offsetMinutes: diff / 60000 });
    }
  }
  return exactTimestamp(raw, ms, precision);
}
