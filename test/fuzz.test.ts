/**
 * Fuzzing every registered reader: each reader's samples (samples/<id>/) are mutated (bytes flipped,
 * cut, lines duplicated/shuffled/dropped, NUL/BOM/CR/huge numbers injected, digit runs replaced, or the
 * whole file replaced by random bytes) and read with `--from <id>`. Every case must end in
 * schema-valid messages plus diagnostics, or one clean ChatportError (not kind "internal", which is
 * how the engine wraps a raw exception) — within a time limit and without runaway memory.
 *
 * Default: FUZZ_RUNS=20 cases per reader, seeded (FUZZ_SEED) so `npm test` stays fast and repeatable.
 * Long local run: FUZZ_RUNS=5000 npx vitest run test/fuzz.test.ts
 */
import fc from "fast-check";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { makeSeed, runFuzzCase, type FuzzSeed } from "./helpers/fuzz-case.js";
import { mutation } from "./helpers/mutate.js";
import { discoverSamples, materialise } from "./helpers/samples.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const SEED = Number(process.env.FUZZ_SEED ?? 424242);

const root = mkdtempSync(join(tmpdir(), "chatport-fuzz-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function seedsOf(id: string): FuzzSeed[] {
  return discoverSamples()
    .filter((c) => c.format === id)
    .map((c, i) => {
      const dir = join(root, `${id}-seed${i}`);
      const o = c.options;
      return makeSeed(materialise(c), dir, { label: `${c.format}/${c.name}`, reader: id, ...(o.tz ? { tz: o.tz } : {}), ...(o.readerOptions ? { readerOptions: o.readerOptions } : {}) });
    });
}

describe.each(builtinRegistry.readers().map((r) => [r.id] as const))("fuzzing reader %s", (id) => {
  it(`survives ${RUNS} mutated samples`, async () => {
    const seeds = seedsOf(id);
    expect(seeds.length, `no samples for ${id}`).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: seeds.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (s, pick, ms) => {
        const failure = await runFuzzCase(root, seeds[s]!, pick, ms);
        if (failure) throw new Error(failure);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: process.env.FUZZ_SHRINK !== "1" },
    );
  }, Math.max(60000, RUNS * 2000));
});
