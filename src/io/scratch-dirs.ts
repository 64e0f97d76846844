import { mkdtemp } from "node:fs/promises";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Scratch folders (private SQLite copies, spooled output) are named `chatport-<kind>-<pid>-XXXXXX`, so
 * the ones a run leaves when a signal stops it can be found and removed: a private copy is a decrypted
 * chat database, and must not stay behind in the temporary folder.
 */
export async function makeScratchDir(kind: string, root: string = tmpdir()): Promise<string> {
  return mkdtemp(join(root, `chatport-${kind}-${process.pid}-`));
}

/** {@link makeScratchDir}, synchronously (for stores that spill from synchronous code). */
export function makeScratchDirSync(kind: string, root: string = tmpdir()): string {
  return mkdtempSync(join(root, `chatport-${kind}-${process.pid}-`));
}

/**
 * Removes this process's scratch folders from the system temporary folder, synchronously (for signal
 * handlers; the worker thread that made them shares the process id). Failures are ignored.
 */
export function removeScratchDirsSync(root: string = tmpdir()): void {
  const mark = `-${process.pid}-`;
  let names: string[] = [];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith("chatport-") || !name.includes(mark)) continue;
    try {
      rmSync(join(root, name), { recursive: true, force: true });
    } catch {
      // Nothing more can be done on the way out.
    }
  }
}
