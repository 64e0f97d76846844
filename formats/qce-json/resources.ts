import { hashSource } from "../../src/io/hash.js";
import type { FileDigest } from "../../src/io/hash-memo.js";
import type { InputSource, InputTree } from "../../src/io/source.js";
import type { Attachment } from "../../src/model/index.js";
import { isObject, str, type QceResource } from "./raw-types.js";

/** Attachment kinds of QCE resource types (QCE's `audio` is a QQ voice message, `.silk`/`.amr`). */
const KIND: Record<string, Attachment["kind"]> = {
  image: "image", video: "video", audio: "voice", file: "file", market_face: "sticker",
};

/** Media types by extension, for the common files QQ carries. */
const MEDIA_TYPES: Record<string, string> = {
  png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", webp: "image/webp", bmp: "image/bmp",
  mp4: "video/mp4", mov: "video/quicktime", silk: "audio/silk", amr: "audio/amr", mp3: "audio/mpeg",
  m4a: "audio/mp4", wav: "audio/wav", pdf: "application/pdf", zip: "application/zip", json: "application/json",
  txt: "text/plain", doc: "application/msword", xls: "application/vnd.ms-excel", ppt: "application/vnd.ms-powerpoint",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
};

/** The media type a file name suggests, if any. */
export function mediaTypeOf(fileName: string | undefined): string | undefined {
  const m = fileName ? /\.([A-Za-z0-9]+)$/.exec(fileName) : null;
  return m ? MEDIA_TYPES[m[1]!.toLowerCase()] : undefined;
}

/** The resource records of a message: `content.resources`, else its media elements. */
export function resourcesOf(content: Record<string, unknown>): QceResource[] {
  const res = Array.isArray(content.resources) ? content.resources.filter(isObject) : [];
  if (res.length > 0) return res as QceResource[];
  const out: QceResource[] = [];
  for (const e of Array.isArray(content.elements) ? content.elements : []) {
    if (!isObject(e) || !isObject(e.data) || typeof e.type !== "string" || !(e.type in KIND) || e.type === "market_face") continue;
    out.push({ type: e.type, ...(e.data as QceResource) });
  }
  return out;
}

/**
 * Paths under the export folder where QCE puts a downloaded resource: `localPath` is relative to
 * `resources/` (`images/abc.jpg`), `url` is relative to the export (`resources/images/abc.jpg`); an
 * absolute path from the exporting machine is looked up by its base name (exporter source:
 * `SimpleMessageParser.updateSingleMessageResourcePaths`).
 */
function localCandidates(r: QceResource): string[] {
  const out: string[] = [];
  const add = (p: string | undefined) => {
    if (!p) return;
    const n = p.replace(/\\/g, "/").replace(/^\.\//, "");
    if (!out.includes(n)) out.push(n);
  };
  const url = str(r.url);
  if (url && !/^[a-z][a-z0-9+.-]*:/i.test(url)) add(url);
  const lp = str(r.localPath);
  if (lp) {
    const norm = lp.replace(/\\/g, "/");
    if (/^([A-Za-z]:)?\//.test(norm)) {
      const base = norm.slice(norm.lastIndexOf("/") + 1);
      add(`resources/${r.type ?? "file"}s/${base}`);
    } else {
      add(norm);
      add(`resources/${norm}`);
    }
  }
  return out;
}

/** Where an attachment went: present (with its path), missing (looked for, not found), omitted. */
export interface ResolvedResource {
  attachment: Attachment;
  /** Set when the export named a local file that is not there. */
  missing?: string[];
}

/**
 * Turns one resource record into an attachment: present (hashed) when its file is under the export
 * folder, missing when the export names a local file that is absent, omitted when the export only
 * recorded a remote URL or a name (QCE exports resources only on request).
 */
export async function resolveResource(r: QceResource, id: string, tree: InputTree | undefined, report?: (src: InputSource) => Promise<FileDigest | undefined>): Promise<ResolvedResource> {
  const type = str(r.type) ?? "file";
  const fileName = str(r.filename);
  const size = typeof r.size === "number" ? r.size : typeof r.size === "string" && /^\d+$/.test(r.size) ? Number(r.size) : undefined;
  const extra: Record<string, unknown> = {};
  for (const k of ["url", "localPath", "width", "height", "duration", "md5"] as const) {
    const v = (r as Record<string, unknown>)[k];
    if (v !== undefined && v !== null && v !== "") extra[k] = v;
  }
  if (type !== "image" && type !== "video" && type !== "audio" && type !== "file") extra.qceType = type;
  const base: Attachment = {
    id,
    kind: KIND[type] ?? "other",
    ...(fileName ? { fileName } : {}),
    ...(mediaTypeOf(fileName) ? { mediaType: mediaTypeOf(fileName)! } : {}),
    ...(size !== undefined && Number.isInteger(size) && size >= 0 ? { bytes: size } : {}),
    availability: "omitted",
  };
  const candidates = localCandidates(r);
  if (candidates.length === 0) return { attachment: withExtra(base, extra) };
  if (tree) {
    for (const c of candidates) {
      const f = await tree.open(c);
      if (!f) continue;
      // A file whose bytes cannot be read is reported by `report` and kept missing (not looked for again).
      const digest = report ? await report(f) : await hashSource(f);
      if (!digest) return { attachment: withExtra({ ...base, path: f.name, availability: "missing" }, extra) };
      const { sha256, bytes } = digest;
      if (base.bytes !== undefined && base.bytes !== bytes) extra.declaredBytes = base.bytes;
      return { attachment: withExtra({ ...base, bytes, sha256, path: f.name, availability: "present" }, extra) };
    }
  }
  return { attachment: withExtra({ ...base, availability: "missing" }, extra), missing: candidates };
}

function withExtra(a: Attachment, extra: Record<string, unknown>): Attachment {
  return Object.keys(extra).length ? { ...a, extra } : a;
}
