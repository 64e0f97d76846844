import { DiagnosticCollector } from "../diagnostics/collector.js";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import { ChatportError } from "../diagnostics/errors.js";
import type { InputSource, InputTree } from "../io/source.js";
import { damagedDatabaseError } from "../io/sqlite.js";
import { placeText } from "../model/display.js";
import type { Diagnostic, Place } from "../model/schema.js";
import type { Registry } from "../plugin/registry.js";
import type { ChatEvent, ReadContext } from "../plugin/types.js";
import { zoneName } from "../time/zone.js";
import type { MediaRegistry } from "./media.js";
import { openInput } from "./open-input.js";
import { resolveReader, type ResolvedReader } from "./resolve-reader.js";
import { EventGuard } from "./event-guard.js";
import { inputTrees, reportRefusedLinks } from "./refused-links.js";
import { dateRangeOf } from "./date-range.js";
import { checkSelf, reportUnusedOptions, SelfCheck } from "./option-check.js";
export { inRange } from "./date-range.js";

/** Options of {@link readEvents}. */
export interface ReadOptions {
  /** Reader id; skips detection. */
  from?: string;
  /** IANA zone assumed for zone-less wall times. */
  tz?: string;
  /** Keep messages at or after this date or date-time (compared with the wall clock, else utc). */
  since?: string;
  /** Keep messages on or before this date or date-time. */
  until?: string;
  /** Options handed to the reader (parsed by its own schema), e.g. `{ dateOrder: "dmy" }`. */
  readerOptions?: Record<string, unknown>;
  /** Where diagnostics go; one is created when absent. */
  diagnostics?: DiagnosticCollector;
  /** Called as input bytes are consumed. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Receives the reader's accounting of input units (lines, rows) when it finishes. */
  onAccounting?: (accounting: Record<string, number>) => void;
  /** Collects the media stores readers register (media embedded in the input, e.g. MHT images). */
  media?: MediaRegistry;
  /** Called once the reader is chosen. */
  onReader?: (resolved: ResolvedReader, input: InputSource | InputTree) => void;
}

/** Wraps a source so reading it reports progress. */
function withProgress(source: InputSource, cb: (done: number, total: number) => void): InputSource {
  return {
    ...source,
    async *stream() {
      let done = 0;
      for await (const chunk of source.stream()) {
        done += chunk.byteLength;
        cb(done, source.size);
        yield chunk;
      }
    },
  };
}

/** Builds a reader's context. */
export function makeReadContext(resolved: ResolvedReader, diagnostics: DiagnosticCollector, opts: ReadOptions): ReadContext {
  const { reader } = resolved;
  if (opts.readerOptions) checkSelf(opts.readerOptions);
  const parsed = reader.options.safeParse({ ...(resolved.variant ? { variant: resolved.variant } : {}), ...(opts.readerOptions ?? {}) });
  if (!parsed.success)
    throw new ChatportError("usage", `Invalid options for reader ${reader.id}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}.`);
  if (opts.readerOptions) reportUnusedOptions(reader.id, opts.readerOptions, parsed.data as object, diagnostics);
  return {
    readerId: reader.id,
    readerVersion: reader.version,
    options: parsed.data,
    tz: opts.tz,
    report: (code: DiagnosticCode, r) => diagnostics.report(reader.id, code, r),
    provenance: (file: string, at: Place) => ({ reader: reader.id, readerVersion: reader.version, file, at }),
    ...(opts.onAccounting ? { account: opts.onAccounting } : {}),
    ...(opts.media ? { provideMedia: (store) => opts.media!.add(store) } : {}),
  };
}

/**
 * Reads any supported input as a stream of events: detection (or `from`), then the reader, with date
 * filtering and the ordering contract enforced (a conversation's messages are contiguous and each
 * conversation is closed). Memory stays flat: nothing is collected here.
 */
export async function* readEvents(input: string | InputSource | InputTree, registry: Registry, opts: ReadOptions = {}): AsyncIterable<ChatEvent> {
  if (opts.tz !== undefined) opts = { ...opts, tz: zoneName(opts.tz) };
  dateRangeOf(opts.since, opts.until);
  const opened = typeof input === "string" ? await openInput(input) : input;
  const resolved = await resolveReader(opened, registry, opts.from);
  opts.onReader?.(resolved, opened);
  const diagnostics = opts.diagnostics ?? new DiagnosticCollector();
  yield* readResolved(opened, resolved, { ...opts, diagnostics });
  // As convert and readAll do: links out of the input folder were treated as absent; say which.
  reportRefusedLinks(inputTrees(opened), diagnostics);
}

