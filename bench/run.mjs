// `npm run bench`: end-to-end CLI conversions against floors and a peer, in the same run on the same files.
// Env: BENCH_SIZE (messages per base case, default 1,000,000; the large QQ case is 4×), BENCH_RUNS
// (default 3; the median is reported), BENCH_ONLY (comma list of case-name prefixes), BENCH_NO_BUILD=1.
// Inputs are generated into bench/work/ (git-ignored); results go to bench/results/latest.md.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, rmSync, readdirSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { qqTxt, whatsappTxt, telegramJson, wechatPc3 } from "./generate.mjs";

const ROOT = join(import.meta.dirname, "..");
const OUT = join(import.meta.dirname, "work", "out");
const SIZE = Number(process.env.BENCH_SIZE ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ONLY = process.env.BENCH_ONLY?.split(",").filter(Boolean);
const MIB = 1024 * 1024;

if (!process.env.BENCH_NO_BUILD) execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
mkdirSync(OUT, { recursive: true });

const log = (s) => process.stderr.write(s + "\n");
log(`generating inputs (size ${SIZE})…`);
const files = {
  qq: await qqTxt(SIZE),
  qq4: await qqTxt(4 * SIZE),
  wa: await whatsappTxt(SIZE),
  tg: await telegramJson(SIZE),
  wx: await wechatPc3(SIZE),
};
const wxDb = join(files.wx, "wxid_bench", "Msg", "Multi", "MSG0.db");
const bytesOf = (p) => (p === files.wx ? statSync(wxDb).size + statSync(join(files.wx, "wxid_bench", "Msg", "MicroMsg.db")).size : statSync(p).size);

/**
 * Empties the output folder and flushes the page cache's dirty pages before a timed run: otherwise the
 * gigabytes the previous cases wrote (QQ 4× → JSON and HTML: 2.1 and 2.2 GB) are written back while
 * later cases run, and a case that writes is throttled by the kernel (measured: WeChat PC3 → CSV spent
 * ~12% of its time idle waiting on its writes after those cases, none when writing to /dev/null), which
 * moved its ratio to the floor, which writes nothing, from 1.62× to 1.72× between two runs.
 */
function settle() {
  for (const f of readdirSync(OUT)) rmSync(join(OUT, f), { recursive: true, force: true });
  spawnSync("sync");
}

/** Runs a command under /usr/bin/time RUNS times; median wall seconds and the peak RSS of that run. */
function measure(args) {
  const samples = [];
  for (let r = 0; r < RUNS; r++) {
    settle();
    const res = spawnSync("/usr/bin/time", ["-f", "BENCHTIME %e %M %U %S", ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * MIB });
    const m = /BENCHTIME ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(res.stderr ?? "");
    if (res.status !== 0 || !m) throw new Error(`${args.join(" ")} failed (${res.status}):\n${res.stderr}`);
    samples.push({ sec: Number(m[1]), rssMiB: Number(m[2]) / 1024, cpu: Number(m[3]) + Number(m[4]), stdout: res.stdout.trim() });
  }
  samples.sort((a, b) => a.sec - b.sec);
  const med = samples[Math.floor(samples.length / 2)];
  return { ...med, maxRssMiB: Math.max(...samples.map((s) => s.rssMiB)), all: samples.map((s) => s.sec) };
}

// Wall-clock sources (QQ, WhatsApp) are converted with --tz, as users do: zone placement is per message.
const TZ = ["--tz", "Asia/Shanghai"];
const cli = (input, to, extra = []) => {
  const out = join(OUT, `out.${to}`);
  return ["node", "dist/cli.js", "convert", input, "--to", to, "-o", out, "--no-manifest", "-q", ...extra];
};
const floor = (kind, input) => ["node", "bench/floors.mjs", kind, input];

// [name, args, input (for MB), messages, compare-to case name, max ratio, extra]
const M = SIZE, M4 = 4 * SIZE;
const cases = [
  ["floor lines QQ", floor("lines", files.qq), files.qq, M],
  ["QQ TXT → CSV", cli(files.qq, "csv", TZ), files.qq, M, "floor lines QQ", 2.5],
  ["QQ TXT → JSON", cli(files.qq, "json", TZ), files.qq, M, "QQ TXT → CSV", 1.2],
  ["QQ TXT → HTML", cli(files.qq, "html", TZ), files.qq, M, "QQ TXT → CSV", 1.2],
  ["floor lines QQ 4×", floor("lines", files.qq4), files.qq4, M4],
  ["QQ TXT 4× → CSV", cli(files.qq4, "csv", TZ), files.qq4, M4, "floor lines QQ 4×", 2.5],
  ["QQ TXT 4× → JSON", cli(files.qq4, "json", TZ), files.qq4, M4, "QQ TXT 4× → CSV", 1.2],
  ["QQ TXT 4× → HTML", cli(files.qq4, "html", TZ), files.qq4, M4, "QQ TXT 4× → CSV", 1.2],
  ["floor lines WhatsApp", floor("lines", files.wa), files.wa, M],
  ["peer whatsapp-chat-parser", floor("wa-parser", files.wa), files.wa, M],
  ["WhatsApp TXT → CSV", cli(files.wa, "csv", TZ), files.wa, M, "floor lines WhatsApp", 3.0, ["peer whatsapp-chat-parser", 0.7]],
  ["floor tokenizer Telegram", floor("tokens", files.tg), files.tg, M],
  ["Telegram JSON → CSV", cli(files.tg, "csv"), files.tg, M, "floor tokenizer Telegram", 0.75],
  ["floor sqlite WeChat", floor("sqlite", wxDb), files.wx, M],
  ["WeChat PC3 → CSV", cli(files.wx, "csv"), files.wx, M, "floor sqlite WeChat", 1.7],
].filter((c) => !ONLY || ONLY.some((p) => c[0].startsWith(p)) || cases0Needed(c[0]));
function cases0Needed(name) {
  // a comparison target is always measured with the case that needs it
  return ONLY?.some((p) => name.startsWith("floor") && name.includes(p.split(" ")[0]) || (p.startsWith("QQ TXT") && name === p.replace(/→ (JSON|HTML)/, "→ CSV")));
}

const results = new Map();
for (const [name, args, input, msgs, ...cmp] of cases) {
  log(`${name}…`);
  const r = measure(args);
  const mb = bytesOf(input) / 1e6;
  const o = args.indexOf("-o");
  const outMb = o > 0 && existsSync(args[o + 1]) ? statSync(args[o + 1]).size / 1e6 : undefined;
  results.set(name, { name, mb, outMb, msgs, ...r, cmp });
  log(`  ${r.sec.toFixed(2)} s (${r.all.join(", ")}), ${r.rssMiB.toFixed(0)} MiB`);
}

const rows = [];
const fails = [];
for (const r of results.values()) {
  const checks = [];
  const [base, max, extra] = r.cmp;
  for (const [ref, lim] of [base ? [base, max] : undefined, extra].filter(Boolean)) {
    const b = results.get(ref);
    if (!b) continue;
    const ratio = r.sec / b.sec;
    checks.push({ text: `${ratio.toFixed(2)}× ${ref} (CPU ${(r.cpu / b.cpu).toFixed(2)}×)`, target: `≤ ${lim}×`, pass: ratio <= lim });
  }
  const isOurs = !r.name.startsWith("floor") && !r.name.startsWith("peer");
  // RSS is judged by the largest of the runs, not the median one.
  if (isOurs) checks.push({ text: `${r.maxRssMiB.toFixed(0)} MiB`, target: "RSS ≤ 160 MiB", pass: r.maxRssMiB <= 160 });
  for (const c of checks) if (!c.pass) fails.push(`${r.name}: ${c.text} (target ${c.target})`);
  rows.push(
    `| ${r.name} | ${r.mb.toFixed(1)} | ${r.outMb === undefined ? "" : r.outMb.toFixed(1)} | ${r.msgs.toLocaleString("en")} | ${r.sec.toFixed(2)} | ${r.cpu.toFixed(2)} | ${(r.mb / r.sec).toFixed(1)} | ${Math.round(r.msgs / r.sec).toLocaleString("en")} | ${r.maxRssMiB.toFixed(0)} | ${checks.map((c) => c.text).join("; ")} | ${checks.map((c) => c.target).join("; ")} | ${checks.length ? (checks.every((c) => c.pass) ? "pass" : "**FAIL**") : ""} |`,
  );
}
// Memory must not grow with input size: 1M vs 4M per writer.
const growth = [];
for (const to of ["CSV", "JSON", "HTML"]) {
  const a = results.get(`QQ TXT → ${to}`), b = results.get(`QQ TXT 4× → ${to}`);
  if (!a || !b) continue;
  const g = b.maxRssMiB / a.maxRssMiB - 1;
  const pass = g <= 0.05;
  if (!pass) fails.push(`QQ TXT → ${to} RSS grew ${(g * 100).toFixed(1)}% from ${M} to ${M4} messages`);
  growth.push(`| QQ TXT → ${to} | ${a.maxRssMiB.toFixed(0)} | ${b.maxRssMiB.toFixed(0)} | ${(g * 100).toFixed(1)}% | ≤ 5% | ${pass ? "pass" : "**FAIL**"} |`);
}

const node = process.version;
const md = `# chatport benchmark — latest run

Generated by \`npm run bench\` (bench/run.mjs). Every case is a whole child process
(\`node dist/cli.js convert … --no-manifest -q\`, or \`node bench/floors.mjs …\`) timed with \`/usr/bin/time\`:
before each run the output folder is emptied and \`sync\` flushes dirty pages; wall time is the median of ${RUNS} run(s), CPU = user + system seconds of that run; peak RSS is the largest max
resident set of all the runs. Targets use wall-time ratios; the CPU ratio beside each is less disturbed by other load.
MB in = input bytes / 10⁶, MB out = bytes chatport wrote;
ratios compare medians from this same run on the same files.

- Machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${node}, load average at the end ${loadavg().map((x) => x.toFixed(2)).join(" ")}
  (the machine is shared: absolute times vary with load; ratios within one run are what the targets use).
- chatport runs: \`--no-manifest -q\`, plus \`--tz Asia/Shanghai\` for the wall-clock formats (QQ TXT, WhatsApp TXT).
- Size: ${M.toLocaleString("en")} messages per base case, ${M4.toLocaleString("en")} for the large QQ case.
- Floors: *lines* = read + UTF-8 decode + one string per line; *tokenizer* = @streamparser/json Tokenizer
  over the file, tokens dropped; *sqlite* = better-sqlite3 iterating MSG with the columns and ORDER BY
  wechat-pc3 uses (safeIntegers); *peer* = whatsapp-chat-parser ${peerVersion()} reading the file and \`parseString\`.

| case | MB in | MB out | msgs | time (s) | CPU (s) | MB/s | msgs/s | peak RSS (MiB) | ratio | target | result |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|
${rows.join("\n")}

## Peak RSS, ${M.toLocaleString("en")} vs ${M4.toLocaleString("en")} messages

| case | RSS 1× (MiB) | RSS 4× (MiB) | growth | target | result |
|---|---:|---:|---:|---|---|
${growth.join("\n")}

## Failing targets

${fails.length ? fails.map((f) => `- ${f}`).join("\n") : "None."}
`;
mkdirSync(join(import.meta.dirname, "results"), { recursive: true });
writeFileSync(join(import.meta.dirname, "results", "latest.md"), md);
for (const f of readdirSync(OUT)) rmSync(join(OUT, f), { recursive: true, force: true });
process.stdout.write(md);

function peerVersion() {
  try {
    return JSON.parse(readFileSync(join(ROOT, "node_modules", "whatsapp-chat-parser", "package.json"), "utf8")).version;
  } catch {
    return "";
  }
}
