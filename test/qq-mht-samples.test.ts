import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { QQ_MHT_SAMPLES } from "./helpers/qq-mht-samples.js";

// The goldens (expected.json) are checked by test/golden.test.ts; this only pins each committed
// input.mht / options.json to the builder that documents its quirks (UPDATE_SAMPLES=1 rewrites them,
// then run `npm run test:accept` and review the golden diff).
const ROOT = join(import.meta.dirname, "..", "samples", "qq-mht");
const UPDATE = process.env.UPDATE_SAMPLES === "1";

async function readOrEmpty(p: string): Promise<Buffer> {
  try {
    return await readFile(p);
  } catch {
    return Buffer.alloc(0);
  }
}

describe("qq-mht sample inputs match their builders", () => {
  for (const [name, sample] of Object.entries(QQ_MHT_SAMPLES)) {
    test(name, async () => {
      const dir = join(ROOT, name);
      const options = sample.options ? JSON.stringify(sample.options, null, 2) + "\n" : "";
      if (UPDATE) {
        await mkdir(dir, { recursive: true });
        await writeFile(join(dir, "input.mht"), sample.input);
        if (options) await writeFile(join(dir, "options.json"), options);
      }
      expect(Buffer.compare(await readOrEmpty(join(dir, "input.mht")), sample.input)).toBe(0);
      expect((await readOrEmpty(join(dir, "options.json"))).toString("utf8")).toBe(options);
    });
  }
});
