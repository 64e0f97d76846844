import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { builtinRegistry } from "../../src/builtin.js";
import { readAll, readEvents, type ReadOptions } from "../../src/pipeline/index.js";
import type { ChatEvent } from "../../src/plugin/types.js";
import type { InputSource, InputTree } from "../../src/io/source.js";

/** Reads an input both ways (events and archive), with accounting, for tests. */
export async function readBoth(input: string | InputSource | InputTree, opts: ReadOptions = {}) {
  const events: ChatEvent[] = [];
  let accounting: Record<string, number> | undefined;
  for await (const ev of readEvents(input, builtinRegistry, { ...opts, diagnostics: new DiagnosticCollector(), onAccounting: (a) => (accounting = a) })) events.push(ev);
  const archive = await readAll(input, builtinRegistry, { ...opts, diagnostics: new DiagnosticCollector() });
  return { events, archive, accounting };
}
