/**
 * Looks up media files that an export or database row names by a relative path (PyWxDump `src`,
 * Android `imgPath`, …) inside the input folder, and turns them into attachments: present (hashed)
 * when found, missing otherwise. Paths are tried as written (backslashes read as folder separators)
 * below each candidate base folder, first match wins.
 */
import { hashSource } from "../../src/io/hash.js";
import type { InputSource, InputTree } from "../../src/io/source.js";
import type { Attachment } from "../../src/model/index.js";

/** Normalises a Windows or POSIX relative path to "/"-separated parts; undefined when it escapes. */
export function normaliseRelPath(p: string): string | undefined {
  const parts = p.replace(/\\/g, "/").split("/").filter((s) => s !== "" && s !== ".");
  if (parts.length === 0 || parts.some((s) => s === "..") || /^[a-zA-Z]:$/.test(parts[0]!)) return undefined;
  return parts.join("/");
}

/** The folder part of a "/"-separated relative name ("" for a top-level file). */
export function dirOf(name: string): string {
  const i = name.lastIndexOf("/");
  return i === -1 ? "" : name.slice(0, i);
}

/** Opens the first of `candidates` (relative paths) that exists in the tree. */
export async function openFirst(tree: InputTree | undefined, candidates: string[]): Promise<{ source: InputSource; path: string } | undefined> {
  if (!tree) return undefined;
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c)) continue;
    seen.add(c);
    const source = await tree.open(c);
    if (source) return { source, path: c };
  }
  return undefined;
}

/** What to build an attachment from. */
export interface MediaRef {
  id: string;
  kind: Attachment["kind"];
  /** The path as the source wrote it. */
  written: string;
  /** Base folders (relative to the tree root) to try the path under, in order. */
  bases: string[];
  /** Extra candidate paths (relative to the tree root) tried after the written path. */
  alternatives?: string[];
  extra?: Record<string, unknown>;
}

/** Builds an attachment for a written media path: present with SHA-256 when found in the tree, else missing. */
export async function mediaAttachment(tree: InputTree | undefined, ref: MediaRef): Promise<Attachment> {
  const rel = normaliseRelPath(ref.written);
  const candidates: string[] = [];
  if (rel) for (const b of ref.bases) candidates.push(b ? `${b}/${rel}` : rel);
  if (ref.alternatives) candidates.push(...ref.alternatives);
  const fileName = (rel ?? ref.written).split(/[\\/]/).pop() || undefined;
  const found = await openFirst(tree, candidates);
  const extra = { ...(ref.extra ?? {}), sourcePath: ref.written };
  if (!found) {
    return { id: ref.id, kind: ref.kind, ...(fileName ? { fileName } : {}), availability: "missing", extra };
  }
  const { sha256, bytes } = await hashSource(found.source);
  return { id: ref.id, kind: ref.kind, ...(fileName ? { fileName } : {}), bytes, sha256, path: found.path, availability: "present", extra };
}
