/**
 * `chatport verify` on tampered manifests: it must not read outside the folders the manifest names
 * without saying so, never hang on a device or pipe, and answer a wrong manifest in one sentence.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCapture } from "../helpers/cli.js";
import { REPO } from "../helpers/samples.js";

const SAMPLE = join(REPO, "samples/qq-txt/group-basic/input.txt");

async function converted() {
  const dir = mkdtempSync(join(tmpdir(), "chatport-verify-hostile-"));
  const r = await runCapture(["convert", SAMPLE, "--to", "csv", "-o", join(dir, "x.csv"), "-q"], {}, dir);
  expect(r.code, r.err).toBe(0);
  const manifest = JSON.parse(readFileSync(join(dir, "x.csv.manifest.json"), "utf8"));
  /** Writes the manifest with its first output's path replaced; returns its path. */
  const tampered = (path: string) => {
    const m = structuredClone(manifest);
    m.outputs[0].path = path;
    writeFileSync(join(dir, "t.json"), JSON.stringify(m));
    return join(dir, "t.json");
  };
  return { dir, tampered };
}

describe("verify refuses paths that leave their folder, and says why", () => {
  it("refuses a climbing or absolute path (not 'no folder recorded', not 'missing')", async () => {
    const { tampered } = await converted();
    let r = await runCapture(["verify", tampered("../../../../etc/passwd")]);
    expect(r.code).toBe(7);
    expect(r.out).toMatch(/^REFUSED {2}output \.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd: it climbs out of the manifest's folder; not read/m);
    r = await runCapture(["verify", tampered("/etc/passwd")]);
    expect(r.out).toMatch(/^REFUSED {2}output \/etc\/passwd: an absolute path/m);
  });

  it("says so when a link inside the folder leads out of it", async () => {
    const { dir, tampered } = await converted();
    symlinkSync(SAMPLE, join(dir, "link.csv"));
    const r = await runCapture(["verify", tampered("link.csv")]);
    expect(r.out).toMatch(/^NOTE {5}output link\.csv is a symbolic link to .*input\.txt, outside the manifest's folder; hashed there$/m);
    expect(r.out).toMatch(/^CHANGED {2}output link\.csv/m);
  });

  it("refuses a pipe or a device instead of blocking on it", async () => {
    const { dir, tampered } = await converted();
    execFileSync("mkfifo", [join(dir, "fifo")]);
    symlinkSync("/dev/zero", join(dir, "zero.csv"));
    let r = await runCapture(["verify", tampered("fifo")]);
    expect(r.out).toMatch(/^REFUSED {2}output fifo: not a regular file/m);
    r = await runCapture(["verify", tampered("zero.csv")]);
    expect(r.out).toMatch(/^REFUSED {2}output zero\.csv: not a regular file/m);
    r = await runCapture(["verify", tampered(".")]);
    expect(r.out).toMatch(/^REFUSED {2}output \.: a folder, not a file/m);
  }, 20_000);

  it("writes control characters of a path as \\xHH, not to the terminal", async () => {
    const { tampered } = await converted();
    const r = await runCapture(["verify", tampered("a\u001b[31mred")]);
    expect(r.out).toContain("MISSING  output a\\x1b[31mred");
    expect(r.out).not.toContain("\u001b");
  });
});

describe("verify answers a wrong manifest or root in one sentence", () => {
  it("a manifest that is JSON null (was exit 70)", async () => {
    const { dir } = await converted();
    writeFileSync(join(dir, "n.json"), "null");
    const r = await runCapture(["verify", join(dir, "n.json")]);
    expect(r.code).toBe(5);
    expect(r.err).toMatch(/is not a chatport manifest of version 1\.x/);
  });

  it("a manifest saved with a byte-order mark by an editor", async () => {
    const { dir } = await converted();
    const text = readFileSync(join(dir, "x.csv.manifest.json"), "utf8");
    writeFileSync(join(dir, "bom.json"), "\uFEFF" + text);
    const r = await runCapture(["verify", join(dir, "bom.json")]);
    expect(r.code, r.out + r.err).toBe(0);
  });

  it("an --input-root that is no folder", async () => {
    const { dir } = await converted();
    const r = await runCapture(["verify", join(dir, "x.csv.manifest.json"), "--input-root", join(dir, "nowhere")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--input-root ".*nowhere" is not a folder/);
  });
});
