/**
 * Outputs that cannot be written: a full disk (a stream failing with ENOSPC), a folder given as the output file, a path through a
 * file, a folder the system will not create. Each ends in one clear sentence and exit 6 (output
 * failed), never an "internal error", a stack trace or a hang.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { ensureDir, outputError } from "../../src/io/output-errors.js";
import { streamSink } from "../../src/io/sink.js";
import { convert } from "../../src/pipeline/convert.js";
import { runCapture } from "../helpers/cli.js";
import { REPO } from "../helpers/samples.js";

const SAMPLE = join(REPO, "samples/qq-txt/group-basic/input.txt");
const toCsv = (output: string) => convert(SAMPLE, builtinRegistry, { to: "csv", output, tz: "Asia/Shanghai", manifest: false });
const errno = (code: string) => Object.assign(new Error(`${code}: system words`), { code });

describe("outputs that cannot be written", () => {
  it("a folder given as the output file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatport-outerr-"));
    await expect(toCsv(dir)).rejects.toMatchObject({ kind: "output-failed", message: `Cannot write ${dir}: it is a folder; give a file name (in that folder or elsewhere) with -o (EISDIR).` });
  });

  it("a path that runs through a file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatport-outerr-"));
    writeFileSync(join(dir, "plain"), "x");
    await expect(toCsv(join(dir, "plain", "sub", "out.csv"))).rejects.toMatchObject({
      kind: "output-failed",
      message: expect.stringMatching(/^Cannot create the output folder .*plain[\\/]sub: .*plain is a file, not a folder; check the path given with -o\.$/),
    });
  });

  it("missing folders are made, one level at a time", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatport-outerr-"));
    await toCsv(join(dir, "a", "b", "c", "out.csv"));
    expect(existsSync(join(dir, "a", "b", "c", "out.csv"))).toBe(true);
    await ensureDir(join(dir, "a", "b")); // existing: nothing to do
  });

  it.skipIf(!existsSync("/proc/self"))("a folder the system refuses (/proc) fails instead of hanging", async () => {
    // fs.mkdir(…, { recursive: true }) never settles here on Node 20.
    await expect(ensureDir("/proc/chatport-test/x")).rejects.toMatchObject({ kind: "output-failed", message: expect.stringMatching(/^Cannot create the output folder \/proc\/chatport-test: ENOENT/) });
  });

  it("through the CLI: one line, exit 6", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatport-outerr-"));
    const r = await runCapture(["convert", SAMPLE, "--to", "csv", "-o", dir, "--tz", "Asia/Shanghai", "--no-manifest"]);
    expect(r.code).toBe(6);
    expect(r.err).toBe(`chatport: Cannot write ${dir}: it is a folder; give a file name (in that folder or elsewhere) with -o (EISDIR).\n`);
  });

  it("a stream that fails mid-way: later writes and the close reject with the described error, no hang", async () => {
    let accepted = 0;
    const failing = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _enc, cb) {
        if ((accepted += chunk.length) > 300_000) cb(errno("ENOSPC"));
        else cb();
      },
    });
    const sink = streamSink("out.bin", failing, true, (e) => outputError("out.bin", e));
    const described = { kind: "output-failed", message: "Cannot write out.bin: the disk is full; free some space or write the output to another disk with -o (ENOSPC)." };
    const run = async () => {
      for (let i = 0; i < 100; i++) await sink.write(Buffer.alloc(100_000));
    };
    await expect(run()).rejects.toMatchObject(described);
    await expect(sink.close()).rejects.toMatchObject(described);
  });

  it("each errno has its own advice; unknown ones keep the system's words", () => {
    expect(outputError("o.html", errno("EFBIG")).message).toMatch(/cannot hold a file this large \(FAT32 stops at 4 GiB\).*--split \(EFBIG\)\.$/);
    expect(outputError("o.html", errno("EACCES")).message).toBe("Cannot write o.html: permission denied; choose a folder you can write to with -o (EACCES).");
    expect(outputError("o.html", errno("EROFS")).message).toMatch(/read-only/);
    // Outputs are renamed into place at the end: a file held open elsewhere fails there.
    expect(outputError("o.csv", errno("EBUSY")).message).toBe("Cannot write o.csv: the file is in use by another program (open in Excel or a viewer?); close it and run again, or write elsewhere with -o (EBUSY).");
    expect(outputError("o.csv", errno("EPERM")).message).toMatch(/may be open in another program, such as Excel/);
    expect(outputError("o.html", errno("EWEIRD"))).toMatchObject({ kind: "output-failed", message: "Cannot write o.html: EWEIRD: system words." });
  });
});

describe("an output folder that exists is used as it is", () => {
  it("writes into it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatport-outerr-"));
    mkdirSync(join(dir, "x"));
    await toCsv(join(dir, "x", "out.csv"));
    expect(existsSync(join(dir, "x", "out.csv"))).toBe(true);
  });
});
