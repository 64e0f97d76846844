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
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { DiagnosticCollector } from "../src/diagnostics/collector.js";
import { isChatportError } from "../src/diagnostics/errors.js";
import { Message } from "../src/model/index.js";
import { readEvents } from "../src/pipeline/index.js";
import { mutate, mutation, type Mutation } from "./helpers/mutate.js";
import { discoverSamples, materialise, type SampleCase } from "./helpers/samples.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const SEED = Number(process.env.FUZZ_SEED ?? 424242);
/** A case that takes longer than this is a hang. */
const CASE_MS = Number(process.env.FUZZ_CASE_MS ?? 15000);
/** Heap growth during one case above this is "unbounded" for inputs of a few KiB. */
const HEAP_LIMIT = 400 * 1024 * 1024;
const MEDIA = /\.(jpe?g|png|gif|mp4|dat|pic|vcf|webp|opus)$/i;

const root = mkdtempSync(join(tmpdir(), "chatport-fuzz-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Seed {
  c: SampleCase;
  /** The materialised input (file or folder) in our own scratch copy. */
  path: string;
  /** Files of the input worth mutating, relative to `path` ("" for a file input). */
  targets: string[];
}

function filesBelow(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...filesBelow(p));
    else out.push(p);
  }
  return out;
}

function seedsOf(id: string): Seed[] {
  return discoverSamples()
    .filter((c) => c.format === id)
    .map((c, i) => {
      const src = materialise(c);
      const dir = join(root, `${id}-seed${i}`);
      const path = join(dir, basename(src));
      cpSync(src, path, { recursive: true });
      if (!statSync(path).isDirectory()) return { c, path, targets: [""] };
      const all = filesBelow(path).map((f) => relative(path, f));
      const main = all.filter((f) => !MEDIA.test(f));
      return { c, path, targets: main.length ? main : all };
    });
}

let caseNo = 0;

/** Runs one mutated case; returns a failure description or undefined. */
async function runCase(id: string, seed: Seed, pick: number, ms: Mutation[]): Promise<string | undefined> {
  const dir = join(root, `case${caseNo++}`);
  const path = join(dir, basename(seed.path));
  cpSync(seed.path, path, { recursive: true });
  const target = seed.targets[Math.floor(pick * seed.targets.length)]!;
  const file = target ? join(path, target) : path;
  writeFileSync(file, mutate(readFileSync(file), ms));
  const heap0 = process.memoryUsage().heapUsed;
  let peak = heap0;
  const opts = seed.c.options;
  const run = (async () => {
    const diagnostics = new DiagnosticCollector();
    let n = 0;
    for await (const ev of readEvents(path, builtinRegistry, {
      from: id,
      diagnostics,
      ...(opts.tz ? { tz: opts.tz } : {}),
      ...(opts.readerOptions ? { readerOptions: opts.readerOptions } : {}),
    })) {
      if (ev.type !== "message") continue;
      const r = Message.safeParse(ev.message);
      if (!r.success) return `schema-invalid message ${ev.message.id}: ${JSON.stringify(r.error.issues[0])}`;
      if (++n % 256 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    return undefined;
  })().then(
    (v) => v,
    (e: unknown) => (isChatportError(e) && e.kind !== "internal" ? undefined : `unclean error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`),
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((res) => (timer = setTimeout(() => res(`no result after ${CASE_MS} ms (hang?)`), CASE_MS)));
  try {
    const out = await Promise.race([run, timeout]);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    if (out) return `${seed.c.format}/${seed.c.name} ${target}: ${out}`;
    if (peak - heap0 > HEAP_LIMIT) return `${seed.c.format}/${seed.c.name}: heap grew by ${Math.round((peak - heap0) / 2 ** 20)} MiB`;
    return undefined;
  } finally {
    clearTimeout(timer);
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(builtinRegistry.readers().map((r) => [r.id] as const))("fuzzing reader %s", (id) => {
  it(`survives ${RUNS} mutated samples`, async () => {
    const seeds = seedsOf(id);
    expect(seeds.length, `no samples for ${id}`).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: seeds.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (s, pick, ms) => {
        const failure = await runCase(id, seeds[s]!, pick, ms);
        if (failure) throw new Error(failure);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: process.env.FUZZ_SHRINK !== "1" },
    );
  }, Math.max(60000, RUNS * 2000));
});
