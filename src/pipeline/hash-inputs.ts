import { hashSource } from "../io/hash.js";
import type { InputSource, InputTree } from "../io/source.js";
import type { SourceFile } from "../model/schema.js";
import type { ResolvedReader } from "./resolve-reader.js";

/** Hashes every file of the input (a file, or each file of a folder) before it is read. */
export async function hashInputs(input: InputSource | InputTree, resolved: ResolvedReader): Promise<SourceFile[]> {
  const base = { reader: resolved.reader.id, readerVersion: resolved.reader.version, ...(resolved.variant ? { variant: resolved.variant } : {}) };
  if (input.kind === "file") {
    const { sha256, bytes } = await hashSource(input, { fresh: true });
    return [{ path: input.name, bytes, sha256, ...base }];
  }
  const out: SourceFile[] = [];
  for (const rel of await input.list()) {
    const f = await input.open(rel);
    if (!f) continue;
    const { sha256, bytes } = await hashSource(f, { fresh: true });
    out.push({ path: `${input.name}/${rel}`, bytes, sha256, ...base });
  }
  return out;
}
