/**
 * Hostile input: tens of thousands of conversations (a full-account export, or one made to hurt). The
 * end of a conversion lists every conversation — in the manifest, the html cover's tables, the json and
 * ndjson end records — and each of those was built as one string: 100,000 conversations took a
 * 590 MiB process to CSV (the manifest alone) and 700 MiB to html. They are now written record by
 * record. The conversations with their counters and the participants were then still kept as objects
 * for the end (~1.5 KiB a conversation and its person: 100,000 peaked at 265–290 MiB); they are records
 * in scratch files now (pipeline/conversation-log.ts, plugin/participant-book.ts), read back in order,
 * and the reader's state is let go before the end. The qq-txt reader keeps its people as records too.
 * What grows is the reader's memory of the people and sections it met (~0.2 KiB each) and ~60 bytes
 * of index a conversation.
 *
 * Each conversion runs in its own process (peak RSS is per process; a test worker's heap, once grown,
 * hides the next run's growth), against the same number of messages in one conversation. Measured
 * here at 40,000 conversations, extra peak RSS per conversation: csv, json and ndjson 1.5–1.7 KiB
 * before, 0.6–0.75 with the pipeline's lists as records, 0.5–0.65 with the reader's people too; html
 * 1.7, 0.65, 0.45.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundledCli } from "../evidence/cli-bundle.js";

const CONVERSATIONS = 40_000;
const MESSAGES = 2 * CONVERSATIONS;
const dir = mkdtempSync(join(tmpdir(), "chatport-manyconv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A QQ TXT export of `sections` friends sharing `MESSAGES` messages evenly. */
function friends(sections: number): string {
  const sep = "=".repeat(64);
  const lines = ["消息记录（此消息记录为文本格式，不支持重新导入）", "", sep, "消息分组:我的好友"];
  const each = MESSAGES / sections;
  for (let i = 0; i < sections; i++) {
    lines.push(sep, `消息对象:朋友${i}`, sep, "");
    for (let k = 0; k < each; k++) lines.push(`2020-01-01 10:00:${String(k % 60).padStart(2, "0")} 朋友${i}(${100000 + i})`, `消息${k}`, "");
  }
  return lines.join("\r\n") + "\r\n";
}

// Prints the process's peak RSS (KiB, worker threads included) as it exits.
const PRELOAD = join(dir, "max-rss.cjs");
writeFileSync(PRELOAD, 'process.on("exit", () => process.stderr.write(`\\nmaxRSS ${process.resourceUsage().maxRSS}\\n`));\n');

/** Converts `input` in a fresh process; its peak RSS in KiB. */
async function peakKib(input: string, to: string): Promise<number> {
  const cli = await bundledCli();
  const output = join(dir, `${to}-${input.endsWith("many.txt") ? "many" : "one"}.${to}`);
  const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["-r", PRELOAD, cli, "convert", input, "--to", to, "--tz", "Asia/Shanghai", "-q", "-o", output]);
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => void (stderr += d.toString("utf8")));
    child.on("close", (code) => resolve({ code, stderr }));
  });
  expect(r.code, r.stderr).toBe(0);
  const manifest = JSON.parse(readFileSync(`${output}.manifest.json`, "utf8"));
  expect(manifest.totals.messages).toBe(MESSAGES);
  return Number(/maxRSS (\d+)/.exec(r.stderr)![1]);
}

describe(`${CONVERSATIONS} conversations, converted with a manifest`, () => {
  const many = join(dir, "many.txt");
  const one = join(dir, "one.txt");
  writeFileSync(many, friends(CONVERSATIONS));
  writeFileSync(one, friends(1));
  // Room for a loaded 2-core machine (maxRSS moves by a few MiB with the collector's timing).
  for (const [to, kib] of [["csv", 0.9], ["json", 0.9], ["ndjson", 0.9], ["html", 0.9]] as const)
    it(`qq-txt → ${to}: peak memory grows by less than ${kib} KiB a conversation`, async () => {
      const extra = ((await peakKib(many, to)) - (await peakKib(one, to))) / CONVERSATIONS;
      expect(extra, `peak RSS grew by ${extra.toFixed(2)} KiB a conversation`).toBeLessThan(kib);
    }, 120_000);
});
