import { statSync, type Stats } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { ChatportError } from "../diagnostics/errors.js";

/**
 * The clear error for a file that cannot be created or written: what happened to which path, and what
 * to do, by errno. Anything else keeps the system's words, still as an output failure (exit 6).
 */
export function outputError(path: string, e: unknown): ChatportError {
  if (e instanceof ChatportError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    ENOSPC: `the disk is full; free some space or write the output to another disk with -o`,
    EDQUOT: `the disk quota is used up; free some space or write the output elsewhere with -o`,
    EFBIG: `the file system cannot hold a file this large (FAT32 stops at 4 GiB); write to another disk, or split html into volumes with --split`,
    EISDIR: `it is a folder; give a file name (in that folder or elsewhere) with -o`,
    EACCES: `permission denied; choose a folder you can write to with -o`,
    EPERM: `the system does not allow it (on Windows: the file may be open in another program, such as Excel: close it); choose a folder you can write to with -o`,
    EBUSY: `the file is in use by another program (open in Excel or a viewer?); close it and run again, or write elsewhere with -o`,
    EROFS: `the file system is read-only; write the output elsewhere with -o`,
    ENOENT: `no file can be created there; check the path given with -o`,
    ENOTDIR: `a part of the path is a file, not a folder; check the path given with -o`,
    EIO: `the device reported an input/output error; check the disk and run again`,
  };
  const reason = (code && why[code]) || (e as Error).message;
  return new ChatportError("output-failed", `Cannot write ${path}: ${reason}${code && why[code] ? ` (${code})` : ""}.`, { cause: e });
}

/**
 * Makes a folder and its missing parents, one level at a time. `mkdir(…, { recursive: true })` never
 * returns when the parent refuses new folders with ENOENT (Node 20 on /proc, seen with `-o /proc/x/y`),
 * so the walk is our own, and a failure names the folder that could not be made.
 */
export async function ensureDir(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    // Synchronous: a status is microseconds, a trip through the thread pool ~0.1 ms, once per output
    // file (an html export copies thousands of photos beside it).
    const st = statOrUndefined(d);
    if (st) {
      if (!st.isDirectory()) throw new ChatportError("output-failed", `Cannot create the output folder ${dir}: ${d} is a file, not a folder; check the path given with -o.`);
      break;
    }
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse())
    try {
      await mkdir(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST" && (await stat(d).catch(() => undefined))?.isDirectory()) continue;
      throw new ChatportError("output-failed", `Cannot create the output folder ${d}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; check the path given with -o and that you may write there.`, { cause: e });
    }
}

/** `statSync`, or undefined when the path cannot be looked at (absent, a file on the way: ENOTDIR, no access). */
export function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
