import { statOrUndefined } from "../io/output-errors.js";
import { join, relative, resolve, sep } from "node:path";
import { ChatportError } from "../diagnostics/errors.js";
import type { InputLedger } from "../evidence/input-hashes.js";

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
 * Nothing is built per input either: an output path is looked up in the ledger by its path relative to
 * the input root, and the inputs are ordered by size only when an existing file is to be written over
 * (a map of every input's absolute path, and one by size, held ~300 bytes a file of a 100,000-file folder).
 */
export async function outputGuard(ledger: InputLedger): Promise<OutputGuard> {
  const root = ledger.root;
  let bySize: Uint32Array | undefined;
  /** The ledger's index of the input at `full` (absolute, resolved), or -1. */
  const inputAt = (full: string): number => {
    if (root === undefined) return -1;
    const rel = relative(root, full);
    if (rel === "" || rel === ".." || rel.startsWith(".." + sep) || resolve(root, rel) !== full) return -1;
    const i = ledger.indexOf(sep === "/" ? rel : rel.split(sep).join("/"));
    // The same test as comparing resolved paths: the recorded path, resolved under the root, is this one.
    return i >= 0 && resolve(join(root, ledger.path(i))) === full ? i : -1;
  };
  /** The input that is the same file as `st` (same device and inode), if any; the first in ledger order. */
  const sameFile = (st: { dev: number; ino: number; size: number }): string | undefined => {
    const id = identity(st);
    if (!id || root === undefined) return undefined;
    const order = (bySize ??= sizeOrder(ledger));
    // The first of the inputs of this size, then each in ledger order (the sort is stable).
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ledger.bytes(order[mid]!) < st.size) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < order.length && ledger.bytes(order[k]!) === st.size; k++) {
      const p = ledger.path(order[k]!);
      const other = statOrUndefined(resolve(join(root, p)));
      if (other && identity(other) === id) return p;
    }
    return undefined;
  };
  return async (path, shown = path) => {
    const full = resolve(path);
    const at = inputAt(full);
    let hit = at >= 0 ? ledger.path(at) : undefined;
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

/** The ledger's indexes ordered by input size, ties in ledger order. */
function sizeOrder(ledger: InputLedger): Uint32Array {
  const order = new Uint32Array(ledger.count);
  for (let i = 0; i < order.length; i++) order[i] = i;
  // TypedArray sort is stable (ES2019 requires Array.prototype.sort to be; %TypedArray%.prototype.sort too).
  return order.sort((a, b) => ledger.bytes(a) - ledger.bytes(b) || a - b);
}
