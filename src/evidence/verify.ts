import { readFile, realpath, stat } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { ChatportError } from "../diagnostics/errors.js";
import { safeJoin } from "../io/source.js";
import { hashFile } from "./file-hash.js";

/** One problem found by {@link verifyManifest}. */
export interface VerifyIssue {
  side: "input" | "output";
  /** The path as the manifest records it. */
  path: string;
  problem: "missing" | "mismatch" | "unlocated" | "refused";
  /** For "refused": why the path was not read. */
  reason?: string;
  expected: { bytes: number; sha256: string };
  found?: { bytes: number; sha256: string };
}

/** What verification found. */
export interface VerifyResult {
  inputs: number;
  outputs: number;
  issues: VerifyIssue[];
  /** Files read outside their folder (through a symbolic link), one sentence each: never silently. */
  notes: string[];
}

interface ManifestFileEntry {
  path: string;
  bytes: number;
  sha256: string;
}

/**
 * Re-hashes every input and output a manifest lists. Outputs are found relative to the manifest's
 * folder; inputs relative to the recorded `inputRoot` (itself relative to the manifest), or to
 * `inputRoot` given here (an absolute or cwd-relative folder) when the evidence moved.
 */
export async function verifyManifest(manifestPath: string, opts: { inputRoot?: string } = {}): Promise<VerifyResult> {
  const full = resolve(manifestPath);
  let parsed: unknown;
  try {
    // A manifest opened and saved in an editor may have gained a byte-order mark.
    parsed = JSON.parse((await readFile(full, "utf8")).replace(/^\uFEFF/, ""));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new ChatportError("input-unreadable", `${manifestPath}: no such manifest; give the <output>.manifest.json written by chatport convert.`);
    if (code) throw new ChatportError("input-unreadable", `${manifestPath} cannot be read (${code}).`);
    throw new ChatportError("input-damaged", `${manifestPath} is not valid JSON (${(e as Error).message}); it is not an intact chatport manifest.`);
  }
  const m = (parsed ?? {}) as { manifestVersion?: unknown; inputRoot?: unknown; inputs?: unknown; outputs?: unknown };
  if (typeof m !== "object" || typeof m.manifestVersion !== "string" || !m.manifestVersion.startsWith("1.") || !isEntries(m.inputs) || !isEntries(m.outputs))
    throw new ChatportError("input-damaged", `${manifestPath} is not a chatport manifest of version 1.x (manifestVersion, inputs and outputs are required).`);
  const dir = dirname(full);
  if (opts.inputRoot !== undefined && !(await isFolder(opts.inputRoot)))
    throw new ChatportError("usage", `--input-root ${JSON.stringify(opts.inputRoot)} is not a folder; give the folder the inputs are in now.`);
  const inputRoot = opts.inputRoot !== undefined ? resolve(opts.inputRoot) : typeof m.inputRoot === "string" ? resolve(dir, m.inputRoot) : undefined;
  const issues: VerifyIssue[] = [];
  const notes: string[] = [];
  for (const e of m.inputs) issues.push(...(await check("input", e, inputRoot, notes)));
  for (const e of m.outputs) issues.push(...(await check("output", e, dir, notes)));
  return { inputs: m.inputs.length, outputs: m.outputs.length, issues, notes };
}

async function isFolder(p: string): Promise<boolean> {
  return stat(p).then((s) => s.isDirectory(), () => false);
}

async function check(side: VerifyIssue["side"], e: ManifestFileEntry, root: string | undefined, notes: string[]): Promise<VerifyIssue[]> {
  const expected = { bytes: e.bytes, sha256: e.sha256 };
  if (root === undefined) return [{ side, path: e.path, problem: "unlocated", expected }];
  // Recorded paths never escape their root: a manifest that says otherwise (edited, or hostile) is not
  // followed anywhere, and says why.
  const refused = (reason: string): VerifyIssue[] => [{ side, path: e.path, problem: "refused", expected, reason }];
  if (isAbsolute(e.path) || /^[a-zA-Z]:/.test(e.path)) return refused("an absolute path, where chatport records paths relative to their folder");
  const path = safeJoin(root, e.path);
  if (path === undefined) return refused(`it climbs out of ${side === "input" ? "the input folder" : "the manifest's folder"}`);
  const info = await stat(path).catch(() => undefined);
  if (info && !info.isFile()) return refused(info.isDirectory() ? "a folder, not a file" : "not a regular file (a device, pipe or socket)");
  // An output written through a link (-o link.csv) leads out of its folder legitimately: it is read, but
  // said, so a manifest cannot make verify read a file elsewhere unseen. (Devices were refused above.)
  if (info) {
    const [real, realRoot] = await Promise.all([realpath(path), realpath(root)]);
    const rel = relative(realRoot, real);
    if (rel.startsWith(".." + sep) || rel === ".." || isAbsolute(rel))
      notes.push(`NOTE     ${side} ${visible(e.path)} is a symbolic link to ${visible(real)}, outside ${side === "input" ? "the input folder" : "the manifest's folder"}; hashed there`);
  }
  const found = info ? await hashFile(path) : null;
  if (!found) return [{ side, path: e.path, problem: "missing", expected }];
  if (found.sha256 !== e.sha256 || found.bytes !== e.bytes) return [{ side, path: e.path, problem: "mismatch", expected, found }];
  return [];
}

function isEntries(v: unknown): v is ManifestFileEntry[] {
  return Array.isArray(v) && v.every((x) => x && typeof x === "object" && typeof x.path === "string" && typeof x.sha256 === "string" && typeof x.bytes === "number");
}

/** One line per issue, for people; control characters of a (hostile) path are written as `\\xHH`. */
export function describeIssue(i: VerifyIssue): string {
  return describe({ ...i, path: visible(i.path) });
}

const visible = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);

function describe(i: VerifyIssue): string {
  switch (i.problem) {
    case "refused":
      return `REFUSED  ${i.side} ${i.path}: ${i.reason}; not read (expected ${i.expected.bytes} bytes, SHA-256 ${i.expected.sha256})`;
    case "missing":
      return `MISSING  ${i.side} ${i.path} (expected ${i.expected.bytes} bytes, SHA-256 ${i.expected.sha256})`;
    case "unlocated":
      return `UNLOCATED ${i.side} ${i.path}: the manifest records no folder for it; pass --input-root <folder>`;
    case "mismatch":
      return `CHANGED  ${i.side} ${i.path}: expected ${i.expected.bytes} bytes, SHA-256 ${i.expected.sha256}; found ${i.found!.bytes} bytes, SHA-256 ${i.found!.sha256}`;
  }
}
