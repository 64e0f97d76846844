/**
 * What a WhatsApp body says (formats-intl.md §1.6, §1.7): media placeholders, attached files, deleted
 * and edited markers, polls, locations, calls, system notices. The raw lines are kept by the caller;
 * this decides kind, status, the displayed text and the attachment references.
 */
import type { Attachment, MessageKind } from "../../src/model/index.js";
import {
  ATTACHED_KEYWORDS, CALL_PREFIXES, DELETED, EDITED_MARKERS, FILE_ATTACHED, LIVE_LOCATION, LOCATION_LABELS,
  MEDIA_OMITTED_ANDROID, MEDIA_OMITTED_GENERIC, MEDIA_OMITTED_IOS, NOTICE_PREFIXES, POLL_HEADINGS, POLL_OPTION,
} from "./catalog.js";
import { cleanText } from "./normalize.js";
import { attachmentKindOf, messageKindOf } from "./media.js";

/** An attachment the body names: left out by the export, or a file to look up. */
export interface AttachmentRef {
  kind: Attachment["kind"];
  /** The file name as written (for files to look up). */
  fileName?: string;
  availability: "omitted" | "lookup";
  /** The placeholder or tag exactly as it stood, marks removed. */
  marker: string;
}

/** The classified body. */
export interface BodyInfo {
  kind: MessageKind;
  status: "normal" | "deleted";
  text: string;
  attachments: AttachmentRef[];
  extra: Record<string, unknown>;
}

// Leading/trailing bidi marks and U+FEFF anywhere are export noise, never user content (§1.2); spaces
// are content and stay. The edges are found by loops: as `/^[marks]+|[marks]+$/g` a run of marks inside
// a text was scanned again from each of its marks (a line of 60,000 U+200E took 1.2 s, 120,000 took 6 s).
const isEdgeMark = (c: number): boolean => c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);

