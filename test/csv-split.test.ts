/**
 * `--split N` for csv: every N message rows start a new part beside the output (`chat.vol002.csv`, …),
 * each with the BOM and the header, so that an export longer than a spreadsheet's sheet opens whole,
 * part by part. The parts together hold exactly the rows of the unsplit file; the manifest hashes them all.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { memorySink } from "../src/io/index.js";
import { convert } from "../src/pipeline/index.js";
import { runCapture } from "./helpers/cli.js";
import { REPO } from "./helpers/samples.js";

const SAMPLE = join(REPO, "samples/qq-txt/group-basic/input.txt"); // 8 messages
const tmp = () => mkdtempSync(join(tmpdir(), "chatport-csv-split-"));
const lines = (b: Buffer) => b.toString("utf8").replace(/^\uFEFF/, "").split("\r\n").filter((l) => l !== "");

describe("csv --split", () => {
  it("writes parts of at most N rows, each with the header, that add up to the unsplit file", async () => {
    const dir = tmp();
    const whole = await runCapture(["convert", SAMPLE, "--to", "csv", "--tz", "Asia/Shanghai", "-o", join(dir, "whole.csv"), "-q"]);
    expect(whole.code, whole.err).toBe(0);
    const r = await runCapture(["convert", SAMPLE, "--to", "csv", "--tz", "Asia/Shanghai", "--split", "3", "-o", join(dir, "out", "chat.csv"), "-q"]);
    expect(r.code, r.err).toBe(0);
    const names = readdirSync(join(dir, "out")).filter((n) => !n.endsWith(".manifest.json")).sort();
    expect(names).toEqual(["chat.csv", "chat.vol002.csv", "chat.vol003.csv"]);
    const parts = names.map((n) => readFileSync(join(dir, "out", n)));
    const [head, ...rows] = lines(readFileSync(join(dir, "whole.csv")));
    for (const p of parts) {
      expect(p.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(lines(p)[0]).toBe(head);
    }
    expect(parts.map((p) => lines(p).length - 1)).toEqual([3, 3, 2]);
    expect(parts.flatMap((p) => lines(p).slice(1))).toEqual(rows);
    const manifest = JSON.parse(readFileSync(join(dir, "out", "chat.csv.manifest.json"), "utf8"));
    expect(manifest.outputs.map((o: { path: string; role: string }) => `${o.role} ${o.path}`)).toEqual(["main chat.csv", "sibling chat.vol002.csv", "sibling chat.vol003.csv"]);
    for (const [i, o] of (manifest.outputs as { sha256: string }[]).entries()) expect(o.sha256).toBe(createHash("sha256").update(parts[i]!).digest("hex"));
    expect(manifest.options.split).toBe("3");
  });

  it("writes one file when the rows fit in one part, and at exactly N rows", async () => {
    for (const split of ["8", "100"]) {
      const dir = tmp();
      const r = await runCapture(["convert", SAMPLE, "--to", "csv", "--split", split, "-o", join(dir, "chat.csv"), "-q"]);
      expect(r.code, r.err).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(["chat.csv", "chat.csv.manifest.json"]);
    }
  });

  it("reports lossy-output and writes one CSV when there is no file to put parts beside", async () => {
    const sink = memorySink("x.csv");
    const r = await convert(SAMPLE, builtinRegistry, { to: "csv", output: sink, writerOptions: { split: 2 } });
    expect(lines(Buffer.from(sink.text())).length).toBe(1 + r.messages);
    expect(r.diagnostics.find((d) => d.code === "lossy-output")?.message).toMatch(/--split needs a file output/);
  });

  it("is refused for writers that do not split", async () => {
    const r = await runCapture(["convert", SAMPLE, "--to", "json", "--split", "2", "-o", join(tmp(), "x.json")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--split applies to --to html, pdf or csv, not --to json/);
  });
});
