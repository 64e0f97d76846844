/**
 * Nothing lost: every reader reports its accounting (`ctx.account`) on every sample, and the `*Read`
 * counter equals the sum of the others. A reader that never calls `ctx.account` fails here (the
 * golden harness only checks accounting when a reader reports one).
 */
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { DiagnosticCollector } from "../src/diagnostics/collector.js";
import { readEvents } from "../src/pipeline/index.js";
import { assertAccounting } from "./helpers/contract.js";
import { discoverSamples, materialise } from "./helpers/samples.js";

const cases = discoverSamples().filter((c) => !c.options.expectError && builtinRegistry.readers().some((r) => r.id === c.format));

/** Reads an input with a reader and returns the accounting it reported (undefined when none). */
export async function accountingOf(input: string, opts: { from: string; tz?: string; readerOptions?: Record<string, unknown> }) {
  let accounting: Record<string, number> | undefined;
  let calls = 0;
  for await (const _ev of readEvents(input, builtinRegistry, { ...opts, diagnostics: new DiagnosticCollector(), onAccounting: (a) => ((accounting = a), calls++) }));
  return { accounting, calls };
}

describe.each(builtinRegistry.readers().map((r) => [r.id] as const))("reader %s accounts for every input unit", (id) => {
  const mine = cases.filter((c) => c.format === id);
  it("has samples to check", () => expect(mine.length).toBeGreaterThan(0));
  it.each(mine.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const { accounting, calls } = await accountingOf(materialise(c), {
      from: id,
      ...(c.options.tz ? { tz: c.options.tz } : {}),
      ...(c.options.readerOptions ? { readerOptions: c.options.readerOptions } : {}),
    });
    expect(accounting, `${id} never called ctx.account`).toBeDefined();
    expect(calls, `${id} called ctx.account more than once`).toBe(1);
    assertAccounting(accounting!);
    const read = Object.entries(accounting!).find(([k]) => k.endsWith("Read"))![1];
    expect(read, "a sample with messages reads some units").toBeGreaterThan(0);
  });
});
