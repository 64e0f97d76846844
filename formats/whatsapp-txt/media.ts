/**
 * Attachment kinds and media types from WhatsApp media file names (formats-intl.md §1.1, §1.6):
 * Android `IMG-/VID-/AUD-/PTT-/STK-/DOC-YYYYMMDD-WA####.ext`, iOS `NNNNNNNN-PHOTO|VIDEO|AUDIO|GIF|STICKER-…`
 * or `NNNNNNNN-<original name>`, contact cards `*.vcf`.
 */
import type { Attachment, MessageKind } from "../../src/model/index.js";

const TYPES: Record<string, string> = {
  jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png", webp: "image/webp", gif: "image/gif", heic: "image/heic",
  mp4: "video/mp4", mov: "video/quicktime", "3gp": "video/3gpp", mkv: "video/x-matroska", webm: "video/webm", avi: "video/x-msvideo",
  opus: "audio/ogg", ogg: "audio/ogg", mp3: "audio/mpeg", m4a: "audio/mp4", aac: "audio/aac", wav: "audio/wav", amr: "audio/amr",
  pdf: "application/pdf", vcf: "text/vcard", zip: "application/zip", txt: "text/plain",
  doc: "application/msword", docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ppt: "application/vnd.ms-powerpoint", pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
};

function extOf(name: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  return m ? m[1]!.toLowerCase() : "";
}

/** The media type for a file name, when its extension is a known one. */
export function mediaTypeOf(name: string): string | undefined {
  return TYPES[extOf(name)];
}

/** The attachment kind a file name implies. */
export function attachmentKindOf(name: string): Attachment["kind"] {
  const base = name.replace(/^.*\//, "");
  const ext = extOf(base);
  if (/^STK-|-STICKER-/.test(base)) return "sticker";
  if (/^PTT-/.test(base)) return "voice";
  if (/-AUDIO-/.test(base) && (ext === "opus" || ext === "ogg")) return "voice";
  if (/-GIF-/.test(base)) return "video";
  const type = TYPES[ext] ?? "";
  if (ext === "opus") return "voice";
  if (type.startsWith("image/")) return "image";
  if (type.startsWith("video/")) return "video";
  if (type.startsWith("audio/")) return "audio";
  return "file";
}

/** The message kind for a single attachment (a vCard makes a contact message). */
export function messageKindOf(kind: Attachment["kind"], name?: string): MessageKind {
  if (name && extOf(name) === "vcf") return "contact";
  return kind === "other" ? "file" : kind;
}
