import type { Message } from "../../src/model/schema.js";
import type { Timestamp } from "../../src/model/timestamp.js";
import { wallTimestamp, type ZoneNote } from "../../src/time/make-timestamp.js";

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

/**
 * With `--tz`, a floating time kept in the archive (a wall clock the first read could not place) is
 * placed in the zone, exactly as the original reader would have done with `--tz`: basis becomes
 * "assumed-zone" with utc and offset. Other timestamps are left as they are.
 */
function place(ts: Timestamp, zone: string, note: ZoneNote): Timestamp {
  if (ts.basis !== "floating" || ts.wall === undefined || ts.precision === "day") return ts;
  const m = WALL.exec(ts.wall);
  if (!m) return ts;
  const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));
  const fields = {
    year: Number(m[1]), month: Number(m[2]), day: Number(m[3]),
    ...(m[4] !== undefined ? { hour: num(m[4])!, minute: num(m[5])! } : {}),
    ...(m[6] !== undefined ? { second: num(m[6])! } : {}),
    ...(m[7] !== undefined ? { fraction: m[7] } : {}),
  };
  return wallTimestamp(ts.raw, fields, ts.precision, zone, note);
}

/** The message with its floating times (sent, edited, forwarded, nested) placed in `zone`. */
export function placeFloating(msg: Message, zone: string, note: ZoneNote): Message {
  const out: Message = { ...msg, sentAt: place(msg.sentAt, zone, note) };
  if (msg.editedAt) out.editedAt = place(msg.editedAt, zone, note);
  if (msg.forwarded?.originalSentAt) out.forwarded = { ...msg.forwarded, originalSentAt: place(msg.forwarded.originalSentAt, zone, note) };
  if (msg.inner) out.inner = msg.inner.map((i) => placeFloating(i, zone, note));
  return out;
}
