import { rmSync, statSync } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { outputError } from "./output-errors.js";

/**
 * Output files are written under a temporary name beside their final one (`report.csv.partial-<pid>-<n>`)
 * and renamed into place only when the conversion has succeeded. A run that fails, is interrupted, or
 * is killed outright never leaves a file under the final name that looks finished but stops halfway,
 * and never truncates the output of an earlier run before the new one is complete. Renaming within one
 * folder is atomic on POSIX file systems and on NTFS.
 */
export class StagedOutputs {
  /** Final path → the temporary path its bytes are written to, in staging order. */
  private readonly pending = new Map<string, string>();

  /** The temporary path to write `finalPath`'s bytes to (the same one when asked again). */
  stage(finalPath: string): string {
    let temp = this.pending.get(finalPath);
    if (temp === undefined) {
      temp = `${finalPath}.partial-${process.pid}-${++serial}`;
      this.pending.set(finalPath, temp);
      partialFiles.add(temp);
      listener?.(temp, true);
    }
    return temp;
  }

  /** Where `finalPath`'s bytes are now: its temporary path while staged, else itself. */
  current(finalPath: string): string {
    return this.pending.get(finalPath) ?? finalPath;
  }

  /**
   * Renames every staged file to its final name, in staging order (the main output first). A rename that
   * fails removes the files not yet renamed and throws {@link outputError}'s message for its file.
   */
  async commit(): Promise<void> {
    for (const [finalPath, temp] of this.pending) {
      try {
        await rename(temp, finalPath);
      } catch (e) {
        await this.discard();
        throw outputError(finalPath, e);
      }
      this.forget(finalPath, temp);
    }
  }

  /**
   * After a failure: removes every staged file, except that `keep(finalPath, bytes)` may ask for one to
   * be renamed into place instead (a writer whose output says itself that it is incomplete).
   */
  async discard(keep: (finalPath: string, bytes: number) => boolean = () => false): Promise<void> {
    for (const [finalPath, temp] of this.pending) {
      try {
        const bytes = (await stat(temp)).size;
        if (keep(finalPath, bytes)) await rename(temp, finalPath);
        else await rm(temp, { force: true });
      } catch {
        // Never created, or already gone: nothing to clean.
      }
      this.forget(finalPath, temp);
    }
  }

  private forget(finalPath: string, temp: string): void {
    this.pending.delete(finalPath);
    partialFiles.delete(temp);
    listener?.(temp, false);
  }
}

let serial = 0;
/** Staged files of every conversion running in this thread. */
const partialFiles = new Set<string>();
let listener: ((path: string, open: boolean) => void) | undefined;

/**
 * Tells `fn` of every staged file as it appears (`open` true) and as it is renamed or removed: the CLI's
 * worker thread passes these to the main thread, which cleans up after a signal stops the worker.
 */
export function onPartialFiles(fn: ((path: string, open: boolean) => void) | undefined): void {
  listener = fn;
}

/** Removes staged files synchronously (a signal handler's last act); failures are ignored. */
export function removePartialFilesSync(paths: Iterable<string> = partialFiles): void {
  for (const p of [...paths]) {
    try {
      if (statSync(p).isFile()) rmSync(p, { force: true });
    } catch {
      // Nothing more can be done on the way out.
    }
  }
}
