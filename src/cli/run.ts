import { basename, relative } from "node:path";
import { builtinRegistry } from "../builtin.js";
import { MAX_BATES_START } from "../../formats/html/index.js";
import { ChatportError, EXIT_CODES, isChatportError, unreadableInputError } from "../diagnostics/errors.js";
import { archiveJsonSchema } from "../model/json-schema.js";
import { convert } from "../pipeline/convert.js";
import { openInput } from "../pipeline/open-input.js";
import { buildProbe } from "../pipeline/probe.js";
import { folderHint } from "../pipeline/folder-hint.js";
import { describeIssue, verifyManifest } from "../evidence/verify.js";
import { VERSION } from "../version.js";
import { helpText, parseCli, type CliArgs } from "./args.js";
import { ProgressBar } from "./progress.js";
import { summaryText } from "./summary.js";

/** Where the CLI writes; injectable for tests. */
export interface CliIO {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: Record<string, string | undefined>;
  cwd: string;
}

/**
 * Runs one CLI invocation and returns the exit code: errors meant for people are printed as one
 * sentence; anything else is reported as a bug, with the stack only when CHATPORT_DEBUG is set.
 */
export async function runCliSafely(argv: string[], io: CliIO): Promise<number> {
  try {
    return await runCli(argv, io);
  } catch (e0) {
    // A permission or disk error is the input's, not a bug, wherever it surfaced (raw or wrapped as internal).
    const e = (!isChatportError(e0) || e0.kind === "internal" ? unreadableInputError(e0) : undefined) ?? e0;
    if (isChatportError(e)) {
      io.stderr.write(`chatport: ${visible(e.message)}\n`);
      // A bug wrapped with its place (a reader's or writer's unexpected failure): the stack is in its cause.
      if (e.kind === "internal" && io.env.CHATPORT_DEBUG) io.stderr.write(`${(e.cause as Error | undefined)?.stack ?? e.stack}\n`);
      return e.exitCode;
    }
    const err = e as Error;
    io.stderr.write(`chatport: internal error: ${visible(err?.message ?? String(e))} (this is a bug; please report it${io.env.CHATPORT_DEBUG ? "" : ", and set CHATPORT_DEBUG=1 for details"}).\n`);
    if (io.env.CHATPORT_DEBUG) io.stderr.write(`${err?.stack}\n`);
    return EXIT_CODES.internal;
  }
}

/**
 * A message with the control characters it quotes from the input (a NUL of a UTF-16 file read as
 * UTF-8, an escape sequence in a file name) written as `\xHH`: raw, they garble or drive the terminal.
 */
function visible(message: string): string {
  return message.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** Runs one CLI invocation and returns the exit code; throws ChatportError for people-facing failures. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const args = parseCli(argv);
  if (args.values.version) {
    io.stdout.write(`chatport ${VERSION}\n`);
    return 0;
  }
  if (args.values.help || !args.command) {
    io.stdout.write(helpText());
    return args.command || args.values.help ? 0 : 2;
  }
  switch (args.command) {
    case "convert":
      return convertCommand(args, io);
    case "detect":
      return detectCommand(args, io);
    case "formats":
      return formatsCommand(io);
    case "verify":
      return verifyCommand(args, io);
    case "schema":
      io.stdout.write(JSON.stringify(archiveJsonSchema(), null, 2) + "\n");
      return 0;
    default:
      throw new ChatportError("usage", `Unknown command "${args.command}"; use convert, detect, formats, schema or verify (see chatport --help).`);
  }
}

function needInput(args: CliArgs): string {
  const input = args.positionals[0];
  if (!input) throw new ChatportError("usage", `chatport ${args.command} needs an input file or folder; see chatport --help.`);
  if (args.positionals.length > 1) throw new ChatportError("usage", `Unexpected extra argument "${args.positionals[1]}"; give one input per run.`);
  return input;
}

async function convertCommand(args: CliArgs, io: CliIO): Promise<number> {
  const input = needInput(args);
  const v = args.values;
  if (typeof v.to !== "string") throw new ChatportError("usage", `chatport convert needs --to <format>; one of: ${builtinRegistry.writers().map((w) => w.id).join(", ")}.`);
  const writer = builtinRegistry.writer(v.to);
  const output = typeof v.output === "string" ? v.output : basename(input).replace(/\.[^.]*$/, "") + writer.fileExtension;
  const bar = new ProgressBar(io.stderr, "reading");
  const quiet = v.quiet === true;
  const readerOptions: Record<string, unknown> = {};
  if (typeof v["date-order"] === "string") {
    // Checked here, not only by the reader that takes it: a reader without the option ignored any value
    // ("--date-order xyz" read with exit 0 and an option-unused warning).
    if (!["dmy", "mdy", "ymd"].includes(v["date-order"])) throw new ChatportError("usage", `--date-order takes dmy or mdy (whatsapp-txt also ymd), not ${JSON.stringify(v["date-order"])}.`);
    readerOptions.dateOrder = v["date-order"];
  }
  if (typeof v.self === "string") readerOptions.self = v.self;
  const result = await convert(input, builtinRegistry, {
    to: writer.id,
    output,
    ...(typeof v.from === "string" ? { from: v.from } : {}),
    ...(typeof v.tz === "string" ? { tz: v.tz } : {}),
    ...(typeof v.since === "string" ? { since: v.since } : {}),
    ...(typeof v.until === "string" ? { until: v.until } : {}),
    readerOptions,
    writerOptions: writerOptionsFrom(v, writer.id),
    manifest: v["no-manifest"] !== true,
    recordedOptions: recordedOptions(args),
    // The summary needs no counters by conversation (100,000 conversations' would be ~45 MiB at the end).
    keepStats: false,
    ...(v["no-media"] ? { extractMedia: false } : {}),
    ...(quiet ? {} : { onProgress: (d: number, t: number) => bar.update(d, t) }),
  }).finally(() => bar.done());
  const rel = (p: string) => relative(io.cwd, p) || p;
  const label = output === "-" ? "stdout" : result.outputs.map(rel).join(", ") + (result.manifest ? `\nManifest: ${rel(result.manifest)}` : "");
  if (!quiet) io.stderr.write(summaryText(result, label));
  if (v.strict && result.warnings > 0) {
    io.stderr.write(`chatport: --strict: ${result.warnings} warning${result.warnings === 1 ? "" : "s"} reported (listed above); the output was written but the run counts as failed.\n`);
    return 1;
  }
  return 0;
}