/** Prepares a reader run: context, progress wrapper, contract guard. Shared by every engine entry. */
export function prepareRun(input: InputSource | InputTree, resolved: ResolvedReader, opts: ReadOptions, diagnostics: DiagnosticCollector) {
  let opened = input;
  if (opts.onProgress && opened.kind === "file") opened = withProgress(opened, opts.onProgress);
  const ctx = makeReadContext(resolved, diagnostics, opts);
  const range = dateRangeOf(opts.since, opts.until);
  const self = (ctx.options as { self?: unknown }).self;
  const selfCheck = typeof self === "string" ? new SelfCheck(self) : undefined;
  const guard = new EventGuard(resolved.reader.id, range, diagnostics, selfCheck && ((p) => selfCheck.see(p)));
  const { reader } = resolved;
  // Batches when the reader offers them (convert feeds them to the writer without a per-event await).
  const batches = reader.readBatches ? reader.readBatches(opened, ctx) : undefined;
  const raw = batches ? flatten(batches) : reader.read(opened, ctx);
  const finish = (): void => {
    // What the range did, always said when one was given: the output and the manifest show it.
    if (range) diagnostics.report("chatport", "date-range", { message: range.summary() });
    selfCheck?.finish(diagnostics);
    if (guard.messages > 0) return;
    // Nothing read, but lines or records were there and not understood: not this format (or not a
    // complete export). Exit 0 with an empty output would pass for "the chat is empty".
    if (!opts.since && !opts.until) {
      const notRead = notRecognised(diagnostics);
      if (notRead.count > 0) {
        const first = notRead.first;
        const where = first?.place ? `, the first at ${placeText(first.place)}${first.raw !== undefined ? ` (${JSON.stringify(first.raw.length > 60 ? first.raw.slice(0, 60) + "…" : first.raw)})` : ""}` : "";
        throw new ChatportError(
          "unknown-format",
          `${input.name}: no message could be read as ${resolved.reader.id}; ${notRead.count} line(s) or record(s) were not recognised${where}. Check the format (chatport detect shows what it looks like; --from picks a reader) and that the file is a complete export.`,
        );
      }
    }
    diagnostics.report(resolved.reader.id, "empty-input", { message: `${input.name} holds no messages${opts.since || opts.until ? " in the requested date range" : ""}.`, file: input.name });
  };
  const wrapError = (e: unknown): Error =>
    e instanceof ChatportError
      ? e
      : damagedDatabaseError(e, input.name) ?? new ChatportError("internal", `Reading ${input.name} with ${resolved.reader.id} failed unexpectedly: ${(e as Error).message}. Please report this with the file's diagnostics.`, { cause: e });
  const run = {
    raw,
    batches,
    guard,
    finish,
    wrapError,
    /**
     * Drops the reader's iterables once read: a finished generator keeps its frame (a reader's maps of
     * people and chats, ~0.4 KB a conversation of QQ TXT) for as long as it can be reached, and the
     * writer's end and the manifest come after.
     */
    release(): void {
      run.raw = NO_EVENTS;
      run.batches = undefined;
    },
    /**
     * The events for a writer (feedWriter): the batches when the reader offers them, else the events.
     * They are reached through `run`, so that {@link release} lets the reader go (a caller suspended
     * in the call keeps its argument).
     */
    source: (batches
      ? {
          get batches(): AsyncIterable<readonly ChatEvent[]> {
            return run.batches ?? NO_BATCHES;
          },
        }
      : { [Symbol.asyncIterator]: (): AsyncIterator<ChatEvent> => run.raw[Symbol.asyncIterator]() }) as AsyncIterable<ChatEvent> | { batches: AsyncIterable<readonly ChatEvent[]> },
  };
  return run;
}

const NO_EVENTS: AsyncIterable<ChatEvent> = { [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }) };
const NO_BATCHES: AsyncIterable<readonly ChatEvent[]> = { [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }) };

async function* flatten(batches: AsyncIterable<readonly ChatEvent[]>): AsyncIterable<ChatEvent> {
  for await (const b of batches) yield* b;
}

/** {@link readEvents} for an input whose reader is already chosen (convert hashes inputs in between). */
export async function* readResolved(input: InputSource | InputTree, resolved: ResolvedReader, opts: ReadOptions = {}): AsyncIterable<ChatEvent> {
  const diagnostics = opts.diagnostics ?? new DiagnosticCollector();
  const { raw, guard, finish, wrapError } = prepareRun(input, resolved, opts, diagnostics);
  try {
    for await (const ev of raw) {
      const out = guard.accept(ev);
      if (out === undefined) continue;
      if (Array.isArray(out)) yield* out;
      else yield out;
    }
  } catch (e) {
    throw wrapError(e);
  }
  const close = guard.finish();
  if (close) yield close;
  finish();
}

/**
 * {@link readResolved} as a callback loop: the same events, guard and errors, but batches from readers
 * that offer them are walked without a per-event await (the counting pass of totals-needing writers).
 */
export async function eachEvent(input: InputSource | InputTree, resolved: ResolvedReader, opts: ReadOptions, fn: (ev: ChatEvent) => void): Promise<void> {
  const diagnostics = opts.diagnostics ?? new DiagnosticCollector();
  const { raw, batches, guard, finish, wrapError } = prepareRun(input, resolved, opts, diagnostics);
  const one = (ev: ChatEvent): void => {
    const out = guard.accept(ev);
    if (out === undefined) return;
    if (Array.isArray(out)) for (const e of out) fn(e);
    else fn(out);
  };
  try {
    if (batches) {
      for await (const b of batches) for (let i = 0; i < b.length; i++) one(b[i]!);
    } else for await (const ev of raw) one(ev);
  } catch (e) {
    throw wrapError(e);
  }
  const close = guard.finish();
  if (close) fn(close);
  finish();
}

/** Lines and records a reader reported as not understood, and the first of them. */
function notRecognised(diagnostics: DiagnosticCollector): { count: number; first: Diagnostic | undefined } {
  const counts = diagnostics.countsByCode();
  // Diagnostics restated from an archive read back are its history, not this read's failures.
  const restated = diagnostics.restatedCount("unrecognized-line") + diagnostics.restatedCount("unrecognized-record");
  const count = (counts["unrecognized-line"] ?? 0) + (counts["unrecognized-record"] ?? 0) - restated;
  const first = count ? diagnostics.list().find((d) => (d.code === "unrecognized-line" || d.code === "unrecognized-record") && !diagnostics.isRestated(d)) : undefined;
  return { count, first };
}
