/**
 * One fuzz case, shared by the sample fuzzer (test/fuzz.test.ts) and the corpus fuzzer
 * (test/corpus/fuzz.test.ts): a seed input is copied, one of its files mutated, and the copy read with
 * a given reader. It must end in schema-valid messages plus diagnostics, or one clean ChatportError
 * (not kind "internal", which is how the engine wraps a raw exception), within a time limit and
 * without runaway heap growth.
 */
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { isChatportError } from "../../src/diagnostics/errors.js";
import { Message } from "../../src/model/index.js";
import { readEvents } from "../../src/pipeline/index.js";
import { mutate, type Mutation } from "./mutate.js";

/** A case that takes longer than this is a hang. */
const CASE_MS = Number(process.env.FUZZ_CASE_MS ?? 15000);
/** Heap growth during one case above this is "unbounded" for inputs of a few KiB. */
const HEAP_LIMIT = 400 * 1024 * 1024;
const MEDIA = /\.(jpe?g|png|gif|mp4|dat|pic|vcf|webp|opus)$/i;

/** A fuzz seed: an input copied into the fuzzer's scratch folder, with the reader and options to read it. */
export interface FuzzSeed {
  /** What failures name the seed by. */
  label: string;
  /** The reader every mutation of it is read with. */
  reader: string;
  /** The copied input (file or folder). */
  path: string;
  /** Files of the input worth mutating, relative to `path` ("" for a file input). */
  targets: string[];
  tz?: string;
  readerOptions?: Record<string, unknown>;
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

/** Copies `src` to `dir` and lists what to mutate in it (media files only when there is nothing else). */
export function makeSeed(src: string, dir: string, seed: Omit<FuzzSeed, "path" | "targets">): FuzzSeed {
  const path = join(dir, basename(src));
  cpSync(src, path, { recursive: true });
  if (!statSync(path).isDirectory()) return { ...seed, path, targets: [""] };
  const all = filesBelow(path).map((f) => relative(path, f));
  const main = all.filter((f) => !MEDIA.test(f));
  return { ...seed, path, targets: main.length ? main : all };
}

let caseNo = 0;

/** Runs one mutated case in `root`; returns a failure description or undefined. */
export async function runFuzzCase(root: string, seed: FuzzSeed, pick: number, ms: Mutation[]): Promise<string | undefined> {
  const dir = join(root, `case${caseNo++}`);
  const path = join(dir, basename(seed.path));
  cpSync(seed.path, path, { recursive: true });
  const target = seed.targets[Math.floor(pick * seed.targets.length)]!;
  const file = target ? join(path, target) : path;
  writeFileSync(file, mutate(readFileSync(file), ms));
  const heap0 = process.memoryUsage().heapUsed;
  let peak = heap0;
  const run = (async () => {
    const diagnostics = new DiagnosticCollector();
    let n = 0;
    for await (const ev of readEvents(path, builtinRegistry, {
      from: seed.reader,
      diagnostics,
      ...(seed.tz ? { tz: seed.tz } : {}),
      ...(seed.readerOptions ? { readerOptions: seed.readerOptions } : {}),
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
    if (out) return `${seed.label} ${target}: ${out}`;
    if (peak - heap0 > HEAP_LIMIT) return `${seed.label}: heap grew by ${Math.round((peak - heap0) / 2 ** 20)} MiB`;
    return undefined;
  } finally {
    clearTimeout(timer);
    rmSync(dir, { recursive: true, force: true });
  }
}
