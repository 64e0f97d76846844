import { execFile } from "node:child_process";
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runCapture } from "../helpers/cli.js";
import { REPO } from "../helpers/samples.js";
import { bundledCli } from "./cli-bundle.js";

const SAMPLE = join(REPO, "samples/qq-txt/group-basic/input.txt");

/** `<dir>/evidence/input.txt` converted to `<dir>/out/x.html` (+ manifest). */
async function converted() {
  const dir = mkdtempSync(join(tmpdir(), "chatport-verify-"));
  mkdirSync(join(dir, "evidence"));
  copyFileSync(SAMPLE, join(dir, "evidence", "input.txt"));
  const r = await runCapture(["convert", join(dir, "evidence", "input.txt"), "--to", "html", "-o", join(dir, "out", "x.html"), "-q"], {}, dir);
  expect(r.code, r.err).toBe(0);
  return { dir, manifest: join(dir, "out", "x.html.manifest.json") };
}

describe("chatport verify <manifest>", () => {
  it("re-hashes inputs and outputs and says so in one line", async () => {
    const { manifest } = await converted();
    const r = await runCapture(["verify", manifest]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("verified 1 input, 1 output\n");
  });

  it("exits 7 and names each changed or missing file", async () => {
    const { dir, manifest } = await converted();
    appendFileSync(join(dir, "out", "x.html"), "<!-- edited -->");
    rmSync(join(dir, "evidence", "input.txt"));
    const r = await runCapture(["verify", manifest]);
    expect(r.code).toBe(7);
    expect(r.out).toMatch(/^MISSING {2}input input\.txt \(expected \d+ bytes, SHA-256 [0-9a-f]{64}\)$/m);
    expect(r.out).toMatch(/^CHANGED {2}output x\.html: expected \d+ bytes, SHA-256 [0-9a-f]{64}; found \d+ bytes, SHA-256 [0-9a-f]{64}$/m);
    expect(r.err).toMatch(/^chatport: verification failed: 2 problems in 1 input, 1 output listed by /);
  });

  it("finds inputs that moved with --input-root", async () => {
    const { dir, manifest } = await converted();
    renameSync(join(dir, "evidence"), join(dir, "moved"));
    expect((await runCapture(["verify", manifest])).code).toBe(7);
    const r = await runCapture(["verify", manifest, "--input-root", join(dir, "moved")]);
    expect(r.code, r.out).toBe(0);
  });

  it("keeps working when the whole folder moves (paths are relative)", async () => {
    const { dir } = await converted();
    const moved = dir + "-moved";
    renameSync(dir, moved);
    expect((await runCapture(["verify", join(moved, "out", "x.html.manifest.json")])).out).toBe("verified 1 input, 1 output\n");
  });

  it("refuses a missing or damaged manifest with one sentence", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatport-verify-"));
    const missing = await runCapture(["verify", join(dir, "nope.json")]);
    expect(missing.code).toBe(3);
    expect(missing.err).toMatch(/no such manifest/);
    writeFileSync(join(dir, "bad.json"), "{ not json");
    const bad = await runCapture(["verify", join(dir, "bad.json")]);
    expect(bad.code).toBe(5);
    expect(bad.err).toMatch(/is not valid JSON/);
    writeFileSync(join(dir, "other.json"), JSON.stringify({ hello: 1 }));
    expect((await runCapture(["verify", join(dir, "other.json")])).err).toMatch(/is not a chatport manifest of version 1\.x/);
  });

  it("documents exit code 7 in the help text and returns it from the real process", async () => {
    expect((await runCapture(["--help"])).out).toMatch(/7 verify found a missing or\s+changed file/);
    const { dir, manifest } = await converted();
    appendFileSync(join(dir, "out", "x.html"), " ");
    const cli = await bundledCli();
    const run = promisify(execFile);
    const err = await run(process.execPath, [cli, "verify", manifest]).then(() => undefined, (e: { code: number; stdout: string }) => e);
    expect(err?.code).toBe(7);
    expect(err?.stdout).toMatch(/^CHANGED {2}output x\.html/);
  });
});
