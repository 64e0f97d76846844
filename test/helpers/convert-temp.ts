import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtinRegistry } from "../../src/builtin.js";
import { convert, type ConvertOptions } from "../../src/pipeline/convert.js";

/** Converts `input` with the built-in formats into `out.<to>` in a fresh temporary folder; returns the folder. */
export async function convertIntoTemp(input: string, to: string, options: Partial<ConvertOptions> = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "chatport-convert-"));
  await convert(input, builtinRegistry, { ...options, to, output: join(dir, `out.${to}`) } as ConvertOptions);
  return dir;
}
