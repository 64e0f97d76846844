import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { ChatportError } from "../diagnostics/errors.js";
import { safeJoin } from "../io/source.js";
import { hashFile } from "./file-hash.js";

/** One problem found by {@link verifyManifest}. */
export interface VerifyIssue {
  side: "input" | "output";
  /** The path as the manifest records it. */
  path: string;
  problem: "missing" | "mismatch" | "unlocated";
  expected: { bytes: number; sha256: string };
  found?: { bytes: number; sha256: string };
}

/** What verification found. */
export interface VerifyResult {
  inputs: number;
  outputs: number;
  issues: VerifyIssue[];
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
    parsed = JSON.parse(await readFile(full, "utf8"));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new ChatportError("input-unreadable", `${manifestPath}: no such manifest; give the <output>.manifest.json written by chatport convert.`);
    if (code) throw new ChatportError("input-unreadable", `${manifestPath} cannot be read (${code}).`);
    throw new ChatportError("input-damaged", `${manifestPath} is not valid JSON (${(e as Error).message}); it is not an intact chatport manifest.`);
  }
  const m = parsed as { manifestVersion?: unknown; inputRoot?: unknown; inputs?: unknown; outputs?: unknown };
  if (typeof m.manifestVersion !== "string" || !m.manifestVersion.startsWith("1.") || !isEntries(m.inputs) || !isEntries(m.outputs))
    throw new ChatportError("input-damaged", `${manifestPath} is not a chatport manifest of version 1.x (manifestVersion, inputs and outputs are required).`);
  const dir = dirname(full);
  const inputRoot = opts.inputRoot !== undefined ? resolve(opts.inputRoot) : typeof m.inputRoot === "string" ? resolve(dir, m.inputRoot) : undefined;
  const issues: VerifyIssue[] = [];
  for (const e of m.inputs) issues.push(...(await check("input", e, inputRoot)));
  for (const e of m.outputs) issues.push(...(await check("output", e, dir)));
  return { inputs: m.inputs.length, outputs: m.outputs.length, issues };
}

async function check(side: VerifyIssue["side"], e: ManifestFileEntry, root: string | undefined): Promise<VerifyIssue[]> {
  const expected = { bytes: e.bytes, sha256: e.sha256 };
  // Recorded paths never escape their root; a manifest that says otherwise is not trusted to point anywhere.
  const path = root === undefined ? undefined : safeJoin(root, e.path);
  if (path === undefined) return [{ side, path: e.path, problem: "unlocated", expected }];
  const found = await hashFile(path);
  if (!found) return [{ side, path: e.path, problem: "missing", expected }];
  if (found.sha256 !== e.sha256 || found.bytes !== e.bytes) return [{ side, path: e.path, problem: "mismatch", expected, found }];
  return [];
}

function isEntries(v: unknown): v is ManifestFileEntry[] {
  return Array.isArray(v) && v.every((x) => x && typeof x === "object" && typeof x.path === "string" && typeof x.sha256 === "string" && typeof x.bytes === "number");
}

/** One line per issue, for people. */
export function describeIssue(i: VerifyIssue): string {
  switch (i.problem) {
    case "missing":
      return `MISSING  ${i.side} ${i.path} (expected ${i.expected.bytes} bytes, SHA-256 ${i.expected.sha256})`;
    case "unlocated":
      return `UNLOCATED ${i.side} ${i.path}: the manifest records no folder for it; pass --input-root <folder>`;
    case "mismatch":
      return `CHANGED  ${i.side} ${i.path}: expected ${i.expected.bytes} bytes, SHA-256 ${i.expected.sha256}; found ${i.found!.bytes} bytes, SHA-256 ${i.found!.sha256}`;
  }
}
