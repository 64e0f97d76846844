/**
 * Text of one message in WhatsApp export form (FORMAT.md, "Writer"): header, author, body lines, attachment
 * lines. Pure functions; the writer owns files and diagnostics.
 */
import type { Message, Participant, Timestamp } from "../../src/model/index.js";
import { hasEdgeMark } from "./body.js";
import { parseHeader } from "./grammar.js";
import { isBlank } from "./normalize.js";

/** Header shapes the writer can produce. */
export type Shape = "android-seconds" | "android" | "ios";

/** Wall-clock fields to print. */
export interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/;

/** The wall clock to print: the source's wall time, else its UTC instant; undefined when neither. */
export function wallPartsOf(ts: Timestamp): WallParts | undefined {
  const m = WALL.exec(ts.wall ?? ts.utc ?? "");
  if (!m) return undefined;
  return { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +(m[4] ?? 0), minute: +(m[5] ?? 0), second: +(m[6] ?? 0) };
}

const p2 = (n: number) => String(n).padStart(2, "0");

/** `31/12/2022, 23:59:58 - ` (android-seconds), `31/12/2022, 23:59 - ` (android), `[31/12/2022, 23:59:58] ` (ios). */
export function renderHeader(w: WallParts, shape: Shape, withSeconds: boolean): string {
  const date = `${p2(w.day)}/${p2(w.month)}/${String(w.year).padStart(4, "0")}`;
  const time = `${p2(w.hour)}:${p2(w.minute)}${withSeconds ? ":" + p2(w.second) : ""}`;
  return shape === "ios" ? `[${date}, ${time}] ` : `${date}, ${time} - `;
}

/** A warning the writer reports once per key. */
export interface RenderWarning {
  key: string;
  message: string;
}

const OMITTED_IOS: Record<string, string> = { image: "image omitted", video: "video omitted", voice: "audio omitted", audio: "audio omitted", sticker: "sticker omitted" };

/**
 * The lines of one message (ending in "\n"). `media[i]` is the zip entry name of attachment i when the
 * file was added to the zip. A message with several files becomes several messages (WhatsApp carries
 * one file per message); files left out collapse into one "<Media omitted>" line.
 */
export function renderMessage(m: Message, sender: Participant | undefined, header: string, shape: Shape, media: (string | undefined)[]): { text: string; warnings: RenderWarning[] } {
  const warnings: RenderWarning[] = [];
  const who = m.senderId === null || m.kind === "system" ? "" : authorName(sender?.displayName ?? m.senderId, warnings) + ": ";
  let body = m.text;
  if (m.status === "deleted" && body === "") body = sender?.isSelf ? "You deleted this message" : "This message was deleted";
  const files = media.filter((x): x is string => x !== undefined);
  const leftOut = m.attachments.length - files.length;
  const fileLine = (name: string) => (shape === "ios" ? `<attached: ${name}>` : `${name} (file attached)`);
  const head: string[] = [];
  // A system line carries no author and no file: its text alone is written.
  if (who === "") {
    if (m.attachments.length > 0) warnings.push({ key: "system-files", message: "Files of system messages cannot be shown in a WhatsApp export; only their text was written." });
  } else if (files.length > 0) head.push(fileLine(files[0]!));
  else if (leftOut > 0) head.push(shape === "ios" ? (OMITTED_IOS[m.attachments[0]!.kind] ?? "document omitted") : "<Media omitted>");
  else if (body === "" && m.kind !== "text" && m.kind !== "system") head.push(shape === "ios" ? "document omitted" : "<Media omitted>");
  if (files.length > 0 && leftOut > 0) warnings.push({ key: "mixed", message: "A message had both included and left-out files; only the included ones are named." });
  if (files.length === 0 && leftOut > 1) warnings.push({ key: "collapsed", message: "Messages with several left-out files show one \"<Media omitted>\" line each." });
  const lines = [...head, ...(body === "" && head.length > 0 ? [] : body.split(/\r\n|\n|\r/))];
  for (let i = 1; i < lines.length; i++)
    if (parseHeader(lines[i]!)) warnings.push({ key: "looks-like-header", message: "A message line looks like a message header; an importer may split the message there." });
  // The reader takes blank lines at the end of a message as space before the next one, and direction
  // marks at the edges of a text as WhatsApp's own (formats-intl.md §1): such text is written, but does
  // not read back the same.
  if (lines.length > 1 && isBlank(lines[lines.length - 1]!))
    warnings.push({ key: "trailing-blank", message: "A message text ends in blank lines; WhatsApp readers take them as space between messages, so they are not read back." });
  if (hasEdgeMark(body))
    warnings.push({ key: "edge-mark", message: "A message text begins or ends with a direction mark (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069); WhatsApp readers remove those as WhatsApp's own, so they are not read back." });
  if (who === "" && /^[^\n]{1,120}: /.test(lines[0] ?? ""))
    warnings.push({ key: "system-colon", message: "A system message holds \": \"; an importer may read the text before it as an author." });
  let text = header + who + lines.join("\n") + "\n";
  for (const extra of who === "" ? [] : files.slice(1)) {
    text += header + who + fileLine(extra) + "\n";
    warnings.push({ key: "split", message: "Messages with several files were split into one message per file (WhatsApp carries one file per message)." });
  }
  return { text, warnings };
}

// Newlines would end the header; a colon followed by white space would end the author early (peer
// parsers such as whatsapp-chat-parser split at /:\s/, and \s includes the no-break space): a zero-width
// space is put between the colon and the space, which chatport's reader removes (an invisible mark).
function authorName(name: string, warnings: RenderWarning[]): string {
  let out = name.replace(/[\r\n]+/g, " ");
  if (/:\s/.test(out)) {
    out = out.replace(/:(?=\s)/g, ":\u200B");
    warnings.push({ key: "author-colon", message: "An author name holds a colon followed by a space; a zero-width space was written after the colon so importers do not end the name there." });
  }
  return out === "" ? "?" : out;
}

/**
 * The zip entries' modification time: 1980-01-01 12:00 whatever the host zone. yazl converts a Date to
 * DOS fields with local-time getters; this Date answers them with fixed UTC values so bytes never
 * depend on TZ (and the extended UTC timestamp field is switched off by the caller).
 */
export function fixedZipDate(): Date {
  class FixedDosDate extends Date {
    override getFullYear() { return this.getUTCFullYear(); }
    override getMonth() { return this.getUTCMonth(); }
    override getDate() { return this.getUTCDate(); }
    override getHours() { return this.getUTCHours(); }
    override getMinutes() { return this.getUTCMinutes(); }
    override getSeconds() { return this.getUTCSeconds(); }
  }
  return new FixedDosDate(Date.UTC(1980, 0, 1, 12, 0, 0));
}
