import { stat } from "node:fs/promises";
import { dirname } from "node:path";
import { hashSource } from "../io/hash.js";
import { fileSource, type InputSource, type InputTree } from "../io/source.js";
import { SQLITE_SIDECARS, isSqliteHeader } from "../io/sqlite.js";
import type { SourceFile } from "../model/schema.js";

/** A file hash: size and SHA-256, or null when the file could not be read. */
export interface FileHash {
  bytes: number;
  sha256: string;
}

/** One input file as the manifest records it: hashed before reading and again after. */
export interface InputRecord {
  /** Relative to the input root (the folder holding the input file or folder), "/"-separated. */
  path: string;
  /** "input" for what the reader was given, "sqlite-sidecar" for a -wal/-shm/-journal file beside a database. */
  role: "input" | "sqlite-sidecar";
  bytes: number;
  sha256: string;
  /** The hash taken after reading; null when the file was gone or unreadable by then. */
  afterRead?: FileHash | null;
}

/** Input records with a way to re-open each file for the after-reading hash. */
export interface InputLedger {
  records: InputRecord[];
  /** The folder the record paths are relative to, when the input is on disk. */
  root: string | undefined;
  /** Hashes every file again and fills `afterRead`; returns the records whose bytes changed or vanished. */
  rehash(): Promise<InputRecord[]>;
}

/**
 * Builds the input ledger from the hashes taken before reading (`sources`), adding the SQLite sidecars
 * that sit beside a database file given on its own (a folder input lists them already).
 */
export async function inputLedger(input: InputSource | InputTree, sources: SourceFile[]): Promise<InputLedger> {
  const reopen = new Map<InputRecord, () => Promise<InputSource | undefined>>();
  const records: InputRecord[] = [];
  for (const s of sources) {
    const rec: InputRecord = { path: s.path, role: "input", bytes: s.bytes, sha256: s.sha256 };
    records.push(rec);
    if (input.kind === "file") reopen.set(rec, async () => input);
    else {
      const rel = s.path.startsWith(input.name + "/") ? s.path.slice(input.name.length + 1) : s.path;
      reopen.set(rec, () => input.open(rel));
      if (SQLITE_SIDECARS.some((x) => rel.endsWith(x))) rec.role = "sqlite-sidecar";
    }
  }
  if (input.kind === "file" && input.path && isSqliteHeader(await input.head(16))) {
    for (const suffix of SQLITE_SIDECARS) {
      const open = () => openPath(input.path! + suffix, input.name + suffix);
      const f = await open();
      if (!f) continue;
      const h = await hashSource(f, { fresh: true });
      const rec: InputRecord = { path: input.name + suffix, role: "sqlite-sidecar", bytes: h.bytes, sha256: h.sha256 };
      records.push(rec);
      reopen.set(rec, open);
    }
  }
  const root = input.kind === "file" ? (input.path ? dirname(input.path) : undefined) : input.path ? dirname(input.path) : undefined;
  return {
    records,
    root,
    async rehash() {
      const changed: InputRecord[] = [];
      for (const rec of records) {
        let after: FileHash | null = null;
        try {
          const f = await reopen.get(rec)!();
          if (f) after = await hashSource(f, { fresh: true });
        } catch {
          after = null;
        }
        rec.afterRead = after;
        if (!after || after.sha256 !== rec.sha256 || after.bytes !== rec.bytes) changed.push(rec);
      }
      return changed;
    },
  };
}

async function openPath(path: string, name: string): Promise<InputSource | undefined> {
  try {
    const st = await stat(path);
    return st.isFile() ? fileSource(path, name, st.size) : undefined;
  } catch {
    return undefined;
  }
}
