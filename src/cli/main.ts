import { setFlagsFromString } from "node:v8";
import { isMainThread, parentPort, SHARE_ENV, Worker, workerData } from "node:worker_threads";
import { removeScratchDirsSync } from "../io/scratch-dirs.js";
import { onPartialFiles, removePartialFilesSync } from "../io/staged-outputs.js";

/**
 * The `chatport` executable: a thin shell over {@link runCliSafely}.
 *
 * The work runs in a worker thread whose young generation is capped. V8's default lets the young
 * generation of a process that allocates steadily (millions of messages) grow to its maximum, which was
 * most of the peak memory of a large conversion; a worker is the one place a program can set that limit
 * for itself (`--max-semi-space-size` is a startup flag). CHATPORT_IN_PROCESS=1 runs it in this thread.
 */
interface TtyFacts {
  stderrTty: boolean;
  columns?: number;
}

/** Young generation of the worker, MiB. At 1M messages → CSV, in-process vs this: WhatsApp 187–193 → 145–147 MiB peak RSS, the others ~140 MiB either way, same speed (12 slowed Telegram by 10%, 24+ gave WhatsApp 155–160 MiB). */
const YOUNG_GENERATION_MB = 16;

/**
 * How far V8 lets the old generation grow past the live heap before the next full collection, in percent
 * (V8 picks a factor between 1.1 and 4 from how fast it collects against how fast the program allocates).
 * With V8's choice the old generation of a WeChat 1M conversion reached 40–52 MB over a live heap of
 * ~13 MB (`--trace-gc`): what a streaming conversion promotes is garbage, left to pile up. With 20, peak
 * RSS at 1M messages went from 125–157 to 105–130 MiB over every bench case, in the same time within
 * noise (a full collection of a ~16 MB live heap takes ~5 ms). The flag is process-wide: set before the
 * worker starts.
 */
const HEAP_GROWING_PERCENT = 20;

/** A reader of our stdout that stops early (`| head`): say so once, stop the work, exit as an output failure. */
function onStdoutError(stop: () => void): void {
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (process.exitCode === undefined) {
      process.stderr.write(
        e.code === "EPIPE"
          ? "chatport: the program reading the output closed it before the export was written in full.\n"
          : `chatport: writing to standard output failed (${e.code ?? e.message}).\n`,
      );
      process.exitCode = 6;
    }
    stop();
  });
}

/** What the worker tells the main thread of an output file written under a temporary name. */
interface PartialFileNote {
  partialFile: string;
  open: boolean;
}

const isPartialFileNote = (m: unknown): m is PartialFileNote =>
  typeof m === "object" && m !== null && typeof (m as PartialFileNote).partialFile === "string" && typeof (m as PartialFileNote).open === "boolean";

/** Exit codes of a run stopped by a signal (128 + the signal's number, as shells report it). */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/**
 * Ctrl-C, a kill or a closed terminal: stop the work, remove this process's scratch folders (a private
 * database copy is a decrypted chat), and exit as the signal asks. Without a handler Node exits at
 * once and leaves them in the temporary folder.
 */
function onStopSignals(stop: () => Promise<unknown>, partialFiles?: Iterable<string>): void {
  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
    process.once(signal, () => {
      void stop()
        .catch(() => undefined)
        .finally(() => {
          removeScratchDirsSync();
          removePartialFilesSync(partialFiles);
          process.exit(code);
        });
    });
  }
}

if (isMainThread && process.env.CHATPORT_IN_PROCESS !== "1") {
  const facts: TtyFacts = { stderrTty: process.stderr.isTTY === true, ...(process.stderr.columns ? { columns: process.stderr.columns } : {}) };
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const worker = new Worker(new URL(import.meta.url), {
    argv: process.argv.slice(2),
    env: SHARE_ENV,
    workerData: facts,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  // The outputs the worker is writing under temporary names (staged-outputs.ts), to remove after a signal.
  const partialFiles = new Set<string>();
  worker.on("message", (m: unknown) => {
    if (!isPartialFileNote(m)) return;
    if (m.open) partialFiles.add(m.partialFile);
    else partialFiles.delete(m.partialFile);
  });
  onStdoutError(() => void worker.terminate());
  onStopSignals(() => worker.terminate(), partialFiles);
  worker.on("error", (e) => {
    process.stderr.write(`chatport: internal error: ${(e as Error).message}\n`);
    process.exitCode = 70;
  });
  worker.on("exit", (code) => {
    if (process.exitCode === undefined) process.exitCode = code;
  });
} else {
  const facts = (workerData ?? undefined) as TtyFacts | undefined;
  // The worker's stderr is a pipe to the main thread's stderr: it is a terminal when that one is.
  if (facts?.stderrTty) Object.assign(process.stderr, { isTTY: true, columns: facts.columns });
  if (isMainThread) {
    onStdoutError(() => process.exit());
    onStopSignals(async () => undefined);
  } else onPartialFiles((partialFile, open) => parentPort?.postMessage({ partialFile, open } satisfies PartialFileNote));
  const { runCliSafely } = await import("./run.js");
  const code = await runCliSafely(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
  if (process.exitCode === undefined) process.exitCode = code;
}
