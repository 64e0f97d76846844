import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { REPO } from "../helpers/samples.js";
import { bundledCli } from "./cli-bundle.js";

const run = promisify(execFile);
// 02:30 in the spring gap is read with the offset before it (+01:00); the autumn repeat takes the earlier (+02:00).
const EXPECTED_UTC = ["2021-03-28T01:30:00Z", "2021-10-31T00:30:00Z"];

/** Host settings that must not change a byte of the output. */
const HOSTS = [
  { TZ: "UTC", LANG: "C" },
  { TZ: "Asia/Shanghai", LANG: "zh_CN.UTF-8" },
  { TZ: "America/New_York", LANG: "C" },
  { TZ: "America/New_York", LANG: "zh_CN.UTF-8" },
];

/** What each host converts: a DST-crossing sample with an assumed zone, and a floating one. */
const JOBS = [
  { input: "samples/qq-txt/dst-berlin/input.txt", to: "json", args: ["--tz", "Europe/Berlin"] },
  { input: "samples/qq-txt/dst-berlin/input.txt", to: "html", args: ["--tz", "Europe/Berlin", "--bates", "B-", "--split", "1"] },
  { input: "samples/qq-txt/group-basic/input.txt", to: "ndjson", args: [] },
  { input: "samples/qq-txt/group-basic/input.txt", to: "csv", args: [] },
  { input: "samples/qq-txt/group-basic/input.txt", to: "html", args: [] },
];

describe("same input and options give the same bytes under any TZ and LANG", () => {
  it("json, ndjson, csv, html and their manifests are byte-identical across hosts and folders", async () => {
    const cli = await bundledCli();
    const results: Record<string, Buffer>[] = [];
    for (const host of HOSTS) {
      // A fresh folder per host: absolute paths differ, the bytes must not.
      const dir = mkdtempSync(join(tmpdir(), "chatport-det-"));
      const files: Record<string, Buffer> = {};
      for (const [i, job] of JOBS.entries()) {
        const inDir = join(dir, `in${i}`);
        mkdirSync(inDir);
        copyFileSync(join(REPO, job.input), join(inDir, "input.txt"));
        const out = join(dir, "out", `job${i}.${job.to}`);
        await run(process.execPath, [cli, "convert", join(inDir, "input.txt"), "--to", job.to, "-o", out, "-q", ...job.args], {
          cwd: dir,
          env: { ...process.env, ...host, LC_ALL: host.LANG, SOURCE_DATE_EPOCH: "1700000000" },
        });
        files[`job${i}.${job.to}`] = readFileSync(out);
        files[`job${i}.${job.to}.manifest.json`] = readFileSync(out + ".manifest.json");
      }
      files["job1.vol002.html"] = readFileSync(join(dir, "out", "job1.vol002.html"));
      results.push(files);
    }
    const names = Object.keys(results[0]!);
    expect(names).toHaveLength(JOBS.length * 2 + 1);
    for (const [h, files] of results.entries())
      for (const name of names) expect(files[name]!.equals(results[0]![name]!), `${name} differs under ${JSON.stringify(HOSTS[h])}`).toBe(true);
    // The assumed-zone run really placed the DST-gap and DST-overlap times in the zone, in every host.
    const json = JSON.parse(results[0]!["job0.json"]!.toString("utf8"));
    expect(json.conversations[0].messages.map((m: { sentAt: { utc?: string } }) => m.sentAt.utc)).toEqual(EXPECTED_UTC);
    const manifest = JSON.parse(results[0]!["job0.json.manifest.json"]!.toString("utf8"));
    expect(manifest.generatedAt).toBe("2023-11-14T22:13:20Z");
    expect(manifest.tool.tz).toBe((process.versions as Record<string, string>).tz);
  }, 120_000);
});
