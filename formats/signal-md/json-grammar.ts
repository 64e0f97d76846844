/**
 * The lines of signal-export's `data.json` (exporter source: carderne/signal-export sigexport/models.py
 * `Message.dict_str`, main.py): JSON Lines, one message a line, the same messages as `chat.md`:
 *
 * `{"date": "2024-05-01T09:15:02.123000", "sender": "Me", "body": "Hi  ", "quote": "", "sticker": null,
 *   "reactions": [["Jane", "👍"]], "attachments": [{"name": "a.jpg", "path": "media/a.jpg"}],
 *   "deleted": false, "call": false, "missed": false}`
 *
 * `date` is Python's `isoformat()` of a local, zone-less time made from milliseconds (microseconds
 * written only when not zero); `body` keeps the two spaces create.py appends; `quote` is written as in
 * chat.md (`"\n\n> line\n\n"`); `sticker` is null, an emoji (some releases), or the Sticker record
 * (`id`, `packId`, `emoji`, `extension`); `path` has whitespace written `%20`, as in chat.md.
 */
import type { TimestampPrecision } from "../../src/model/index.js";
import type { WallFields } from "../../src/time/index.js";
import { takeQuote, type BodyParts, type MediaLink } from "./grammar.js";

/** One data.json line, read. */
export interface JsonRecord {
  rawTime: string;
  wall: WallFields | undefined;
  precision: TimestampPrecision;
  sender: string;
  parts: BodyParts;
  /** Fields the model has no place for (`missed`, `call`, unknown keys), kept as written. */
  extra: Record<string, unknown>;
}

/** How a data.json line starts (json.dumps' default separators): what detection looks for. */
export const JSON_LINE_START = /^\{"date": "\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?", "sender": "/;

const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;
const KNOWN = new Set(["date", "sender", "body", "quote", "sticker", "reactions", "attachments", "deleted", "call", "missed"]);
// models.py `is_image`: the exporter marks these links as images in chat.md.
const IMAGE = /\.(?:png|jpe?g|gif|tiff?|webp|apng|svg)$/;

/** Reads one line; a string says why it is not a data.json message. */
export function parseJsonLine(line: string): JsonRecord | string {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return "not JSON";
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) return "not a JSON object";
  const o = v as Record<string, unknown>;
  if (typeof o.date !== "string" || typeof o.sender !== "string") return 'no "date" and "sender" strings';
  const { wall, precision } = timeOf(o.date);
  const body = typeof o.body === "string" ? (o.body.endsWith("  ") ? o.body.slice(0, -2) : o.body) : "";
  const parts: BodyParts = { text: body, reactions: reactionsOf(o.reactions), attachments: attachmentsOf(o.attachments), deleted: o.deleted === true };
  const quote = typeof o.quote === "string" && o.quote !== "" ? takeQuote(o.quote) : undefined;
  // create.py's shape is the whole field; anything else is kept as written (below).
  if (quote?.quote !== undefined && quote.rest === "") parts.quote = quote.quote;
  const sticker = stickerOf(o.sticker);
  if (sticker) parts.sticker = sticker;
  if (parts.deleted) parts.text = "";
  const extra: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) if (!KNOWN.has(k)) extra[k] = x;
  // What could not be read is kept whole rather than dropped.
  if (Array.isArray(o.reactions) && parts.reactions.length !== o.reactions.length) extra.reactions = o.reactions;
  if (Array.isArray(o.attachments) && parts.attachments.length !== o.attachments.length) extra.attachments = o.attachments;
  if (typeof o.sticker === "object" && o.sticker !== null) extra.stickerRecord = o.sticker;
  if (o.call === true) extra.call = true;
  if (o.missed === true) extra.missed = true;
  // A quote in a shape other than create.py's is kept as written.
  if ((quote && parts.quote === undefined) || (o.quote != null && typeof o.quote !== "string")) extra.quote = o.quote;
  return { rawTime: o.date, wall, precision, sender: o.sender, parts, extra };
}

function timeOf(raw: string): { wall: WallFields | undefined; precision: TimestampPrecision } {
  const m = ISO_LOCAL.exec(raw);
  if (!m) return { wall: undefined, precision: "second" };
  const wall: WallFields = { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: +m[6]! };
  let digits = m[7];
  if (digits === undefined) return { wall, precision: "second" };
  // Signal's times are milliseconds: Python writes them as microseconds ending in 000.
  if (digits.length === 6 && digits.endsWith("000")) digits = digits.slice(0, 3);
  wall.fraction = digits;
  return { wall, precision: digits.length <= 3 ? "millisecond" : "microsecond" };
}

function reactionsOf(v: unknown): BodyParts["reactions"] {
  if (!Array.isArray(v)) return [];
  const out: BodyParts["reactions"] = [];
  for (const r of v) {
    // A namedtuple (name, emoji) is written as a list; take an object form too.
    const [name, emoji] = Array.isArray(r) ? r : typeof r === "object" && r !== null ? [(r as Record<string, unknown>).name, (r as Record<string, unknown>).emoji] : [];
    if (typeof name === "string" && typeof emoji === "string") out.push({ name, emoji });
  }
  return out;
}

function attachmentsOf(v: unknown): MediaLink[] {
  if (!Array.isArray(v)) return [];
  const out: MediaLink[] = [];
  for (const a of v) {
    if (typeof a !== "object" || a === null) continue;
    const { name, path } = a as Record<string, unknown>;
    if (typeof path !== "string") continue;
    out.push({ name: typeof name === "string" ? name : path.replace(/^.*\//, ""), href: path, image: IMAGE.test(path.toLowerCase()) });
  }
  return out;
}

function stickerOf(v: unknown): BodyParts["sticker"] {
  if (typeof v === "string") return v === "" ? undefined : { label: v };
  if (typeof v !== "object" || v === null) return undefined;
  const s = v as Record<string, unknown>;
  const label = typeof s.emoji === "string" && s.emoji !== "" ? s.emoji : "sticker";
  // models.py `Sticker.get_path`: the file, when the exporter found it, is exported_stickers/<pack>/<id>.<ext>.
  if (typeof s.packId === "string" && typeof s.id === "string" && typeof s.extension === "string" && s.extension !== "")
    return { label, link: { name: label, href: `../exported_stickers/${s.packId}/${s.id}.${s.extension}`, image: false } };
  return { label };
}
