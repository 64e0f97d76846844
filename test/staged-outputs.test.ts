/**
 * StagedOutputs (src/io/staged-outputs.ts): outputs written under a temporary name and renamed into
 * place, except where renaming would be wrong: a link is written through, a device is written directly.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StagedOutputs } from "../src/io/staged-outputs.js";

const fresh = () => mkdtempSync(join(tmpdir(), "chatport-stage-"));

describe("StagedOutputs", () => {
  it("renames the temporary file into place on commit, replacing what was there", async () => {
    const dir = fresh();
    writeFileSync(join(dir, "a.csv"), "old");
    const s = new StagedOutputs();
    const temp = s.stage(join(dir, "a.csv"));
    expect(temp).toMatch(/a\.csv\.partial-\d+-\d+$/);
    expect(s.stage(join(dir, "a.csv"))).toBe(temp);
    writeFileSync(temp, "new");
    expect(readFileSync(join(dir, "a.csv"), "utf8")).toBe("old");
    await s.commit();
    expect(readdirSync(dir)).toEqual(["a.csv"]);
    expect(readFileSync(join(dir, "a.csv"), "utf8")).toBe("new");
  });

  it("the new file takes over the mode of the file it replaces (overwriting in place kept it)", async () => {
    const dir = fresh();
    const out = join(dir, "shared.csv");
    writeFileSync(out, "old");
    chmodSync(out, 0o640);
    const s = new StagedOutputs();
    writeFileSync(s.stage(out), "new", { mode: 0o600 });
    await s.commit();
    expect(readFileSync(out, "utf8")).toBe("new");
    expect(statSync(out).mode & 0o777).toBe(0o640);
    // A file that did not exist gets the umask's mode, as before.
    const other = join(dir, "new.csv");
    const t = new StagedOutputs();
    writeFileSync(t.stage(other), "x", { mode: 0o604 });
    await t.commit();
    expect(statSync(other).mode & 0o777).toBe(0o604);
  });

  it("discard removes the temporary files, or renames the ones asked to be kept", async () => {
    const dir = fresh();
    const s = new StagedOutputs();
    writeFileSync(s.stage(join(dir, "kept.html")), "incomplete, and says so");
    writeFileSync(s.stage(join(dir, "gone.csv")), "half");
    s.stage(join(dir, "never-opened.csv"));
    await s.discard((p) => p.endsWith(".html"));
    expect(readdirSync(dir)).toEqual(["kept.html"]);
  });

  it.skipIf(process.platform === "win32")("writes through a link: the file it leads to is replaced, the link kept", async () => {
    const dir = fresh();
    mkdirSync(join(dir, "real"));
    writeFileSync(join(dir, "real", "x.csv"), "old");
    symlinkSync(join(dir, "real", "x.csv"), join(dir, "out.csv"));
    symlinkSync(join(dir, "real", "not-yet.csv"), join(dir, "dangling.csv"));
    const s = new StagedOutputs();
    writeFileSync(s.stage(join(dir, "out.csv")), "new");
    writeFileSync(s.stage(join(dir, "dangling.csv")), "made");
    expect(readdirSync(join(dir, "real")).filter((n) => n.includes(".partial-"))).toHaveLength(2);
    await s.commit();
    expect(lstatSync(join(dir, "out.csv")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "real", "x.csv"), "utf8")).toBe("new");
    expect(readFileSync(join(dir, "real", "not-yet.csv"), "utf8")).toBe("made");
    expect(readdirSync(join(dir, "real")).sort()).toEqual(["not-yet.csv", "x.csv"]);
  });

  it.skipIf(!existsSync("/dev/null"))("a device is written directly, never replaced", async () => {
    const s = new StagedOutputs();
    expect(s.stage("/dev/null")).toBe("/dev/null");
    await s.commit();
    expect(lstatSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it.skipIf(process.platform === "win32" || process.getuid?.() === 0)("a read-only file is refused at once, not replaced", () => {
    const dir = fresh();
    writeFileSync(join(dir, "kept.csv"), "protected");
    chmodSync(join(dir, "kept.csv"), 0o444);
    expect(() => new StagedOutputs().stage(join(dir, "kept.csv"))).toThrow(/^Cannot write .*kept\.csv: permission denied/);
    expect(readdirSync(dir)).toEqual(["kept.csv"]);
  });

  it("a final name near the 255-byte limit gets a short temporary name", async () => {
    const dir = fresh();
    const long = "聊".repeat(80) + ".html"; // 245 bytes: fine, but not with .partial-<pid>-<n> after it
    const s = new StagedOutputs();
    const temp = s.stage(join(dir, long));
    expect(temp).toMatch(/[\\/]\.chatport\.partial-\d+-\d+$/);
    writeFileSync(temp, "x");
    await s.commit();
    expect(readdirSync(dir)).toEqual([long]);
  });

  it("a folder given as the file is refused before anything is written", () => {
    const dir = fresh();
    expect(() => new StagedOutputs().stage(dir)).toThrow(`Cannot write ${dir}: it is a folder; give a file name (in that folder or elsewhere) with -o (EISDIR).`);
    expect(readdirSync(join(dir, ".."))).not.toContain(expect.stringMatching(/\.partial-/));
  });
});