/** Options that only some writers take, checked here so a misplaced flag is an error, not ignored. */
const PAGED_WRITERS = ["html", "pdf"];
/** Writers that write parts beside their output (`--split`). */
const SPLIT_WRITERS = ["html", "pdf", "csv"];

function writerOptionsFrom(v: CliArgs["values"], writerId: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (v["no-bom"]) out.bom = false;
  for (const flag of ["bates", "bates-start"] as const) {
    if (v[flag] === undefined) continue;
    if (!PAGED_WRITERS.includes(writerId)) throw new ChatportError("usage", `--${flag} applies to --to html or --to pdf, not --to ${writerId}.`);
  }
  if (v.split !== undefined && !SPLIT_WRITERS.includes(writerId)) throw new ChatportError("usage", `--split applies to --to html, pdf or csv, not --to ${writerId}.`);
  if (typeof v.bates === "string") out.bates = v.bates;
  if (typeof v["bates-start"] === "string") out.batesStart = wholeNumber("bates-start", v["bates-start"], 0, MAX_BATES_START);
  if (typeof v.split === "string") out.split = wholeNumber("split", v.split, 1);
  if (out.batesStart !== undefined && out.bates === undefined) throw new ChatportError("usage", "--bates-start needs --bates <prefix> too.");
  return out;
}

function wholeNumber(flag: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    throw new ChatportError("usage", `--${flag} takes a whole number${min > 0 ? ` of at least ${min}` : ""}${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ""}, not "${value}".`);
  return Number(value);
}

/** The command-line options as the manifest records them: no paths, no display flags. */
function recordedOptions(args: CliArgs): Record<string, unknown> {
  const skip = new Set(["output", "quiet", "help", "version", "input-root"]);
  const out: Record<string, unknown> = { command: args.command };
  for (const k of Object.keys(args.values).sort()) if (!skip.has(k)) out[k] = args.values[k as keyof CliArgs["values"]];
  return out;
}

async function verifyCommand(args: CliArgs, io: CliIO): Promise<number> {
  const manifest = needInput(args);
  const root = args.values["input-root"];
  const r = await verifyManifest(manifest, typeof root === "string" ? { inputRoot: root } : {});
  for (const note of r.notes) io.stdout.write(note + "\n");
  for (const issue of r.issues) io.stdout.write(describeIssue(issue) + "\n");
  const what = `${r.inputs} input${r.inputs === 1 ? "" : "s"}, ${r.outputs} output${r.outputs === 1 ? "" : "s"}`;
  if (r.issues.length === 0) {
    io.stdout.write(`verified ${what}\n`);
    return 0;
  }
  io.stderr.write(`chatport: verification failed: ${r.issues.length} problem${r.issues.length === 1 ? "" : "s"} in ${what} listed by ${manifest}.\n`);
  return EXIT_CODES["verify-failed"];
}

async function detectCommand(args: CliArgs, io: CliIO): Promise<number> {
  const input = needInput(args);
  const opened = await openInput(input);
  const probe = await buildProbe(opened);
  const candidates = builtinRegistry.detect(probe);
  if (candidates.length === 0) {
    const inside = await folderHint(opened, builtinRegistry);
    io.stdout.write(`${input}: no reader recognises this input${inside ? " as one export." + inside : "."}\n`);
    return 4;
  }
  for (const c of candidates)
    io.stdout.write(`${c.reader.id.padEnd(18)} ${c.confidence.toFixed(2)}  ${c.variant ? `[${c.variant}] ` : ""}${c.reason}\n`);
  return 0;
}

async function formatsCommand(io: CliIO): Promise<number> {
  io.stdout.write("Readers (--from):\n");
  for (const r of builtinRegistry.readers()) io.stdout.write(`  ${r.id.padEnd(18)} ${r.displayName}${r.extensions?.length ? ` (${r.extensions.join(", ")})` : ""}\n`);
  io.stdout.write("Writers (--to):\n");
  for (const w of builtinRegistry.writers()) io.stdout.write(`  ${w.id.padEnd(18)} ${w.displayName} (${w.fileExtension})\n`);
  return 0;
}
