import { mkdir } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { DiagnosticCollector } from "../diagnostics/collector.js";
import { ChatportError } from "../diagnostics/errors.js";
import { fileSink, streamSink, type OutputSink } from "../io/sink.js";
import type { InputSource, InputTree } from "../io/source.js";
import type { Diagnostic, Participant, SourceFile } from "../model/schema.js";
import type { Registry } from "../plugin/registry.js";
import type { ConversationStats, WriteContext } from "../plugin/types.js";
import { checkZone } from "../time/zone.js";
import { generationTime } from "./clock.js";
import { hashInputs } from "./hash-inputs.js";
import { extractingSession, MediaRegistry } from "./media.js";
import { openInput } from "./open-input.js";
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
   * Write media embedded in the input (e.g. MHT image parts) beside the output, in `<output name>.media/`,
   * and point the attachments' `path` there (default true; needs a file output).
   */
  extractMedia?: boolean;
}

/** What a conversion did. */
export interface ConvertResult {
  reader: { id: string; version: string; variant?: string; reason: string };
  writer: { id: string; version: string };
  sources: SourceFile[];
  /** Output files written (absolute paths), main output first; empty for stdout or a sink. */
  outputs: string[];
  conversations: number;
  messages: number;
  participants: number;
  stats: Record<string, ConversationStats>;
  diagnostics: Diagnostic[];
  diagnosticCounts: Record<string, number>;
  /** Warnings or errors reported (what --strict fails on). */
  warnings: number;
  generatedAt: string;
}

/**
 * Converts one input to one output format, streaming: input hashed, reader chosen, events fed to the
 * writer's begin / message / end life. The library's main entry point; the CLI is a thin layer over it.
 */
export async function convert(input: string | InputSource | InputTree, registry: Registry, opts: ConvertOptions): Promise<ConvertResult> {
  const diagnostics = opts.diagnostics ?? new DiagnosticCollector();
  const writer = registry.writer(opts.to);
  if (opts.tz) checkZone(opts.tz);
  const opened = typeof input === "string" ? await openInput(input) : input;
  const resolved = await resolveReader(opened, registry, opts.from);
  const sources = await hashInputs(opened, resolved);
  const wopts = writer.options.safeParse(opts.writerOptions ?? {});
  if (!wopts.success)
    throw new ChatportError("usage", `Invalid options for writer ${writer.id}: ${wopts.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}.`);

  const outputs: string[] = [];
  let sink: OutputSink;
  let outDir: string | undefined;
  let outBase = "";
  if (typeof opts.output !== "string") sink = opts.output;
  else if (opts.output === "-") {
    if (writer.needsFile) throw new ChatportError("usage", `--to ${writer.id} cannot write to stdout; give an output file with -o.`);
    sink = streamSink("-", process.stdout, false);
  } else {
    const path = resolve(opts.output);
    outDir = dirname(path);
    outBase = basename(path);
    try {
      await mkdir(outDir, { recursive: true });
    } catch (e) {
      throw new ChatportError("output-failed", `Cannot create the output folder ${outDir}: ${(e as Error).message}.`);
    }
    sink = fileSink(path);
    outputs.push(path);
  }
  const participantsSeen = new Map<string, Participant>();
  const media = opts.media ?? new MediaRegistry();
  const wctx: WriteContext = {
    writerId: writer.id,
    options: wopts.data,
    report: (code, r) => diagnostics.report(writer.id, code, r),
    participant: (id) => participantsSeen.get(id),
    openAttachment: (a) => media.open(a),
    ...(outDir
      ? {
          openSibling: async (name: string) => {
            const p = join(outDir!, name);
            await mkdir(dirname(p), { recursive: true });
            outputs.push(p);
            return fileSink(p);
          },
        }
      : {}),
  };
  const generatedAt = opts.generatedAt ?? generationTime();
  let session = writer.create(sink, wctx);
  if (opts.extractMedia !== false && wctx.openSibling)
    session = extractingSession(session, media, { dir: `${outBase.replace(/\.[^.]*$/, "") || outBase}.media`, openSibling: wctx.openSibling, diagnostics });
  const run = prepareRun(opened, resolved, { ...opts, media }, diagnostics);
  let fed;
  try {
    fed = await feedWriter(
      run.raw,
      session,
      { sources, generator: { name: "chatport", version: VERSION }, generatedAt, zonePolicy: opts.tz ? { assumedZone: opts.tz } : {} },
      diagnostics,
      participantsSeen,
      run.guard,
      run.finish,
    ).catch((e: unknown) => {
      throw run.wrapError(e);
    });
  } finally {
    await sink.close();
  }
  return {
    reader: { id: resolved.reader.id, version: resolved.reader.version, ...(resolved.variant ? { variant: resolved.variant } : {}), reason: resolved.reason },
    writer: { id: writer.id, version: writer.version },
    sources,
    outputs,
    conversations: fed.conversations.length,
    messages: fed.messages,
    participants: fed.participants.size,
    stats: fed.stats,
    diagnostics: diagnostics.list(),
    diagnosticCounts: diagnostics.countsByCode(),
    warnings: diagnostics.warningsOrWorse(),
    generatedAt,
  };
}
