/** An output name of 241-255 bytes is valid, but its temporary name (+ ".partial-<pid>-<n>") was not. */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runCapture } from "../helpers/cli.js";
import { REPO } from "../helpers/samples.js";

it("writes an output whose name is 250 bytes long", async () => {
  const dir = mkdtempSync(join(tmpdir(), "chatport-long-name-"));
  const out = join(dir, "n".repeat(246) + ".csv");
  const r = await runCapture(["convert", join(REPO, "samples/qq-txt/group-basic/input.txt"), "--to", "csv", "-o", out, "--no-manifest", "-q"]);
  expect(r.code, r.err).toBe(0);
  expect(existsSync(out)).toBe(true);
  expect(readFileSync(out, "utf8")).toContain("conversation_id");
});
