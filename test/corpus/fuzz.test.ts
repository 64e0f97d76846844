/**
 * Fuzzing with real exports as seeds: every corpus file a reader detects is mutated the way the sample
 * fuzzer mutates samples (test/fuzz.test.ts) and read with that reader. Real files carry shapes the
 * samples do not (other app versions, long histories, media in zips).
 *
 * Default: FUZZ_RUNS=20 cases per reader, seeded (FUZZ_SEED). Long run:
 * FUZZ_RUNS=3000 npx vitest run --project corpus test/corpus/fuzz.test.ts
 */
import fc from "fast-check";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { openInput, resolveReader } from "../../src/pipeline/index.js";
import { makeSeed, runFuzzCase, type FuzzSeed } from "../helpers/fuzz-case.js";
import { mutation } from "../helpers/mutate.js";
import { CORPUS } from "../helpers/samples.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const SEED = Number(process.env.FUZZ_SEED ?? 97531);
/** Corpus folders holding formats chatport reads. */
const FOLDERS = ["qq-txt", "whatsapp-txt", "whatsapp-zip", "telegram-json", "pywxdump-csv", "qq-chat-exporter"];

const files = existsSync(CORPUS)
  ? FOLDERS.filter((d) => existsSync(join(CORPUS, d))).flatMap((d) =>
      readdirSync(join(CORPUS, d)).sort().filter((f) => statSync(join(CORPUS, d, f)).isFile()).map((f) => `${d}/${f}`),
    )
  : [];

const root = mkdtempSync(join(tmpdir(), "chatport-corpus-fuzz-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The corpus files each reader detects, as seeds (files no reader takes are left to their own tests). */
async function seedsByReader(): Promise<Map<string, FuzzSeed[]>> {
  const out = new Map<string, FuzzSeed[]>();
  for (const [i, rel] of files.entries()) {
    const reader = await resolveReader(await openInput(join(CORPUS, rel)), builtinRegistry).then((r) => r.reader.id, () => undefined);
    if (!reader) continue;
    const seed = makeSeed(join(CORPUS, rel), join(root, `seed${i}`), { label: rel, reader, tz: "Asia/Shanghai" });
    out.set(reader, [...(out.get(reader) ?? []), seed]);
  }
  return out;
}

describe.skipIf(files.length === 0)("corpus fuzzing: mutated real exports end in messages and diagnostics or one clean error", () => {
  it(`${RUNS} mutated cases per reader`, async () => {
    const seeds = await seedsByReader();
    // whatsapp-txt, whatsapp-zip, telegram-json, qq-txt, pywxdump-csv and a QCE format at least.
    expect(seeds.size).toBeGreaterThanOrEqual(6);
    for (const [reader, list] of seeds)
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: list.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (s, pick, ms) => {
          const failure = await runFuzzCase(root, list[s]!, pick, ms);
          if (failure) throw new Error(`${reader}: ${failure}`);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: process.env.FUZZ_SHRINK !== "1" },
      );
  }, Math.max(120000, RUNS * 8000));
});
