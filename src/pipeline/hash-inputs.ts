import { DigestTable } from "../evidence/digest-table.js";
import { hashMemo, hashSource } from "../io/hash.js";
import type { InputSource, InputTree } from "../io/source.js";
import type { SourceFile } from "../model/schema.js";
import type { ResolvedReader } from "./resolve-reader.js";

/** The files of an input with their hashes taken before reading, and what read them. */
export interface InputHashes {
  /** Paths, sizes and digests (the paths as SourceFile gives them). */
  table: DigestTable;
  /** The reader fields every {@link SourceFile} carries. */
  base: Pick<SourceFile, "reader" | "readerVersion" | "variant">;
}

/** The input files as {@link SourceFile} objects, made when asked (a folder of 100,000 files makes as many). */
export function sourceFiles(h: InputHashes): SourceFile[] {
  return [...eachSourceFile(h)];
}

/** The input files as {@link SourceFile} objects, one at a time, each made when reached. */
export function* eachSourceFile(h: InputHashes): Generator<SourceFile> {
  for (let i = 0; i < h.table.count; i++) yield { path: h.table.path(i), bytes: h.table.bytes(i), sha256: h.table.sha256(i), ...h.base };
}

/** Hashes every file of the input (a file, or each file of a folder) before it is read. */
export async function hashInputs(input: InputSource | InputTree, resolved: ResolvedReader): Promise<InputHashes> {
  const base = { reader: resolved.reader.id, readerVersion: resolved.reader.version, ...(resolved.variant ? { variant: resolved.variant } : {}) };
  if (input.kind === "file") {
    const table = new DigestTable("", 1);
    const { sha256, bytes } = await hashSource(input, { fresh: true });
    table.push(input.name, bytes, sha256);
    return { table, base };
  }
  const list = await input.list();
  const table = new DigestTable(`${input.name}/`, list.length);
  // These hashes are evidence (read, never recalled), but the memo may keep them for the reader and
  // writers, which hash media again as messages name them. Not when the folder holds more files than
  // the memo: the pass in listing order would leave only the last ones, and a later pass from the start
  // would forget each before it is asked for again (~300 bytes a file for nothing).
  const remember = list.length <= hashMemo.limit;
  for (const rel of list) {
    const f = await input.open(rel);
    if (!f) continue;
    const { sha256, bytes } = await hashSource(f, { fresh: true, remember });
    table.push(rel, bytes, sha256);
  }
  return { table, base };
}
