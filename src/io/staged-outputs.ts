import { closeSync, lstatSync, openSync, readlinkSync, realpathSync, rmSync, statSync } from "node:fs";
import { chmod, chown, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { outputError, statOrUndefined } from "./output-errors.js";

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

  /** Final path → the file renamed into place: the path itself, or the file a link there leads to. */
  private readonly targets = new Map<string, string>();

  /** Final path → the mode and owner of the file it replaces, which the new file takes over. */
  private readonly replaced = new Map<string, { mode: number; uid: number; gid: number }>();

  /**
   * The path to write `finalPath`'s bytes to: a temporary name beside it (the same one when asked again).
   * A link is written through: the temporary file sits beside the file it leads to, which is replaced
   * and the link kept. A device or pipe (`-o /dev/null`) is written directly, never replaced; a folder
   * is refused at once.
   */
  stage(finalPath: string): string {
    let temp = this.pending.get(finalPath);
    if (temp !== undefined) return temp;
    const target = linkTarget(finalPath);
    const st = statOrUndefined(target);
    if (st?.isDirectory()) throw outputError(finalPath, Object.assign(new Error("is a directory"), { code: "EISDIR" }));
    if (st && !st.isFile()) return target;
    // An existing file must be writable, as it had to be when it was overwritten in place: a rename would
    // replace a read-only (protected) file, and one locked by another program (Excel) would only fail at
    // the end. Opening it for update changes nothing in it.
    if (st) {
      try {
        closeSync(openSync(target, "r+"));
      } catch (e) {
        throw outputError(finalPath, e);
      }
    }
    temp = partialName(target);
    if (st) this.replaced.set(finalPath, { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid });
    this.pending.set(finalPath, temp);
    this.targets.set(finalPath, target);
    partialFiles.add(temp);
    listener?.(temp, true);
    return temp;
  }

  /**
   * Renames every staged file to its final name, in staging order (the main output first). A rename that
   * fails removes the files not yet renamed and throws {@link outputError}'s message for its file.
   */
  async commit(): Promise<void> {
    for (const [finalPath, temp] of this.pending) {
      try {
        await this.takeOver(finalPath, temp);
        await rename(temp, this.targets.get(finalPath)!);
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
        if (keep(finalPath, bytes)) {
          await this.takeOver(finalPath, temp);
          await rename(temp, this.targets.get(finalPath)!);
        }
        else await rm(temp, { force: true });
      } catch {
        // Never created, or already gone: nothing to clean.
      }
      this.forget(finalPath, temp);
    }
  }

  /**
   * Gives the new file the permissions (and, where this process may, the owner) of the file it replaces:
   * overwriting in place kept them, and a report shared read-only with a group, or a root run over a
   * user's file, must not come out with the umask's mode or root's ownership. Best effort: a file system
   * without modes (FAT) refuses quietly.
   */
  private async takeOver(finalPath: string, temp: string): Promise<void> {
    const old = this.replaced.get(finalPath);
    if (!old) return;
    await chmod(temp, old.mode).catch(() => undefined);
    if (process.getuid?.() === 0) await chown(temp, old.uid, old.gid).catch(() => undefined);
  }

  private forget(finalPath: string, temp: string): void {
    this.pending.delete(finalPath);
    this.targets.delete(finalPath);
    this.replaced.delete(finalPath);
    partialFiles.delete(temp);
    listener?.(temp, false);
  }
}

/** The file a link at `path` leads to (followed to the end, or one step when it leads nowhere yet); else `path`. */
function linkTarget(path: string): string {
  try {
    if (!lstatSync(path).isSymbolicLink()) return path;
  } catch {
    return path;
  }
  try {
    return realpathSync(path);
  } catch {
    return resolve(dirname(path), readlinkSync(path));
  }
}

let serial = 0;

/** Longest file name (bytes) most file systems take (ext4, APFS, NTFS in UTF-16 units). */
const NAME_MAX = 255;

/**
 * The temporary name beside `target`: its name plus `.partial-<pid>-<n>`, or, when that would pass
 * {@link NAME_MAX} (a final name of 240+ bytes that is itself fine), `.chatport-partial-<pid>-<n>`.
 */
function partialName(target: string): string {
  const suffix = `.partial-${process.pid}-${++serial}`;
  const name = basename(target);
  return Buffer.byteLength(name) + suffix.length <= NAME_MAX ? target + suffix : join(dirname(target), `.chatport${suffix}`);
}
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
