/**
 * chatport: read chat exports into one neutral model with timestamps kept intact, and write JSON,
 * NDJSON, CSV and HTML. The functions here use the built-in formats; pass your own {@link Registry}
 * to the `*With` variants to add formats.
 *
 * @packageDocumentation
 */
import { builtinRegistry } from "./builtin.js";
import type { InputSource, InputTree } from "./io/source.js";
import type { Archive } from "./model/schema.js";
import { convert as convertWith, type ConvertOptions, type ConvertResult } from "./pipeline/convert.js";
import { readAll as readAllWith } from "./pipeline/read-all.js";
import { readEvents as readEventsWith, type ReadOptions } from "./pipeline/read-events.js";
import type { ChatEvent } from "./plugin/types.js";

export * from "./model/index.js";
export * from "./diagnostics/index.js";
export * from "./io/index.js";
export * from "./plugin/index.js";
export * from "./time/index.js";
export { convertWith, readAllWith, readEventsWith, builtinRegistry };
export type { ConvertOptions, ConvertResult, ReadOptions };
export { openInput, resolveReader, buildProbe, generationTime, inRange, MediaRegistry, extractingSession } from "./pipeline/index.js";
export { VERSION } from "./version.js";

/** Streams the events of any supported input (path, source or folder): conversation, participant, message, conversation-end. */
export function readEvents(input: string | InputSource | InputTree, opts: ReadOptions = {}): AsyncIterable<ChatEvent> {
  return readEventsWith(input, builtinRegistry, opts);
}

/** Reads a whole input into one {@link Archive} (the `json` writer's shape) in memory. */
export function readAll(input: string | InputSource | InputTree, opts: ReadOptions = {}): Promise<Archive> {
  return readAllWith(input, builtinRegistry, opts);
}

/** Converts an input to an output format, streaming; see {@link ConvertOptions}. */
export function convert(input: string | InputSource | InputTree, opts: ConvertOptions): Promise<ConvertResult> {
  return convertWith(input, builtinRegistry, opts);
}
