/**
 * `<IMG src="{GUID}.dat">` references → attachments, looked up in the first pass's part index: exact
 * Content-Location first, then case-folded (GUID case varies, formats-cn.md §2.1), then the file name
 * of a path-like src (`file:///C:/…/{GUID}.dat`).
 */
import type { Attachment } from "../../src/model/index.js";
import type { MediaPart, MhtIndex } from "./index-parts.js";
import { MHT_PATH_PREFIX } from "./media-store.js";

/** The attachment for one image reference; `missing` (and `onMissing` called) when no part holds it. */
export function imageAttachment(index: MhtIndex, src: string, id: string, onMissing: (key: string) => void): Attachment {
  const key = src.trim();
  const base = key.slice(Math.max(key.lastIndexOf("/"), key.lastIndexOf("\\")) + 1);
  const part: MediaPart | undefined =
    index.media.get(key) ?? index.mediaFolded.get(key.toLowerCase()) ?? (base !== key ? index.mediaFolded.get(base.toLowerCase()) : undefined);
  if (!part || part.location === undefined) {
    onMissing(key);
    return { id, kind: "image", ...(key ? { fileName: key } : {}), availability: "missing" };
  }
  part.referenced = true;
  const type = part.sniffedType ?? (part.declaredType || undefined);
  const extra: Record<string, unknown> = {};
  if (part.sniffedType && part.declaredType && part.sniffedType !== part.declaredType) extra.declaredType = part.declaredType;
  if (part.truncated) extra.truncated = true;
  if (part.location !== key) extra.src = key;
  return {
    id,
    kind: type?.startsWith("audio/") ? "audio" : type?.startsWith("video/") ? "video" : type?.startsWith("image/") || !type ? "image" : "file",
    fileName: part.location,
    ...(type ? { mediaType: type } : {}),
    bytes: part.bytes,
    sha256: part.sha256,
    path: `${MHT_PATH_PREFIX}${part.location}`,
    availability: "present",
    ...(Object.keys(extra).length ? { extra } : {}),
  };
}