const ANY_MARK = /[\uFEFF\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** True when {@link displayText} would remove direction marks at the edges of `text` (the writer warns). */
export function hasEdgeMark(text: string): boolean {
  return text.length > 0 && (isEdgeMark(text.charCodeAt(0)) || isEdgeMark(text.charCodeAt(text.length - 1)));
}

/** `text` without the direction marks at its very start and end. */
function trimEdgeMarks(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isEdgeMark(text.charCodeAt(start))) start++;
  while (end > start && isEdgeMark(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** The displayed text of body lines: U+FEFF removed, bidi marks at the very start and end trimmed. */
export function displayText(lines: string[]): string {
  const joined = lines.length === 1 ? lines[0]! : lines.join("\n");
  return ANY_MARK.test(joined) ? trimEdgeMarks(joined.replace(/\uFEFF/g, "")) : joined;
}

// Whole-body keys and prefixes of every special body, for the plain-text fast path below.
const EXACT = new Set<string>([...Object.keys(DELETED), ...POLL_HEADINGS, ...LIVE_LOCATION, ...Object.keys(MEDIA_OMITTED_IOS), ...MEDIA_OMITTED_ANDROID]);
const PREFIX3 = new Set<string>([...NOTICE_PREFIXES, ...CALL_PREFIXES].map((p) => p.slice(0, 3)));

// Per UTF-16 code unit: 0 not yet known, 1 skipped by cleanText + trim (white space or an invisible
// mark), 2 could begin a special body (its lower case begins a notice/call prefix or a whole-body
// keyword, or it is a surrogate, whose lower case depends on its pair), 3 cannot.
const CHAR_CLASS = new Uint8Array(0x10000);
const SPECIAL_FIRST = new Set<string>([...EXACT, ...PREFIX3].map((k) => k[0]!));
const SKIPPED = /[\s\uFEFF\u200B\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/;

function charClass(code: number): number {
  let k = CHAR_CLASS[code]!;
  if (k === 0) {
    const ch = String.fromCharCode(code);
    k = SKIPPED.test(ch) ? 1 : (code >= 0xd800 && code <= 0xdfff) || SPECIAL_FIRST.has(ch.toLowerCase()[0]!) ? 2 : 3;
    CHAR_CLASS[code] = k;
  }
  return k;
}

/** Index of the last character cleanText + trim would keep, or -1. */
function lastVisible(s: string): number {
  let i = s.length - 1;
  while (i >= 0 && charClass(s.charCodeAt(i)) === 1) i--;
  return i;
}

/**
 * True when a first body line is certainly plain text for {@link classifyBody}: the checks of
 * classifyBodyFast's first version, made on the raw characters where they can be (`<`, a last visible
 * `)` or `>`), so the cleaned, trimmed, lower-cased copy is built only when a `:` is followed by a space
 * or a non-ASCII character (cleaning could make ": h") or the first visible character could begin a
 * notice/call prefix or a whole-body keyword (the profile's cost at 1M lines).
 */
function plainFirstLine(s: string): boolean {
  if (s.includes("<")) return false;
  const end = lastVisible(s);
  const last = s.charCodeAt(end);
  if (last === 41 || last === 62) return false; // ")" ">"
  let i = 0;
  while (i < end && charClass(s.charCodeAt(i)) === 1) i++;
  let exact = end < 0 || charClass(s.charCodeAt(i)) !== 3;
  for (let c = s.indexOf(":"); c >= 0 && !exact; c = s.indexOf(":", c + 1)) {
    const n = s.charCodeAt(c + 1);
    if (n === 32 || n >= 0x80) exact = true;
  }
  if (!exact) return true;
  const first = cleanText(s).trim();
  const low = first.toLowerCase();
  return !(first.includes(": h") || PREFIX3.has(low.slice(0, 3)) || EXACT.has(low) || (low.endsWith(".") && EXACT.has(low.slice(0, -1))));
}

/**
 * {@link classifyBody}, with a fast path for the common case: an authored body that is plain text. The
 * checks below only send a body on to the full classification when some special form COULD match
 * (a notice or call prefix, a whole-body keyword, `<…>`, a trailing `)`/`>`, `: http`), so the result is
 * always the one classifyBody gives (body.test.ts compares the two).
 */
export function classifyBodyFast(lines: string[], notice: boolean): BodyInfo {
  if (notice || !isPlainBody(lines)) return classifyBody(lines, notice);
  return { kind: "text", status: "normal", text: displayText(lines), attachments: [], extra: {} };
}

/**
 * True when an authored body is certainly plain text (classifyBody would say kind "text", status
 * "normal", no attachment, no extra, text = displayText): the parser then builds the message directly.
 */
export function isPlainBody(lines: string[]): boolean {
  if (!plainFirstLine(lines[0] ?? "")) return false;
  if (lines.length > 1) {
    const last = lines[lines.length - 1]!;
    const at = lastVisible(last);
    if (at >= 0 && last.charCodeAt(at) === 62) return false;
  }
  return true;
}

const ANDROID_ATTACHED = /^(.+?\.[A-Za-z0-9]{1,8}) \(([^()]+)\)$/;
const IOS_ATTACHED = /<([^<>:]{1,30}?) ?: ?([^<>]+)>/;
const OLD_IOS_ATTACHED = /^(.+?\.[A-Za-z0-9]{1,8}) <attached>$/;
const WA_MEDIA_NAME = /^(?:IMG|VID|AUD|PTT|STK|DOC)-\d{8}-WA\d+\.\w+$/;

/** Classifies a body. `notice` is true when the line had no author (an Android/iOS system line). */
export function classifyBody(lines: string[], notice: boolean): BodyInfo {
  const info: BodyInfo = { kind: "text", status: "normal", text: "", attachments: [], extra: {} };
  const first = cleanText(lines[0] ?? "").trim();
  const low = first.toLowerCase();
  const rest = lines.slice(1);
  if (notice || (lines.length === 1 && NOTICE_PREFIXES.some((p) => low.startsWith(p)))) {
    info.kind = "system";
    info.text = displayText(lines);
    return info;
  }
  // Edited marker at the end of the last line.
  const last = lines.length - 1;
  if (last >= 0) {
    const lastLow = cleanText(lines[last]!).trimEnd().toLowerCase();
    const marker = EDITED_MARKERS.find((m) => lastLow.endsWith(m));
    if (marker) {
      const cut = cleanText(lines[last]!).trimEnd();
      lines = [...lines.slice(0, last), cut.slice(0, cut.length - marker.length).trimEnd()];
      info.extra.edited = true;
    }
  }
  const delKey = low.replace(/\.$/, "");
  // Own keys only: a body reading "constructor" or "toString" is text, not a catalogue hit.
  const deleted = Object.hasOwn(DELETED, delKey) ? DELETED[delKey] : undefined;
  if (deleted && lines.length === 1) {
    info.status = "deleted";
    info.extra.deletedBy = deleted;
    return info;
  }
  if (POLL_HEADINGS.has(low)) return poll(info, lines);
  if (lines.length === 1) {
    const loc = /^([^:]{2,30}): (https?:\/\/\S+)$/.exec(first);
    if (loc && LOCATION_LABELS.has(loc[1]!.toLowerCase())) {
      info.kind = "location";
      info.extra.location = locationOf(loc[2]!);
      info.text = displayText(lines);
      return info;
    }
    if (LIVE_LOCATION.has(low.replace(/\.$/, ""))) {
      info.kind = "location";
      info.extra.liveLocation = true;
      info.text = displayText(lines);
      return info;
    }
    if (CALL_PREFIXES.some((p) => low.startsWith(p))) {
      info.kind = "call";
      info.text = displayText(lines);
      return info;
    }
  }
  // Media left out of the export: Android "<Media omitted>", iOS "image omitted" / old "<image omitted>".
  const bare = low.replace(/^<(.*)>$/, "$1");
  const iosKind = Object.hasOwn(MEDIA_OMITTED_IOS, bare) ? MEDIA_OMITTED_IOS[bare] : undefined;
  if (MEDIA_OMITTED_ANDROID.has(low) || iosKind || MEDIA_OMITTED_GENERIC.test(first)) {
    const kind = iosKind ?? "other";
    info.attachments.push({ kind, availability: "omitted", marker: first });
    info.kind = iosKind ? messageKindOf(kind, bare.startsWith("contact") || bare.startsWith("kontakt") ? "x.vcf" : undefined) : "file";
    info.text = displayText(rest);
    return info;
  }
  const ref = attachedFile(first);
  if (ref) {
    info.attachments.push({ kind: attachmentKindOf(ref.name), fileName: ref.name, availability: "lookup", marker: ref.marker });
    info.kind = messageKindOf(attachmentKindOf(ref.name), ref.name);
    info.text = displayText(ref.before ? [ref.before, ...rest] : rest);
    return info;
  }
  info.text = displayText(lines);
  return info;
}

/**
 * Where the text before an iOS attachment marker ends once the blanks and bullets before the marker are
 * dropped. A loop, not `/[\s•]+$/`: V8 retries that regex from every blank of a run that does not end the
 * text, quadratic on a line of 60,000 spaces between two words before the marker (2.3 s; 300,000: a minute).
 */
function endBeforeMarker(line: string, end: number): number {
  while (end > 0 && (line[end - 1] === "•" || /\s/.test(line[end - 1]!))) end--;
  return end;
}

/** A file named on the first body line: Android "NAME (file attached)", iOS "<attached: NAME>", old "NAME <attached>". */
function attachedFile(first: string): { name: string; marker: string; before?: string } | undefined {
  const a = ANDROID_ATTACHED.exec(first);
  if (a && (FILE_ATTACHED.has(a[2]!.toLowerCase()) || WA_MEDIA_NAME.test(a[1]!.trim()))) return { name: a[1]!.trim(), marker: first };
  const i = IOS_ATTACHED.exec(first);
  if (i && ATTACHED_KEYWORDS.has(i[1]!.trim().toLowerCase())) {
    const before = first.slice(0, endBeforeMarker(first, i.index)).trim();
    return { name: i[2]!.trim(), marker: i[0], ...(before ? { before } : {}) };
  }
  const o = OLD_IOS_ATTACHED.exec(first);
  if (o) return { name: o[1]!.trim(), marker: first };
  return undefined;
}

function poll(info: BodyInfo, lines: string[]): BodyInfo {
  info.kind = "poll";
  const question: string[] = [];
  const options: { text: string; votes?: number }[] = [];
  for (const l of lines.slice(1)) {
    const m = POLL_OPTION.exec(cleanText(l).trim());
    if (m) options.push({ text: m[1]!, ...(m[2] !== undefined ? { votes: Number(m[2]) } : {}) });
    else if (options.length === 0) question.push(cleanText(l).trim());
  }
  info.extra.poll = { question: question.join("\n"), options };
  info.text = displayText(lines);
  return info;
}

/** Latitude/longitude from a maps URL (`?q=51.50,-0.12`, `@51.50,-0.12`), with the URL. */
function locationOf(url: string): { url: string; latitude?: number; longitude?: number } {
  const m = /[?&@](?:q=|ll=)?(-?\d{1,2}(?:\.\d+)?),\s?(-?\d{1,3}(?:\.\d+)?)/.exec(url);
  if (!m) return { url };
  return { url, latitude: Number(m[1]), longitude: Number(m[2]) };
}
