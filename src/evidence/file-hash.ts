import { hashPath } from "../io/hash.js";
import { relative, sep } from "node:path";

/** SHA-256 and size of a file on disk, streamed; null when it is missing or unreadable. */
export async function hashFile(path: string): Promise<{ bytes: number; sha256: string } | null> {
  try {
    return await hashPath(path, { fresh: true });
  } catch {
    return null;
  }
}

/** `to` relative to `from`, "/"-separated whatever the platform ("." for the same folder). */
export function portableRelative(from: string, to: string): string {
  const r = relative(from, to);
  return r === "" ? "." : r.split(sep).join("/");
}
