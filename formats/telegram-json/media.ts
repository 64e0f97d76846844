import type { InputTree } from "../../src/io/source.js";
import type { Attachment, MessageKind, Place } from "../../src/model/schema.js";
import { mediaDigest } from "../../src/plugin/media-digest.js";
import type { ReadContext } from "../../src/plugin/types.js";
import type { Json, JsonObject } from "./json-walk.js";

type AttachmentKind = Attachment["kind"];

/** `media_type` values (formats-intl.md §3.3) → attachment kind and message kind. */
const MEDIA_TYPES: Record<string, { att: AttachmentKind; msg: MessageKind }> = {
  sticker: { att: "sticker", msg: "sticker" },
  voice_message: { att: "voice", msg: "voice" },
  video_message: { att: "video", msg: "video" },
  video_file: { att: "video", msg: "video" },
  animation: { att: "video", msg: "video" },
  audio_file: { att: "audio", msg: "audio" },
};

/** Keys that describe the document in `file` (moved into that attachment's extra). */
const FILE_DETAIL_KEYS = ["media_type", "sticker_emoji", "performer", "title", "duration_seconds", "width", "height"];
/** Keys that describe the photo in `photo`. */
const PHOTO_DETAIL_KEYS = ["width", "height", "media_spoiler", "self_destruct_period_seconds"];

/** True for the texts tdesktop writes instead of a path when it did not save a file. */
export function isPlaceholder(v: string): boolean {
  return /^\(.*\)$/s.test(v) && !v.includes("/");
}

/** What the media keys of one message amount to. */
export interface MediaResult {
  attachments: Attachment[];
  /** The message kind the media implies, if any. */
  kind?: MessageKind;
  /** Keys of the message consumed into attachments. */
  consumed: string[];
}

function baseName(p: string): string {
  const i = Math.max(p.lastIndexOf("/"), p.lastIndexOf("\\"));
  return i === -1 ? p : p.slice(i + 1);
}

function num(v: Json | undefined): number | undefined {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : undefined;
}

function makeAttachment(id: string, kind: AttachmentKind, value: string, extra: Record<string, unknown>): Attachment {
  if (isPlaceholder(value)) {
    return { id, kind, availability: "omitted", extra: { ...extra, note: value } };
  }
  const att: Attachment = { id, kind, fileName: baseName(value), path: value, availability: "missing" };
  if (Object.keys(extra).length) att.extra = extra;
  return att;
}

function pick(m: JsonObject, keys: string[], consumed: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys)
    if (m[k] !== undefined) {
      out[k] = m[k];
      consumed.push(k);
    }
  return out;
}

/**
 * Reads the media keys of a message: `photo`, `file` (+`media_type`, `mime_type`, `file_name`,
 * `file_size` …), `thumbnail`, `contact_vcard`. Paths are relative to the export folder; placeholder
 * texts ("(File not included. …)") give `omitted` attachments. Availability of paths is settled later
 * by {@link MediaResolver}.
 */
export function readMedia(m: JsonObject, messageId: string): MediaResult {
  const consumed: string[] = [];
  const attachments: Attachment[] = [];
  let kind: MessageKind | undefined;
  const file = typeof m.file === "string" ? m.file : undefined;
  const photo = typeof m.photo === "string" ? m.photo : undefined;
  if (photo !== undefined) {
    consumed.push("photo");
    const extra = file === undefined ? pick(m, PHOTO_DETAIL_KEYS, consumed) : pick(m, ["media_spoiler", "self_destruct_period_seconds"], consumed);
    const att = makeAttachment(`${messageId}/photo`, "image", photo, extra);
    const size = num(m.photo_file_size);
    if (size !== undefined) {
      att.bytes = size;
      consumed.push("photo_file_size");
    }
    attachments.push(att);
    kind = "image";
  }
  if (file !== undefined) {
    consumed.push("file");
    const mt = typeof m.media_type === "string" ? MEDIA_TYPES[m.media_type] : undefined;
    const extra = pick(m, FILE_DETAIL_KEYS, consumed);
    const att = makeAttachment(`${messageId}/file`, mt?.att ?? "file", file, extra);
    if (typeof m.file_name === "string") {
      att.fileName = m.file_name;
      consumed.push("file_name");
    }
    if (typeof m.mime_type === "string") {
      att.mediaType = m.mime_type;
      consumed.push("mime_type");
    }
    const size = num(m.file_size);
    if (size !== undefined) {
      att.bytes = size;
      consumed.push("file_size");
    }
    attachments.push(att);
    kind = mt?.msg ?? (kind === undefined ? "file" : kind);
  } else if (typeof m.media_type === "string" && MEDIA_TYPES[m.media_type]) {
    kind = MEDIA_TYPES[m.media_type]!.msg; // a media type without its file key: kind kept, nothing to attach
  }
  if (typeof m.thumbnail === "string") {
    consumed.push("thumbnail");
    const att = makeAttachment(`${messageId}/thumbnail`, "image", m.thumbnail, { role: "thumbnail" });
    const size = num(m.thumbnail_file_size);
    if (size !== undefined) {
      att.bytes = size;
      consumed.push("thumbnail_file_size");
    }
    attachments.push(att);
  }
  if (typeof m.contact_vcard === "string") {
    consumed.push("contact_vcard");
    attachments.push(makeAttachment(`${messageId}/vcard`, "file", m.contact_vcard, { role: "vcard" }));
  }
  const out: MediaResult = { attachments, consumed };
  if (kind !== undefined) out.kind = kind;
  return out;
}

/**
 * Looks up attachment paths in the export folder, hashing each file found (once per path).
 * `base` is the folder of `result.json` inside the tree ("" at its root).
 */
export class MediaResolver {
  private readonly cache = new Map<string, { sha256: string; bytes: number } | "unreadable" | null>();

  constructor(private readonly tree: InputTree | undefined, private readonly base: string) {}

  /** True when there is a folder to look in. */
  get hasFolder(): boolean {
    return this.tree !== undefined;
  }

  /**
   * Sets availability (present + sha256 + bytes, or missing) of an attachment with a path. Returns false
   * when the file is there but its bytes cannot be read (reported as attachment-unreadable, once a path).
   */
  async resolve(att: Attachment, ctx: Pick<ReadContext, "report">, file: string, place?: Place): Promise<boolean> {
    if (att.availability === "omitted" || att.path === undefined || !this.tree) return true;
    const rel = this.base ? `${this.base}/${att.path}` : att.path;
    att.path = rel; // relative to the input root (the folder given, or the folder of result.json)
    let hit = this.cache.get(rel);
    if (hit === undefined) {
      const src = await this.tree.open(rel);
      hit = src ? ((await mediaDigest(src, ctx, file, place)) ?? "unreadable") : null;
      this.cache.set(rel, hit);
    }
    if (hit === "unreadable") return false;
    if (!hit) return true;
    if (att.bytes !== undefined && att.bytes !== hit.bytes) att.extra = { ...(att.extra ?? {}), declaredBytes: att.bytes };
    att.bytes = hit.bytes;
    att.sha256 = hit.sha256;
    att.availability = "present";
    return true;
  }
}
