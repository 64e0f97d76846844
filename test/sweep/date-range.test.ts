/**
 * --since/--until: values are checked (a wrong one was compared as text and silently kept or dropped
 * everything), a bound with an offset is an instant, and what the range did is reported.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { readAll } from "../../src/pipeline/read-all.js";
import { REPO } from "../helpers/samples.js";

// Eight messages, 2021-03-06 09:02:11 … 10:30, wall clock without a zone.
const SAMPLE = join(REPO, "samples/qq-txt/group-basic/input.txt");

async function raws(opts: { since?: string; until?: string; tz?: string }, diagnostics = new DiagnosticCollector()): Promise<string[]> {
  const a = await readAll(SAMPLE, builtinRegistry, { ...opts, diagnostics });
  return a.conversations.flatMap((c) => c.messages.map((m) => m.sentAt.raw));
}

describe("--since/--until values", () => {
  it.each(["garbage", "2021", "", "10000-01-01", "2021-13-01", "2021-02-30", "2021-03-06T24:00", "2021-03-06T23:59:60", "2021-03-06+08:00", "2021-03-06T09:00+15:00"])(
    "refuses %j with a usage error naming the flag",
    async (v) => {
      await expect(raws({ since: v })).rejects.toMatchObject({ kind: "usage", message: expect.stringContaining(`--since "${v}"`) });
    },
  );

  it("refuses a reversed range", async () => {
    await expect(raws({ since: "2021-03-07", until: "2021-03-01" })).rejects.toMatchObject({ kind: "usage", message: expect.stringMatching(/is after --until/) });
  });

  it("takes a space for the T, as people type it", async () => {
    expect(await raws({ since: "2021-03-06 09:03" })).toEqual(await raws({ since: "2021-03-06T09:03" }));
    expect(await raws({ since: "2021-03-06 09:03" })).toHaveLength(6);
  });

  it("keeps a whole day for a date-only --until, and the one day of since = until", async () => {
    expect(await raws({ since: "2021-03-06", until: "2021-03-06" })).toHaveLength(8);
    expect(await raws({ until: "2021-03-05" })).toHaveLength(0);
  });
});

describe("bounds with an offset are instants", () => {
  it("compares them with the instant of messages placed by --tz", async () => {
    // 09:03:00+08:00 = 01:03:00Z; in Asia/Shanghai the first two messages (09:02:xx) are before it.
    const kept = await raws({ since: "2021-03-06T09:03:00+08:00", tz: "Asia/Shanghai" });
    expect(kept).toHaveLength(6);
    expect(kept[0]).toBe("2021-03-06 9:03:05");
    expect(await raws({ since: "2021-03-06T01:03:00Z", tz: "Asia/Shanghai" })).toEqual(kept);
  });

  it("keeps floating wall clocks it cannot place, and says so", async () => {
    const d = new DiagnosticCollector();
    // 23:59:59 is after 01:03Z at any offset; the seven others may lie on either side.
    expect(await raws({ since: "2021-03-06T09:03:00+08:00" }, d)).toHaveLength(8);
    const note = d.list().find((x) => x.code === "date-range");
    expect(note?.message).toMatch(/8 message\(s\) kept, 0 left out as outside the range; 7 kept because their time cannot be placed/);
    // Days away from the bound, every offset agrees: left out.
    expect(await raws({ since: "2021-03-08T00:00Z" })).toHaveLength(0);
  });
});

describe("the range is reported", () => {
  it("names the bounds and the counts", async () => {
    const d = new DiagnosticCollector();
    await raws({ since: "2021-03-06T10:00", until: "2021-03-06T10:16:42" }, d);
    const note = d.list().find((x) => x.code === "date-range");
    expect(note?.severity).toBe("info");
    expect(note?.message).toMatch(/^--since 2021-03-06T10:00 --until 2021-03-06T10:16:42: 2 message\(s\) kept, 6 left out as outside the range\./);
  });
});

describe("messages with no usable time", () => {
  it("are kept and counted, with the first one named", async () => {
    const { DateRange } = await import("../../src/pipeline/date-range.js");
    const r = new DateRange("2021-01-01");
    const m = { sentAt: { raw: "??", basis: "floating", precision: "second" }, provenance: { file: "x.txt", at: { line: 7 } } };
    expect(r.test(m as never)).toBe("undated");
    expect(r.summary()).toMatch(/1 message\(s\) kept, 0 left out as outside the range; 1 kept because they have no usable time \(the first x\.txt line 7, time "\?\?"\)/);
  });
});
