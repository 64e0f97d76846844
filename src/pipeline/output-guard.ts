import { statOrUndefined } from "../io/output-errors.js";
import { join, resolve } from "node:path";
import { ChatportError } from "../diagnostics/errors.js";
import type { InputLedger, InputRecord } from "../evidence/input-hashes.js";

/** Throws when a path about to be written is one of the input files (named `shown` in the message); resolves otherwise. */
export type OutputGuard = (path: string, shown?: string) => Promise<void>;

const identity = (st: { dev: number; ino: number }): string | undefined => (st.ino ? `${st.dev}:${st.ino}` : undefined);

/**
 * Guards the input files of a conversion against being written over. A path is compared by what it
 * is, not how it is spelt: a symbolic link or a hard link to an input (`-o link.csv` where link.csv →
 * chat.txt) opened for writing would truncate the evidence before it is read.
 *
 * Only an output path that already exists can be an input, and only an input of the same size (the
 * ledger's hash gave each input's size): those few are looked up when needed. Every input was stat'ed
 * up front before, 1.3 s of a 100,000-file media folder's run for a check that almost never matches.
 */
export async function outputGuard(ledger: InputLedger): Promise<OutputGuard> {
  const byPath = new Map<string, string>();
  const bySize = new Map<number, InputRecord[]>();
  const root = ledger.root;
  if (root !== undefined)
    for (const rec of ledger.records) {
      byPath.set(resolve(join(root, rec.path)), rec.path);
      const same = bySize.get(rec.bytes);
      if (same) same.push(rec);
      else bySize.set(rec.bytes, [rec]);
    }
  /** The input that is the same file as `st` (same device and inode), if any. */
  const sameFile = (st: { dev: number; ino: number; size: number }): string | undefined => {
    const id = identity(st);
    if (!id || root === undefined) return undefined;
    for (const rec of bySize.get(st.size) ?? []) {
      const other = statOrUndefined(resolve(join(root, rec.path)));
      if (other && identity(other) === id) return rec.path;
    }
    return undefined;
  };
  return async (path, shown = path) => {
    const full = resolve(path);
    let hit = byPath.get(full);
    const how = hit !== undefined ? "is" : "leads to (through a link)";
    if (hit === undefined) {
      // Synchronous: once per output file, thousands for an html export's photos (see ensureDir).
      const st = statOrUndefined(full);
      if (st?.isFile()) hit = sameFile(st);
    }
    if (hit === undefined) return;
    throw new ChatportError("usage", `The output ${shown} ${how} the input file ${hit}; writing it would destroy the evidence being read. Choose another output name with -o.`);
  };
}
