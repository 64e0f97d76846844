import { stat } from "node:fs/promises";
import { dirname } from "node:path";
import { hashSource } from "../io/hash.js";
import { fileSource, type InputSource, type InputTree } from "../io/source.js";
import { SQLITE_SIDECARS, isSqliteHeader } from "../io/sqlite.js";
import type { SourceFile } from "../model/schema.js";
import { DigestTable } from "./digest-table.js";

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

/** What {@link inputLedger} starts from: the hashes taken before reading. */
export type BeforeHashes = { table: DigestTable } | readonly SourceFile[];

/** After-reading states of a record. */
const NOT_YET = 0;
const READ = 1;
const GONE = 2;

/**
 * The input files hashed before reading and again after, for the manifest. Records are made when
 * asked for ({@link record}, {@link entries}): the hashes stay in flat tables (see {@link DigestTable}),
 * a folder of 100,000 files would otherwise hold as many record objects, closures and hex strings.
 */
export class InputLedger {
  /** After reading: sizes, digests (32 bytes each) and states, one row per record. */
  private afterBytes: Float64Array | undefined;
  private afterDigests: Buffer | undefined;
  private afterState: Uint8Array | undefined;

  constructor(
    private readonly input: InputSource | InputTree,
    /** Hashes before reading, in record order. */
    private readonly before: DigestTable,
    /** How many of them the reader was given; the rest are sidecars found beside a database file. */
    private readonly given: number,
    /** The suffixes of those sidecars ("-wal"…), in order. */
    private readonly sidecars: readonly string[],
    /** The folder the record paths are relative to, when the input is on disk. */
    readonly root: string | undefined,
  ) {}

  /** Files recorded. */
  get count(): number {
    return this.before.count;
  }

  /** Every record, as a new array (small inputs and tests; {@link entries} streams them). */
  get records(): InputRecord[] {
    return [...this.entries()];
  }

  /** The records in order, each made when reached. */
  *entries(): Generator<InputRecord> {
    for (let i = 0; i < this.count; i++) yield this.record(i);
  }

  /** Record `i`; `afterRead` is set once {@link rehash} ran. */
  record(i: number): InputRecord {
    const rec: InputRecord = { path: this.before.path(i), role: this.role(i), bytes: this.before.bytes(i), sha256: this.before.sha256(i) };
    const state = this.afterState?.[i] ?? NOT_YET;
    if (state !== NOT_YET) rec.afterRead = state === READ ? { sha256: this.afterDigests!.toString("hex", 32 * i, 32 * i + 32), bytes: this.afterBytes![i]! } : null;
    return rec;
  }

  /** The recorded path of record `i`. */
  path(i: number): string {
    return this.before.path(i);
  }

  /** The size of record `i` before reading. */
  bytes(i: number): number {
    return this.before.bytes(i);
  }

  /** The index of the record with this path, or -1. */
  indexOf(path: string): number {
    return this.before.indexOf(path);
  }

  /** Hashes every file again and records the `afterRead` hashes; returns the records whose bytes changed or vanished. */
  async rehash(): Promise<InputRecord[]> {
    const n = this.count;
    const bytes = new Float64Array(n);
    const digests = Buffer.alloc(32 * n);
    const state = new Uint8Array(n);
    const changed: number[] = [];
    for (let i = 0; i < n; i++) {
      let h: FileHash | null = null;
      try {
        const f = await this.reopen(i);
        // Not remembered: the pass before reading did (when the memo holds the folder), and nothing in
        // this run hashes the inputs after this one; a status call and an entry a file saved.
        if (f) h = await hashSource(f, { fresh: true, remember: false });
      } catch {
        h = null;
      }
      if (h) {
        bytes[i] = h.bytes;
        digests.write(h.sha256, 32 * i, 32, "hex");
      }
      state[i] = h ? READ : GONE;
      if (!h || !this.before.matches(i, h.bytes, h.sha256)) changed.push(i);
    }
    this.afterBytes = bytes;
    this.afterDigests = digests;
    this.afterState = state;
    return changed.map((i) => this.record(i));
  }

  private role(i: number): InputRecord["role"] {
    if (i >= this.given) return "sqlite-sidecar";
    if (this.input.kind === "tree" && SQLITE_SIDECARS.some((x) => this.before.path(i).endsWith(x))) return "sqlite-sidecar";
    return "input";
  }

  /** Opens record `i` again: the input file, a file of the folder, or a sidecar beside the database. */
  private async reopen(i: number): Promise<InputSource | undefined> {
    const input = this.input;
    if (i >= this.given) return input.kind === "file" && input.path ? openPath(input.path + this.sidecars[i - this.given]!, this.before.rel(i)) : undefined;
    if (input.kind === "file") return input;
    const path = this.before.path(i);
    return input.open(path.startsWith(input.name + "/") ? path.slice(input.name.length + 1) : path);
  }
}

/**
 * Builds the input ledger from the hashes taken before reading, adding the SQLite sidecars that sit
 * beside a database file given on its own (a folder input lists them already).
 */
export async function inputLedger(input: InputSource | InputTree, hashes: BeforeHashes): Promise<InputLedger> {
  let table = "table" in hashes ? hashes.table : copyOf(new DigestTable("", hashes.length), hashes);
  const given = table.count;
  const sidecars: string[] = [];
  if (input.kind === "file" && input.path && isSqliteHeader(await input.head(16))) {
    for (const suffix of SQLITE_SIDECARS) {
      const f = await openPath(input.path + suffix, input.name + suffix);
      if (!f) continue;
      const h = await hashSource(f, { fresh: true });
      // Rows added to a table of their own (a file input's has one row): the given one stays as it was.
      if (sidecars.length === 0 && "table" in hashes) table = copyOf(new DigestTable("", given + SQLITE_SIDECARS.length), hashes.table.rows());
      table.push(input.name + suffix, h.bytes, h.sha256);
      sidecars.push(suffix);
    }
  }
  const root = input.path ? dirname(input.path) : undefined;
  return new InputLedger(input, table, given, sidecars, root);
}

function copyOf(table: DigestTable, rows: Iterable<{ path: string; bytes: number; sha256: string }>): DigestTable {
  for (const r of rows) table.push(r.path, r.bytes, r.sha256);
  return table;
}

async function openPath(path: string, name: string): Promise<InputSource | undefined> {
  try {
    const st = await stat(path);
    return st.isFile() ? fileSource(path, name, st.size) : undefined;
  } catch {
    return undefined;
  }
}
