import { openFileSink, writePieces } from "../io/sink.js";
import { StagedOutputs } from "../io/staged-outputs.js";
import { dirname } from "node:path";
import { ChatportError } from "../diagnostics/errors.js";
import { hashFile, portableRelative } from "../evidence/file-hash.js";
import type { InputRecord } from "../evidence/input-hashes.js";
import { toolInfo, type ToolInfo } from "../evidence/environment.js";
import { describeBasis } from "../model/display.js";
import type { Conversation, Diagnostic } from "../model/schema.js";
import type { ClosedConversation, ConversationStats } from "../plugin/types.js";
import { addStats, emptyStats } from "./stats.js";

/** Version of the manifest's own shape; bump the major part when a field is renamed or removed. */
export const MANIFEST_VERSION = "1.0.0";

/** The manifest file written beside an output: `<output>.manifest.json`. */
export function manifestPathFor(outputPath: string): string {
  return outputPath + ".manifest.json";
}

/** One output file in the manifest, relative to the manifest's folder. */
export interface OutputRecord {
  path: string;
  role: "main" | "sibling";
  bytes: number;
  sha256: string;
}

/** Counters of one conversation in the manifest. */
export interface ConversationRecord {
  id: string;
  title: string;
  platform: string;
  kind: string;
  source: string;
  messages: number;
  byKind: Record<string, number>;
  byBasis: Record<string, number>;
  attachments: { present: number; missing: number; omitted: number };
  recalled: number;
  deleted: number;
  edited: number;
  /** Earliest and latest instant (UTC) among messages that have one. */
  firstInstant: string | null;
  lastInstant: string | null;
  /** Earliest and latest wall clock among messages without an instant (zone unknown). */
  firstWall: string | null;
  lastWall: string | null;
}

/**
 * The evidence manifest: what was read (hashed before and after), with what tool and settings, what was
 * written (hashed after writing), the counts and every diagnostic. Key order is fixed and nothing in it
 * depends on the machine's folders, so the same input and options give the same bytes.
 */
export interface Manifest {
  manifestVersion: string;
  generatedAt: string;
  tool: ToolInfo;
  reader: { id: string; version: string; variant: string | null; reason: string };
  writer: { id: string; version: string; facts: Record<string, string> };
  options: Record<string, unknown>;
  zonePolicy: { assumedZone: string | null; meaning: string; bases: Record<string, { messages: number; meaning: string }> };
  /** Folder the input paths are relative to, relative to the manifest's folder; null for in-memory input. */
  inputRoot: string | null;
  inputs: (InputRecord & { unchanged: boolean })[];
  outputs: OutputRecord[];
  totals: Omit<ConversationRecord, "id" | "title" | "platform" | "kind" | "source"> & { conversations: number; participants: number };
  conversations: ConversationRecord[];
  transformations: string[];
  diagnosticCounts: Record<string, number>;
  diagnostics: Diagnostic[];
}

/** Conversations with their counters, in order, read one at a time (convert's ConversationLog). */
export interface ConversationEntries {
  count: number;
  entries(): Iterable<ClosedConversation>;
  /** Their counters added up (else the manifest reads them all once more to add them). */
  sum?(): ConversationStats;
}

/** What convert hands over to build a manifest. */
export interface ManifestFacts {
  generatedAt: string;
  reader: { id: string; version: string; variant?: string; reason: string };
  writer: { id: string; version: string; facts: Record<string, string>; transformations: string[] };
  options: Record<string, unknown>;
  assumedZone: string | undefined;
  inputRoot: string | undefined;
  /** The input records, in order: an array, or made one by one (see InputLedger.entries). */
  inputs: Iterable<InputRecord>;
  /** Absolute paths, main output first. */
  outputs: string[];
  /** The conversations with their counters; or a list of conversations with their counters in `stats`. */
  conversations: ConversationEntries | Conversation[];
  /** With a list of conversations: their counters by id (one without counters gets zeros). */
  stats?: Record<string, ConversationStats>;
  participants: number;
  diagnostics: Diagnostic[];
  diagnosticCounts: Record<string, number>;
}

