/** Evidence outputs of the real 2017 QQ group export; facts from corpus/SOURCES.md. */
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { verifyManifest } from "../../src/evidence/verify.js";
import { convert } from "../../src/pipeline/convert.js";
import { CORPUS } from "../helpers/samples.js";

const FILE = join(CORPUS, "qq-txt", "group-2017-headerless.txt");

describe.runIf(existsSync(FILE))("evidence HTML and manifest of corpus qq-txt/group-2017-headerless.txt", () => {
  it("states the real hash, count and date range, in volumes, and verifies", async () => {
    const before = statSync(FILE).mtimeMs;
    const dir = mkdtempSync(join(tmpdir(), "chatport-corpus-evidence-"));
    const r = await convert(FILE, builtinRegistry, { to: "html", output: join(dir, "g.html"), writerOptions: { split: 2000, bates: "QQ-" } });
    expect(r.outputs.map((p) => p.slice(dir.length + 1))).toEqual(["g.html", "g.vol002.html", "g.vol003.html"]);
    const m = JSON.parse(readFileSync(r.manifest!, "utf8"));
    expect(m.inputs).toEqual([
      {
        path: "group-2017-headerless.txt", role: "input", bytes: 351712,
        sha256: "764b8e16af94b9a2934e6b9f1e8171447c4935cadc2cde7328c6ee79741b1a11",
        afterRead: { bytes: 351712, sha256: "764b8e16af94b9a2934e6b9f1e8171447c4935cadc2cde7328c6ee79741b1a11" },
        unchanged: true,
      },
    ]);
    expect(m.totals).toMatchObject({ messages: 5053, firstWall: "2017-01-01T08:36:52", lastWall: "2017-01-12T17:20:10", firstInstant: null });
    const v1 = readFileSync(r.outputs[0]!, "utf8");
    expect(v1).toContain("764b8e16af94b9a2934e6b9f1e8171447c4935cadc2cde7328c6ee79741b1a11");
    expect(v1).toContain("Volume 1 of 3 — messages 1–2000 of 5053");
    expect(v1).toContain("2017-01-01 08:36:52 — 2017-01-12 17:20:10 (wall clock, zone unknown)");
    const v3 = readFileSync(r.outputs[2]!, "utf8");
    expect(v3).toContain('<div class="no">#5053</div>');
    expect(v3).toContain("End of export: 5053 messages rendered");
    expect((await verifyManifest(r.manifest!)).issues).toEqual([]);
    expect(statSync(FILE).mtimeMs).toBe(before);
  });
});
