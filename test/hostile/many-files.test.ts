/**
 * An export folder with tens of thousands of small files (a WhatsApp chat with its Media folder): every
 * file is hashed before reading and after, and the manifest lists each. Each file cost ~2–3 KB of peak
 * memory (100,000 files: 290 MiB to CSV): a SourceFile object, a ledger record, a re-open closure, two
 * hex strings, the output guard's maps of every input's path and size, the hash memo's entries, the
 * manifest's whole input list, and the listing's Dirents and concatenated paths. The hashes are now kept
 * flat (src/evidence/digest-table.ts) and the rest made when needed.
 *
 * Each conversion runs in its own process (peak RSS is per process). Files: more than the hash memo
 * holds (32,768), so the evidence pass does not fill it (a folder that fits keeps ~350 bytes a file
 * there, by design). Measured here at 40,000 files, extra peak RSS per file over a one-file folder: 3.4
 * KiB before, 0.54 after.
 *
 * The json, ndjson, html and rsmf writers then made the whole SourceFile list (one object a file) and
 * json stringified it at once; they walk the sources one at a time now (ArchiveInfo.eachSource). Their
 * peak over csv's on the same folder (csv never lists the sources), at 40,000 files: json 0.49–0.83
 * KiB a file before, -0.06–0.01 after; html 0.99–1.25 before, -0.04–0.06 after (built CLI, 100,000
 * files: json 180 → 108 MiB, html 215 → 109, csv 107).
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundledCli } from "../evidence/cli-bundle.js";

const FILES = 40_000;
const dir = mkdtempSync(join(tmpdir(), "chatport-manyfiles-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CHAT = "12/01/2021, 10:00 - Ann: hi\n12/01/2021, 10:01 - Bob: IMG-000001.jpg (file attached)\n";

/** A WhatsApp export folder: the chat text and `media` tiny files under Media/. */
function exportFolder(name: string, media: number): string {
  const root = join(dir, name);
  mkdirSync(join(root, "Media"), { recursive: true });
  writeFileSync(join(root, "WhatsApp Chat with Bob.txt"), CHAT);
  for (let i = 0; i < media; i++) writeFileSync(join(root, "Media", `IMG-${String(i).padStart(6, "0")}.jpg`), `x${i}`);
  return root;
}

// Prints the process's peak RSS (KiB) as it exits.
const PRELOAD = join(dir, "max-rss.cjs");
writeFileSync(PRELOAD, 'process.on("exit", () => process.stderr.write(`\\nmaxRSS ${process.resourceUsage().maxRSS}\\n`));\n');

interface Run {
  kib: number;
  output: string;
  manifest: { inputs: { path: string; unchanged: boolean }[] };
}

/** Converts `input` to `to` in a fresh process; its peak RSS in KiB, the output's path and the manifest. */
async function run(input: string, to = "csv"): Promise<Run> {
  const cli = await bundledCli();
  const output = `${input}.${to}`;
  const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["-r", PRELOAD, cli, "convert", input, "--to", to, "-q", "-o", output], { env: { ...process.env, SOURCE_DATE_EPOCH: "0" } });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => void (stderr += d.toString("utf8")));
    child.on("close", (code) => resolve({ code, stderr }));
  });
  expect(r.code, r.stderr).toBe(0);
  return { kib: Number(/maxRSS (\d+)/.exec(r.stderr)![1]), output, manifest: JSON.parse(readFileSync(`${output}.manifest.json`, "utf8")) };
}

let many: string | undefined;
let manyCsv: Promise<Run> | undefined;
/** The big folder, made once, and its conversion to csv, run once (both tests use them). */
const manyFolder = () => (many ??= exportFolder("many", FILES));
const csvOfMany = () => (manyCsv ??= run(manyFolder()));

describe(`an export folder of ${FILES} files, converted with a manifest`, () => {
  it("lists and hashes every file, and peak memory grows by less than 1.5 KiB a file", async () => {
    const one = exportFolder("one", 1);
    const big = await csvOfMany();
    const small = await run(one);
    expect(big.manifest.inputs).toHaveLength(FILES + 1);
    expect(big.manifest.inputs[0]!.path).toBe("many/Media/IMG-000000.jpg");
    expect(big.manifest.inputs.at(-1)!.path).toBe("many/WhatsApp Chat with Bob.txt");
    expect(big.manifest.inputs.every((i) => i.unchanged)).toBe(true);
    const extra = (big.kib - small.kib) / FILES;
    expect(extra, `peak RSS grew by ${extra.toFixed(2)} KiB a file`).toBeLessThan(1.5);
  }, 60_000);

  it.each(["json", "html"])("%s lists every file, and peaks less than 0.25 KiB a file above csv", async (to) => {
    const csv = await csvOfMany();
    const r = await run(manyFolder(), to);
    const text = readFileSync(r.output, "utf8");
    if (to === "json") expect(JSON.parse(text).sources).toHaveLength(FILES + 1);
    else expect(text.match(/<td class="hash">[0-9a-f]{64}<\/td>/g)).toHaveLength(FILES + 1);
    const extra = (r.kib - csv.kib) / FILES;
    expect(extra, `peak RSS ${r.kib} KiB against csv's ${csv.kib}: ${extra.toFixed(2)} KiB a file more`).toBeLessThan(0.25);
  }, 60_000);
});