/**
 * Hashes the outputs and writes the manifest to `path`, streamed: the same bytes as
 * `JSON.stringify(buildManifest(…), null, 2)`, but the conversation list is never one value (100,000
 * conversations made a 58 MB manifest, and stringifying it at once took ~300 MiB).
 */
export async function writeManifest(path: string, facts: ManifestFacts): Promise<void> {
  const dir = dirname(path);
  const outputs: OutputRecord[] = [];
  for (let i = 0; i < facts.outputs.length; i++) {
    const p = facts.outputs[i]!;
    const h = await hashFile(p);
    if (!h) throw new ChatportError("output-failed", `${p} was written but cannot be read back to hash it for the manifest; check the disk and run again.`);
    outputs.push({ path: portableRelative(dir, p), role: i === 0 ? "main" : "sibling", bytes: h.bytes, sha256: h.sha256 });
  }
  // Staged like the outputs: an interrupted run leaves no manifest that stops halfway.
  const staged = new StagedOutputs();
  try {
    const sink = await openFileSink(staged.stage(path), path);
    try {
      await writePieces(sink, manifestText(facts, outputs, facts.inputRoot === undefined ? null : portableRelative(dir, facts.inputRoot)));
    } finally {
      await sink.close();
    }
  } catch (e) {
    await staged.discard();
    throw e;
  }
  await staged.commit();
}

/** Builds the manifest object in its fixed key order (maps sorted by key). */
export function buildManifest(f: ManifestFacts, outputs: OutputRecord[], inputRoot: string | null): Manifest {
  return { ...manifestHead(f, outputs, inputRoot), inputs: [...inputRecords(f)], conversations: [...conversationRecords(f)] };
}

/**
 * The manifest as JSON text (2-space indent, final newline) in pieces: every member but the
 * conversation and input lists is stringified whole; those lists one record at a time.
 */
export function* manifestText(f: ManifestFacts, outputs: OutputRecord[], inputRoot: string | null): Generator<string> {
  const head = manifestHead(f, outputs, inputRoot);
  const keys = Object.keys(head) as (keyof Manifest)[];
  yield "{\n";
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    yield `  ${JSON.stringify(k)}: `;
    if (k === "conversations") yield* listText(conversationRecords(f), 2);
    // A folder of 100,000 files lists as many inputs: item by item too (at once it took ~190 MiB), each
    // record made as it is written.
    else if (k === "inputs") yield* listText(inputRecords(f), 2);
    else yield indented(JSON.stringify(head[k], null, 2), 2);
    yield i < keys.length - 1 ? ",\n" : "\n";
  }
  yield "}\n";
}

/** An array as `JSON.stringify(array, null, 2)` would write it nested `depth` levels deep, item by item. */
function* listText(items: Iterable<unknown>, depth: number): Generator<string> {
  const pad = " ".repeat(depth + 2);
  let first = true;
  for (const item of items) {
    yield (first ? "[\n" : ",\n") + pad + indented(JSON.stringify(item, null, 2), depth + 2);
    first = false;
  }
  yield first ? "[]" : "\n" + " ".repeat(depth) + "]";
}

/** JSON text moved `depth` spaces right (its strings hold no raw line breaks: JSON escapes them). */
function indented(json: string, depth: number): string {
  return json.includes("\n") ? json.replace(/\n/g, "\n" + " ".repeat(depth)) : json;
}

/** The manifest records of the conversations, in input order. */
function* conversationRecords(f: ManifestFacts): Generator<ConversationRecord> {
  for (const e of entriesOf(f)) yield conversationRecord(e.conversation, e.stats);
}

/** The conversations of `f` with their counters (undefined: none were kept), in order. */
function* entriesOf(f: ManifestFacts): Generator<{ conversation: Conversation; stats: ConversationStats | undefined }> {
  if (!Array.isArray(f.conversations)) {
    yield* f.conversations.entries();
    return;
  }
  for (const c of f.conversations) yield { conversation: c, stats: f.stats?.[c.id] };
}

