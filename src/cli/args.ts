import { parseArgs } from "node:util";
import { ChatportError } from "../diagnostics/errors.js";

/** Every command-line option, in one table (the help text is generated from it). */
export const OPTIONS = {
  to: { type: "string", short: "t", help: "output format id (json, ndjson, csv, html, …)" },
  output: { type: "string", short: "o", help: "output file, or - for stdout (default: <input name>.<ext> in the current folder)" },
  from: { type: "string", short: "f", help: "input format id; skips detection" },
  tz: { type: "string", help: "IANA zone assumed for wall-clock times without a zone, e.g. Asia/Shanghai" },
  since: { type: "string", help: "keep messages at or after this date: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (wall clock), with Z or +08:00 an instant" },
  until: { type: "string", help: "keep messages on or before this date (the whole day for a date), same forms as --since" },
  strict: { type: "boolean", help: "fail (exit 1) when any warning is reported" },
  "date-order": { type: "string", help: "order of ambiguous N/N/YYYY dates: dmy or mdy (whatsapp-txt also ymd)" },
  self: { type: "string", help: "your own id or name in the chat, to mark your messages" },
  "no-bom": { type: "boolean", help: "csv: write no UTF-8 byte-order mark" },
  "no-manifest": { type: "boolean", help: "write no <output>.manifest.json (hashes, versions, options, counts, diagnostics)" },
  bates: { type: "string", help: "html/pdf: print this Bates prefix and a 6-digit page number on every page, e.g. ABC-" },
  "bates-start": { type: "string", help: "html/pdf: first Bates number (default 1)" },
  split: { type: "string", help: "html/pdf: volumes of at most N messages each (name.html, name.vol002.html, …; pdf: 10000 unless given); csv: parts of at most N rows, each with the header" },
  "input-root": { type: "string", help: "verify: the folder the inputs are in now, when it moved since convert" },
  "no-media": { type: "boolean", help: "do not write media embedded in the input (MHT images) to <output>.media/" },
  quiet: { type: "boolean", short: "q", help: "print no summary or progress" },
  help: { type: "boolean", short: "h", help: "show help" },
  version: { type: "boolean", short: "v", help: "show the version" },
} as const;

/** Parsed command line. */
export interface CliArgs {
  command: string | undefined;
  positionals: string[];
  values: Partial<Record<keyof typeof OPTIONS, string | boolean>>;
}

/** Parses argv (without node and script); unknown options are a usage error in one sentence. */
export function parseCli(argv: string[]): CliArgs {
  try {
    const config = Object.fromEntries(Object.entries(OPTIONS).map(([k, v]) => [k, { type: v.type, ...("short" in v ? { short: v.short } : {}) }]));
    const { values, positionals, tokens } = parseArgs({ args: argv, options: config as never, allowPositionals: true, strict: true, tokens: true });
    // parseArgs keeps the last of a repeated option: "--tz A --tz B" would convert under B without a word.
    const given = new Map<string, string>();
    for (const t of tokens ?? []) {
      if (t.kind !== "option" || t.value === undefined) continue;
      const before = given.get(t.name);
      if (before !== undefined && before !== t.value)
        throw new ChatportError("usage", `--${t.name} was given twice (${JSON.stringify(before)} and ${JSON.stringify(t.value)}); give it once.`);
      given.set(t.name, t.value);
    }
    return { command: positionals[0], positionals: positionals.slice(1), values: values as CliArgs["values"] };
  } catch (e) {
    if (e instanceof ChatportError) throw e;
    throw new ChatportError("usage", `${(e as Error).message.replace(/\.$/, "")}; run \`chatport --help\` for the options.`);
  }
}

/** The help text. */
export function helpText(): string {
  const opts = Object.entries(OPTIONS)
    .map(([k, v]) => `  ${"short" in v ? `-${v.short}, ` : "    "}--${k}${v.type === "string" ? " <value>" : ""}`.padEnd(30) + v.help)
    .join("\n");
  return `chatport — convert chat exports into files you can trust

Usage:
  chatport convert <input> --to <format> [-o <file>|-] [options]
  chatport detect <input>        which reader would read the input, and why
  chatport formats               list readers and writers
  chatport schema                print the JSON Schema of the chatport JSON archive
  chatport verify <manifest>     re-hash the inputs and outputs a manifest lists; exit 7 on any change

Options:
${opts}

Exit codes: 0 ok; 1 --strict and warnings were reported; 2 usage; 3 input unreadable (missing, empty, a
folder where a file is needed); 4 not a recognised chat export, or ambiguous; 5 damaged, truncated or
encrypted input; 6 output could not be written (or no Chromium for pdf); 7 verify found a missing or
changed file; 70 internal error (a bug: please report it).
`;
}
