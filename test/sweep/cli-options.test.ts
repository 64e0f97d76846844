/** Odd --tz spellings and repeated options (each was accepted without a word before). */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { parseCli } from "../../src/cli/args.js";
import { readAll } from "../../src/pipeline/read-all.js";
import { checkZone, zoneName } from "../../src/time/zone.js";
import { REPO } from "../helpers/samples.js";

const SAMPLE = join(REPO, "samples/qq-txt/group-basic/input.txt");

describe("--tz", () => {
  it("records a zone typed in the wrong case with its IANA spelling", async () => {
    expect(zoneName("asia/shanghai")).toBe("Asia/Shanghai");
    expect(zoneName("utc")).toBe("UTC");
    expect(zoneName("etc/gmt-14")).toBe("Etc/GMT-14");
    expect(zoneName("Asia/Shanghai")).toBe("Asia/Shanghai");
    expect(zoneName("US/Eastern")).toBe("US/Eastern"); // an alias is kept as given
    const a = await readAll(SAMPLE, builtinRegistry, { tz: "asia/shanghai" });
    expect(new Set(a.conversations[0]!.messages.map((m) => m.sentAt.zone))).toEqual(new Set(["Asia/Shanghai"]));
  });

  it("explains how to write a fixed offset", () => {
    expect(() => checkZone("+08:00")).toThrow(/write Etc\/GMT-8 for UTC\+08:00 \(the sign is reversed/);
    expect(() => checkZone("GMT-3")).toThrow(/write Etc\/GMT\+3 for UTC-03:00/);
    expect(() => checkZone("+05:30")).toThrow(/A fixed offset is not a zone/);
    expect(() => checkZone("Mars/Olympus")).toThrow(/^Unknown time zone "Mars\/Olympus": give an IANA zone name such as Asia\/Shanghai or Europe\/Berlin\.$/);
  });
});

describe("repeated options", () => {
  it("refuses a value option given twice with different values", () => {
    expect(() => parseCli(["convert", "x", "--tz", "Asia/Shanghai", "--tz", "Europe/Berlin"])).toThrow(/--tz was given twice \("Asia\/Shanghai" and "Europe\/Berlin"\); give it once\./);
    expect(() => parseCli(["convert", "x", "--to", "json", "-t", "csv"])).toThrow(/--to was given twice/);
  });

  it("lets the same value or a repeated flag pass", () => {
    expect(parseCli(["convert", "x", "--to", "json", "--to", "json", "-q", "-q"]).values).toMatchObject({ to: "json", quiet: true });
  });
});
