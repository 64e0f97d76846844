import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
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

describe("the chatport process", () => {
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
