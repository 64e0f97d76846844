import { createReadStream } from "node:fs";
import { createHash } from "node:crypto";
import { relative, sep } from "node:path";

/** SHA-256 and size of a file on disk, streamed; null when it is missing or unreadable. */
export async function hashFile(path: string): Promise<{ bytes: number; sha256: string } | null> {
  const h = createHash("sha256");
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
      h.update(chunk);
      bytes += chunk.byteLength;
    }
  } catch {
    return null;
  }
  return { bytes, sha256: h.digest("hex") };
}

/** `to` relative to `from`, "/"-separated whatever the platform ("." for the same folder). */
export function portableRelative(from: string, to: string): string {
  const r = relative(from, to);
  return r === "" ? "." : r.split(sep).join("/");
}
