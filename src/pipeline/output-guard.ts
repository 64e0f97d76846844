import { statOrUndefined } from "../io/output-errors.js";
import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { ChatportError } from "../diagnostics/errors.js";
import type { InputLedger } from "../evidence/input-hashes.js";

/** Throws when a path about to be written is one of the input files (named `shown` in the message); resolves otherwise. */
export type OutputGuard = (path: string, shown?: string) => Promise<void>;

const identity = (st: { dev: number; ino: number }): string | undefined => (st.ino ? `${st.dev}:${st.ino}` : undefined);

/**
 * Guards the input files of a conversion against being written over. A path is compared by what it
 * is, not how it is spelt: a symbolic link or a hard link to an input (`-o link.csv` where link.csv →
 * chat.txt) opened for writing would truncate the evidence before it is read.
 */
export async function outputGuard(ledger: InputLedger): Promise<OutputGuard> {
  const inputs = new Map<string, string>();
  if (ledger.root !== undefined)
    for (const rec of ledger.records) {
      const full = resolve(join(ledger.root, rec.path));
      inputs.set(full, rec.path);
      const id = await stat(full).then(identity, () => undefined);
      if (id) inputs.set(id, rec.path);
    }
  return async (path, shown = path) => {
    const full = resolve(path);
    let hit = inputs.get(full);
    if (!hit) {
      // Synchronous: once per output file, thousands for an html export's photos (see ensureDir).
      const st = statOrUndefined(full);
      const id = st ? identity(st) : undefined;
      if (id) hit = inputs.get(id);
    }
    if (hit === undefined) return;
    const how = inputs.get(full) !== undefined ? "is" : "leads to (through a link)";
    throw new ChatportError("usage", `The output ${shown} ${how} the input file ${hit}; writing it would destroy the evidence being read. Choose another output name with -o.`);
  };
}
