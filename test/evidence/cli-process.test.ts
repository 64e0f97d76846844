import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { manyMessages, qqTxt } from "../helpers/qq-txt-build.js";
import { bundledCli } from "./cli-bundle.js";

// The CLI runs its work in a worker thread (src/cli/main.ts); these check the process around it.
function run(args: string[], opts: { closeStdoutEarly?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...opts.env } });
    let stdout = "", stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString("utf8");
      if (opts.closeStdoutEarly) child.stdout.destroy();
    });
    child.stderr.on("data", (d: Buffer) => void (stderr += d.toString("utf8")));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function bigInput(): string {
  const dir = mkdtempSync(join(tmpdir(), "chatport-proc-"));
  const file = join(dir, "big.txt");
  writeFileSync(file, qqTxt("大群", manyMessages(60_000)));
  return file;
}

/** Folders named chatport-* in `dir`. */
const scratchIn = (dir: string) => readdirSync(dir).filter((n) => n.startsWith("chatport-"));

describe("the chatport process", () => {
  it.each([
    ["SIGTERM", "worker"],
    ["SIGINT", "worker"],
    ["SIGINT", "in-process"],
  ] as const)("%s stops it with 128 + the signal's number and leaves no scratch folder or partial output behind (%s)", async (signal, mode) => {
    const cli = await bundledCli();
    const tmp = mkdtempSync(join(tmpdir(), "chatport-sig-root-"));
    const out = mkdtempSync(join(tmpdir(), "chatport-sig-out-"));
    const input = join(out, "big.txt");
    writeFileSync(input, qqTxt("大群", manyMessages(300_000)));
    writeFileSync(join(out, "x.html"), "an earlier run's output");
    // html split in volumes spools its body in a scratch folder (as a database is copied to one).
    const env = { ...process.env, TMPDIR: tmp, ...(mode === "in-process" ? { CHATPORT_IN_PROCESS: "1" } : {}) };
    const child = spawn(process.execPath, [cli, "convert", input, "--to", "html", "--split", "50000", "-o", join(out, "x.html"), "-q", "--tz", "Asia/Shanghai"], { env });
    const closed = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    const deadline = Date.now() + 30_000;
    while (scratchIn(tmp).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(scratchIn(tmp)).toHaveLength(1);
    expect(readdirSync(out).some((n) => n.startsWith("x.html.partial-"))).toBe(true);
    child.kill(signal);
    expect(await closed).toBe(signal === "SIGTERM" ? 143 : 130);
    expect(scratchIn(tmp)).toEqual([]);
    expect(readdirSync(out).sort()).toEqual(["big.txt", "x.html"]);
    expect(readFileSync(join(out, "x.html"), "utf8")).toBe("an earlier run's output");
  });

  it("passes exit codes and messages through from the worker", async () => {
    const cli = await bundledCli();
    const r = await run([cli, "convert", join(tmpdir(), "no-such-chatport-input.txt"), "--to", "csv", "-o", "-"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("no such file or folder");
    const v = await run([cli, "--version"]);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^chatport \d+\.\d+\.\d+/);
  });

  it("writes a whole export to stdout", async () => {
    const cli = await bundledCli();
    const r = await run([cli, "convert", bigInput(), "--to", "csv", "-o", "-", "-q", "--tz", "Asia/Shanghai"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split("\r\n")).toHaveLength(60_001);
  });

  it.each(["worker", "in-process"])("a reader closing stdout early gets a one-line message and exit 6, no stack trace (%s)", async (mode) => {
    const cli = await bundledCli();
    const env = mode === "in-process" ? { CHATPORT_IN_PROCESS: "1" } : {};
    const r = await run([cli, "convert", bigInput(), "--to", "csv", "-o", "-", "-q", "--tz", "Asia/Shanghai"], { closeStdoutEarly: true, env });
    expect(r.code).toBe(6);
    expect(r.stderr).toContain("closed it before the export was written in full");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
