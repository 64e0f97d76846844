import { rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { DiagnosticCollector } from "../diagnostics/collector.js";
import { ChatportError } from "../diagnostics/errors.js";
import { inputLedger } from "../evidence/input-hashes.js";
import { ensureDir } from "../io/output-errors.js";
import { makeScratchDir } from "../io/scratch-dirs.js";
import { openFileSink, streamSink, writeFileAtOnce, type OutputSink } from "../io/sink.js";
import { StagedOutputs } from "../io/staged-outputs.js";
import { directoryTree, type InputSource, type InputTree } from "../io/source.js";
import { inputRoot } from "../io/zip.js";
import type { Diagnostic, SourceFile } from "../model/schema.js";
import type { Registry } from "../plugin/registry.js";
import type { ArchiveTotals, ConversationStats, WriteContext } from "../plugin/types.js";
import { zoneName } from "../time/zone.js";
import { attachmentOpener } from "./attachments.js";
import { generationTime } from "./clock.js";
import { ConversationLog } from "./conversation-log.js";
import { countTotals } from "./count-totals.js";
import { dateRangeOf } from "./date-range.js";
import { eachSourceFile, hashInputs, sourceFiles } from "./hash-inputs.js";
import { attributedSession } from "./writer-errors.js";
import { damagedDatabaseError } from "../io/sqlite.js";
import { inputTrees, reportRefusedLinks } from "./refused-links.js";
import { outputGuard } from "./output-guard.js";
import { manifestPathFor, writeManifest } from "./manifest.js";
import { extractingSession, MediaRegistry } from "./media.js";
import { openInput } from "./open-input.js";
import { ParticipantBook } from "../plugin/participant-book.js";
import { RecordSpill } from "./record-spill.js";
import { prepareRun, type ReadOptions } from "./read-events.js";
import { resolveReader } from "./resolve-reader.js";
import { feedWriter } from "./session-runner.js";
import { VERSION } from "../version.js";

/** Options of {@link convert}. */
export interface ConvertOptions extends ReadOptions {
  /** Writer id: json, ndjson, csv, html … */
  to: string;
  /** Output path, "-" for stdout, or a sink. */
  output: string | OutputSink;
  /** Options handed to the writer (parsed by its own schema). */
  writerOptions?: Record<string, unknown>;
  /** Generation instant; defaults to SOURCE_DATE_EPOCH, else now. */
  generatedAt?: string;
  /**
   * Write `<output>.manifest.json` beside a file output (default true; ignored for stdout and sinks):
   * inputs hashed before and after reading, outputs hashed after writing, tool versions, options,
   * counts and diagnostics.
   */
  manifest?: boolean;
  /**
   * The options as the caller wants them recorded in the manifest (the CLI passes its command-line
   * options without paths). Keys that look like secrets are redacted. Defaults to the convert options.
   */
  recordedOptions?: Record<string, unknown>;
  /**
   * Write media embedded in the input (e.g. MHT image parts) beside the output, in `<output name>.media/`,
   * and point the attachments' `path` there (default true; needs a file output).
   */
  extractMedia?: boolean;
  /**
   * Keep every conversation's counters for {@link ConvertResult.stats} (default true). During the run they
   * live in a scratch file; the record is built from it when the output is written, as objects
   * (~0.5 KB a conversation: ~45 MiB for 100,000). The CLI sets false; `stats` is then `{}`.
   */
  keepStats?: boolean;
}

/** What a conversion did. */
export interface ConvertResult {
  reader: { id: string; version: string; variant?: string; reason: string };
  writer: { id: string; version: string };
  sources: SourceFile[];
  /** Output files written (absolute paths), main output first; empty for stdout or a sink. */
  outputs: string[];
  /** The manifest written (absolute path), when one was. */
  manifest?: string;
  conversations: number;
  messages: number;
  participants: number;
  /** Counters by conversation id; `{}` when {@link ConvertOptions.keepStats} is false. */
  stats: Record<string, ConversationStats>;
  diagnostics: Diagnostic[];
  diagnosticCounts: Record<string, number>;
  /** Warnings or errors reported (what --strict fails on). */
  warnings: number;
  generatedAt: string;
}

/**
 * Converts one input to one output format, streaming: input hashed, reader chosen, events fed to the
 * writer's begin / message / end life, the input hashed again, the outputs hashed into the manifest.
 * Writers that need totals up front (cover sheets) get a counting pass first, unless they spool and
 * assemble at the end (html, pdf to a file). The library's main entry
 * point; the CLI is a thin layer over it.
 */
export async function convert(input: string | InputSource | InputTree, registry: Registry, opts: ConvertOptions): Promise<ConvertResult> {
  // The conversations and people of the input, as records in scratch files (in memory up to 256 KiB
  // each): what the end needs of them is read back in order, and the files go when the conversion ends.
  const spills: RecordSpill[] = [];
  const spill = (kind: string): RecordSpill => {
    const s = new RecordSpill(kind);
    spills.push(s);
    return s;
  };
  try {
    return await convertUsing(input, registry, opts, spill);
  } finally {
    for (const s of spills) s.close();
  }
}

/** {@link convert} with its scratch stores made by `spill` (removed by the caller). */
async function convertUsing(input: string | InputSource | InputTree, registry: Registry, opts: ConvertOptions, spill: (kind: string) => RecordSpill): Promise<ConvertResult> {
  const diagnostics = opts.diagnostics ?? new DiagnosticCollector();
  const writer = registry.writer(opts.to);
  if (opts.tz !== undefined) opts = { ...opts, tz: zoneName(opts.tz) };
  dateRangeOf(opts.since, opts.until);
  const opened = typeof input === "string" ? await openInput(input) : input;
  const resolved = await resolveReader(opened, registry, opts.from);
  const hashed = await hashInputs(opened, resolved);
  // The SourceFile list is made only for a writer or caller that asks for it (once): the built-in writers
  // walk eachSource instead, and a folder of 100,000 files makes as many objects.
  let sources: SourceFile[] | undefined;
  const getSources = (): SourceFile[] => (sources ??= sourceFiles(hashed));
  const ledger = await inputLedger(opened, hashed);
  const wopts = writer.options.safeParse(opts.writerOptions ?? {});
  if (!wopts.success)
    throw new ChatportError("usage", `Invalid options for writer ${writer.id}: ${wopts.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}.`);

  // A writer that works out totals itself (spooling its body) needs a scratch folder, which only file
  // outputs get; otherwise it gets a counting pass like every totals-needing writer.
  const fileOutput = typeof opts.output === "string" && opts.output !== "-";
  const countFirst = writer.needsTotals && !(writer.totalsAtEnd && fileOutput);
  const totals: ArchiveTotals | undefined = countFirst
    ? await countTotals(opened, resolved, opts, { conversations: spill("totals"), participants: spill("people") })
    : undefined;

  const guard = await outputGuard(ledger);
  const outputs: string[] = [];
  // Every output file is written under a temporary name and renamed when the run has succeeded.
  const staged = new StagedOutputs();
  let sink: OutputSink;
  let outPath: string | undefined;
  if (typeof opts.output !== "string") sink = opts.output;
  else if (opts.output === "-") {
    if (writer.needsFile) throw new ChatportError("usage", `--to ${writer.id} cannot write to stdout; give an output file with -o.`);
    sink = streamSink("-", process.stdout, false);
  } else {
    outPath = resolve(opts.output);
    // Writing over an input would destroy the evidence being read (e.g. whatsapp-zip → whatsapp-txt "x.zip").
    await guard(outPath, opts.output);
    if (opts.manifest !== false) await guard(manifestPathFor(outPath), manifestPathFor(opts.output));
    await ensureDir(dirname(outPath));
    sink = await openFileSink(staged.stage(outPath), outPath);
    outputs.push(outPath);
  }
  const outDir = outPath ? dirname(outPath) : undefined;
  /** A file beside the output: checked not to be an input, its folder made. */
  const siblingPath = async (name: string): Promise<string> => {
    const p = join(outDir!, name);
    await guard(p);
    await ensureDir(dirname(p));
    return p;
  };
  const participantsSeen = new ParticipantBook(spill("people"));
  const log = new ConversationLog(spill("conversations"), true);
  let scratch: string | undefined;
  const facts: Record<string, string> = {};
  // A zip input's files live inside the zip: attachments and input files are opened there when it is one.
  const zipOrFolder = inputRoot(opened, resolved.probe.head);
  const openAttachment = attachmentOpener(zipOrFolder ?? opened);
  const media = opts.media ?? new MediaRegistry();
  const wctx: WriteContext = {
    writerId: writer.id,
    options: wopts.data,
    report: (code, r) => diagnostics.report(writer.id, code, r),
    participant: (id) => participantsSeen.get(id),
    fact: (name, value) => void (facts[name] = value),
    // Media a reader made available (MHT image parts) first, then files under the input root.
    openAttachment: async (a) => (await media.open(a)) ?? (await openAttachment?.(a)),
    ...(zipOrFolder ? { openInputFile: (p: string) => zipOrFolder.open(p) } : {}),
    ...(outPath && outDir
      ? {
          outputName: basename(outPath),
          openSibling: async (name: string) => {
            const p = await siblingPath(name);
            const s = await openFileSink(staged.stage(p), p);
            outputs.push(p);
            return s;
          },
          writeSiblingFile: async (name: string, data: Uint8Array) => {
            const p = await siblingPath(name);
            writeFileAtOnce(staged.stage(p), data, p);
            outputs.push(p);
          },
          tempDir: async () => (scratch ??= await makeScratchDir("out")),
        }
      : {}),
  };
  const generatedAt = opts.generatedAt ?? generationTime();
  let fed;
  try {
    let session = attributedSession(writer.create(sink, wctx), writer.id, (e) => damagedDatabaseError(e, opened.name));
    if (opts.extractMedia !== false && wctx.openSibling && outPath) {
      const outBase = basename(outPath);
      session = extractingSession(session, media, { dir: `${outBase.replace(/\.[^.]*$/, "") || outBase}.media`, openSibling: wctx.openSibling, diagnostics });
    }
    const run = prepareRun(opened, resolved, { ...opts, media }, diagnostics);
    const afterRead = async (): Promise<void> => {
      run.finish();
      run.release();
      reportRefusedLinks(inputTrees(opened, zipOrFolder), diagnostics);
      for (const rec of await ledger.rehash())
        diagnostics.report("chatport", "input-changed", {
          message: rec.afterRead
            ? `${rec.path} changed while it was read (SHA-256 ${rec.sha256} before, ${rec.afterRead.sha256} after); the output may not match either version: copy the evidence to a quiet place and convert again.`
            : `${rec.path} could not be read again after reading (moved or deleted while chatport ran); its hash before reading is recorded.`,
          file: rec.path,
        });
    };
    const info = {
      get sources() {
        return getSources();
      },
      sourceCount: hashed.table.count,
      eachSource: () => eachSourceFile(hashed),
      generator: { name: "chatport" as const, version: VERSION },
      generatedAt,
      zonePolicy: opts.tz ? { assumedZone: opts.tz } : {},
      ...(resolved.reader.linksReplies === false ? { linksReplies: false } : {}),
      ...(totals ? { totals } : {}),
    };
    fed = await feedWriter(run.source, session, info, diagnostics, participantsSeen, run.guard, afterRead, log).catch((e: unknown) => {
      throw run.wrapError(e);
    });
    await sink.close();
  } catch (e) {
    await sink.close().catch(() => undefined);
    // A writer whose output marks itself incomplete keeps it (when it holds anything); the rest go.
    await staged.discard((_, bytes) => writer.marksIncomplete === true && bytes > 0);
    throw e;
  } finally {
    await sink.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
  await staged.commit();

  let manifest: string | undefined;
  if (outPath && opts.manifest !== false) {
    manifest = manifestPathFor(outPath);
    await writeManifest(manifest, {
      generatedAt,
      reader: { id: resolved.reader.id, version: resolved.reader.version, ...(resolved.variant ? { variant: resolved.variant } : {}), reason: resolved.reason },
      writer: { id: writer.id, version: writer.version, facts, transformations: writer.transformations ?? [] },
      options: redact(opts.recordedOptions ?? recordableOptions(opts, wopts.data)),
      assumedZone: opts.tz,
      inputRoot: ledger.root,
      inputs: ledger.entries(),
      outputs,
      conversations: { count: fed.log.count, entries: () => fed.log.entries(), sum: () => fed.log.sum() },
      participants: fed.participants.size,
      diagnostics: diagnostics.list(),
      diagnosticCounts: diagnostics.countsByCode(),
    });
  }
  return {
    reader: { id: resolved.reader.id, version: resolved.reader.version, ...(resolved.variant ? { variant: resolved.variant } : {}), reason: resolved.reason },
    writer: { id: writer.id, version: writer.version },
    get sources() {
      return getSources();
    },
    outputs,
    ...(manifest ? { manifest } : {}),
    conversations: fed.log.count,
    messages: fed.messages,
    participants: fed.participants.size,
    stats: opts.keepStats === false ? {} : fed.log.statsRecord(),
    diagnostics: diagnostics.list(),
    diagnosticCounts: diagnostics.countsByCode(),
    warnings: diagnostics.warningsOrWorse(),
    generatedAt,
  };
}

/** The convert options worth recording (no paths, no callbacks), writer options as parsed. */
function recordableOptions(opts: ConvertOptions, writerOptions: Record<string, unknown>): Record<string, unknown> {
  return {
    to: opts.to,
    from: opts.from ?? null,
    tz: opts.tz ?? null,
    since: opts.since ?? null,
    until: opts.until ?? null,
    readerOptions: opts.readerOptions ?? {},
    writerOptions,
  };
}

const SECRET_KEY = /pass(word|phrase)?|secret|token|credential|api[-_]?key|^key$/i;

/** Replaces the values of secret-looking keys (never recorded) with "(redacted)". */
export function redact(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    out[k] = SECRET_KEY.test(k) ? "(redacted)" : v && typeof v === "object" && !Array.isArray(v) ? redact(v as Record<string, unknown>) : v;
  }
  return out;
}