function conversationCount(f: ManifestFacts): number {
  return Array.isArray(f.conversations) ? f.conversations.length : f.conversations.count;
}

/** The manifest records of the inputs, in order. */
function* inputRecords(f: ManifestFacts): Generator<Manifest["inputs"][number]> {
  for (const r of f.inputs)
    yield {
      path: r.path,
      role: r.role,
      bytes: r.bytes,
      sha256: r.sha256,
      afterRead: r.afterRead ? { bytes: r.afterRead.bytes, sha256: r.afterRead.sha256 } : null,
      unchanged: !!r.afterRead && r.afterRead.sha256 === r.sha256 && r.afterRead.bytes === r.bytes,
    };
}

/** Every member of the manifest in its fixed order, with the input and conversation lists left empty (they are written record by record). */
function manifestHead(f: ManifestFacts, outputs: OutputRecord[], inputRoot: string | null): Manifest {
  let sum = !Array.isArray(f.conversations) ? f.conversations.sum?.() : undefined;
  if (!sum) {
    sum = emptyStats();
    for (const { stats } of entriesOf(f)) if (stats) addStats(sum, stats);
  }
  const totals = statsRecord(sum);
  const bases: Manifest["zonePolicy"]["bases"] = {};
  for (const [basis, n] of Object.entries(totals.byBasis))
    bases[basis] = { messages: n, meaning: describeBasis({ basis: basis as "exact", zone: f.assumedZone }) };
  return {
    manifestVersion: MANIFEST_VERSION,
    generatedAt: f.generatedAt,
    tool: toolInfo(),
    reader: { id: f.reader.id, version: f.reader.version, variant: f.reader.variant ?? null, reason: f.reader.reason },
    writer: { id: f.writer.id, version: f.writer.version, facts: sortKeys(f.writer.facts) },
    options: sortKeys(f.options),
    zonePolicy: { assumedZone: f.assumedZone ?? null, meaning: zoneMeaning(f.assumedZone), bases },
    inputRoot,
    inputs: [],
    outputs,
    totals: { conversations: conversationCount(f), participants: f.participants, ...totals },
    conversations: [],
    transformations: f.writer.transformations,
    diagnosticCounts: sortKeys(f.diagnosticCounts),
    diagnostics: f.diagnostics,
  };
}

/** The zone policy in words. */
export function zoneMeaning(assumedZone: string | undefined): string {
  return assumedZone
    ? `wall-clock times the source gives without a zone were read as ${assumedZone} (--tz): an assumption of the user, not a statement of the source (basis "assumed-zone"); times the source gives as instants or with an offset are kept as given`
    : `no zone was assumed: wall-clock times the source gives without a zone stay floating (basis "floating", no UTC instant is invented); times the source gives as instants or with an offset are kept as given`;
}

function conversationRecord(c: Conversation, s: ConversationStats | undefined): ConversationRecord {
  return { id: c.id, title: c.title, platform: c.platform, kind: c.kind, source: c.source, ...statsRecord(s ?? emptyStats()) };
}

/** Counters as the manifest records them: maps in key order, absent dates as null. */
function statsRecord(s: ConversationStats): Omit<ConversationRecord, "id" | "title" | "platform" | "kind" | "source"> {
  return {
    messages: s.messages,
    byKind: sortKeys(s.byKind),
    byBasis: sortKeys(s.byBasis),
    attachments: { present: s.attachments.present, missing: s.attachments.missing, omitted: s.attachments.omitted },
    recalled: s.recalled,
    deleted: s.deleted,
    edited: s.edited,
    firstInstant: s.firstInstant ?? null,
    lastInstant: s.lastInstant ?? null,
    firstWall: s.firstWall ?? null,
    lastWall: s.lastWall ?? null,
  };
}

/** A copy with keys in code-unit order (never locale order), nested plain objects too. */
export function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(o).sort()) {
    const v = o[k]!;
    out[k] = (v && typeof v === "object" && !Array.isArray(v) ? sortKeys(v as Record<string, unknown>) : v) as T;
  }
  return out;
}
