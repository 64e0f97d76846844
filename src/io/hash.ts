import { createHash } from "node:crypto";
import type { InputSource } from "./source.js";

/** SHA-256 of a source's bytes, streamed, with the byte count. */
export async function hashSource(source: InputSource): Promise<{ sha256: string; bytes: number }> {
  const h = createHash("sha256");
  let bytes = 0;
  for await (const chunk of source.stream()) {
    h.update(chunk);
    bytes += chunk.byteLength;
  }
  return { sha256: h.digest("hex"), bytes };
}

/** SHA-256 hex of a string or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** A short stable id fragment: the first 16 hex digits of SHA-256 of the parts joined by U+0000. */
export function shortHash(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 16);
}
