import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCapture } from "./cli.js";

/**
 * Converts MHT bytes to JSON with the CLI; returns its result and the files it wrote to `out.media/`,
 * each with whether its name is the SHA-256 of its bytes (how the media folder names images).
 */
export async function convertMht(bytes: Uint8Array, prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const input = join(dir, "chat.mht");
  writeFileSync(input, bytes);
  const r = await runCapture(["convert", input, "--to", "json", "-o", join(dir, "out.json")]);
  const media = readdirSync(join(dir, "out.media"))
    .sort()
    .map((f) => ({ name: f, namedByHash: createHash("sha256").update(readFileSync(join(dir, "out.media", f))).digest("hex") === f.replace(/\..*$/, "") }));
  return { ...r, media };
}
