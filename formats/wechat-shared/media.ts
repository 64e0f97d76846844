import { mediaDigest } from "../../src/plugin/media-digest.js";
import type { InputTree } from "../../src/io/source.js";
import type { Attachment, Place } from "../../src/model/schema.js";
import type { ReadContext } from "../../src/plugin/types.js";

/** A media file a message refers to, before it is looked up. */
export interface MediaRef {
  kind: Attachment["kind"];
  /** Path as the message gives it (Windows `\` or `/`), relative to the account folder; may be absent. */
  path?: string;
  fileName?: string;
  /** Size the message states (`<totallen>`, `length=`). */
  statedBytes?: number;
  /** MD5 the message states, kept in `extra.md5`. */
  md5?: string;
  /** Why no path is known, when the reader knows (e.g. "voice audio is kept in MediaMSG*.db"). */
  missingReason?: string;
}

/** Where the lookup runs and where a miss is reported. */
export interface MediaContext {
  ctx: ReadContext;
  /** The input folder; undefined when a single database file was given. */
  tree: InputTree | undefined;
  /** Folder prefixes (relative to the tree, "/"-separated, "" = root) to try the path under. */
  bases: string[];
  file: string;
  place: Place;
}

/** Normalises a message path: `\` → `/`, no drive letter, no `.`/`..`, no leading slash. */
export function normalizeMediaPath(path: string): string {
  return path
    .replace(/\u0000/g, "")
    .replace(/\\/g, "/")
    .replace(/^[A-Za-z]:\//, "")
    .split("/")
    .filter((p) => p !== "" && p !== "." && p !== "..")
    .join("/");
}

/** The relative paths to try: under each base, the path and its tails down to two segments. */
export function mediaCandidates(path: string, bases: string[]): string[] {
  const parts = normalizeMediaPath(path).split("/").filter(Boolean);
  const out: string[] = [];
  const minTail = Math.min(2, parts.length);
  for (const base of bases.length ? bases : [""])
    for (let i = 0; parts.length - i >= minTail; i++) {
      const rel = (base ? base.replace(/\/+$/, "") + "/" : "") + parts.slice(i).join("/");
      if (!out.includes(rel)) out.push(rel);
    }
  return out;
}

/**
 * Looks a media file up in the input folder: `present` with its sha256 and size when found, else
 * `missing` with an `attachment-missing` diagnostic. Files are hashed as they are (image `.dat` files stay
 * XOR-obfuscated; chatport does not decode them).
 */
export async function lookupMedia(ref: MediaRef, id: string, mc: MediaContext): Promise<Attachment> {
  const base = baseAttachment(ref, id);
  if (ref.path && mc.tree) {
    for (const rel of mediaCandidates(ref.path, mc.bases)) {
      const src = await mc.tree.open(rel);
      if (!src) continue;
      const digest = await mediaDigest(src, mc.ctx, mc.file, mc.place);
      if (!digest) return { ...base, path: rel };
      return { ...base, path: rel, sha256: digest.sha256, bytes: digest.bytes, availability: "present" };
    }
  }
  return reportMissing(ref, mc, base);
}

/**
 * {@link lookupMedia} without a promise when there is nothing to look up (no path, or no folder): most
 * media rows of a database say no local path, and a promise per such row showed in the 1M-row profile.
 */
export function lookupMediaNow(ref: MediaRef, id: string, mc: MediaContext): Attachment | Promise<Attachment> {
  return ref.path && mc.tree ? lookupMedia(ref, id, mc) : reportMissing(ref, mc, baseAttachment(ref, id));
}

/** Media a reader found inside the input (e.g. a voice clip in a database), with its bytes' facts. */
export interface EmbeddedMedia {
  /** The path a media store answers for (see src/io/media.ts MediaStore). */
  path: string;
  sha256: string;
  bytes: number;
  mediaType?: string;
  fileName?: string;
}

/** A `present` attachment for media the reader found inside the input. */
export function embeddedAttachment(ref: MediaRef, id: string, m: EmbeddedMedia): Attachment {
  const a: Attachment = { ...baseAttachment(ref, id), path: m.path, sha256: m.sha256, bytes: m.bytes, availability: "present" };
  if (m.fileName && !a.fileName) a.fileName = m.fileName;
  if (m.mediaType) a.mediaType = m.mediaType;
  return a;
}

function baseAttachment(ref: MediaRef, id: string): Attachment {
  const base: Attachment = { id, kind: ref.kind, availability: "missing" };
  const fileName = ref.fileName ?? (ref.path ? normalizeMediaPath(ref.path).split("/").pop() : undefined);
  if (fileName) base.fileName = fileName;
  const extra: Record<string, unknown> = {};
  if (ref.md5) extra.md5 = ref.md5;
  if (ref.statedBytes !== undefined) extra.statedBytes = ref.statedBytes;
  if (ref.path) extra.sourcePath = ref.path;
  if (Object.keys(extra).length) base.extra = extra;
  return base;
}

function reportMissing(ref: MediaRef, mc: MediaContext, base: Attachment): Attachment {
  const why =
    ref.missingReason ??
    (!ref.path
      ? "the message names no local file"
      : !mc.tree
        ? "a single database was given, so there is no folder to look in"
        : "not found under the input folder");
  mc.ctx.report("attachment-missing", {
    message: `The ${ref.kind} of a message is missing: ${why}${ref.path ? ` (${ref.path})` : ""}.`,
    file: mc.file,
    place: mc.place,
    ...(ref.path ? { raw: ref.path } : {}),
  });
  return base;
}
