import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Vitest global setup: the temporary folders the tests make (hundreds per run, inputs of up to 60 MB)
 * all go under one folder for the run (TMPDIR, which os.tmpdir() and child processes read), removed
 * when the run ends. Left in the system's temporary folder, runs of the suite had filled the disk.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), "chatport-test-run-"));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(root, { recursive: true, force: true });
  };
}
