import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readAll } from "../src/index.js";
import { QQ_MHT_SAMPLES } from "./helpers/qq-mht-samples.js";

const ROOT = join(import.meta.dirname, "..", "samples", "qq-mht");
const UPDATE = process.env.UPDATE_SAMPLES === "1";

async function readOrNull(p: string): Promise<Buffer | null> {
  try {
    return await readFile(p);
  } catch {
    return null;
  }
}

describe("qq-mht samples", () => {
  for (const [name, sample] of Object.entries(QQ_MHT_SAMPLES)) {
    test(`${name}: committed input matches its builder, golden matches readAll`, async () => {
      const dir = join(ROOT, name);
      const inputPath = join(dir, "input.mht");
      if (UPDATE) {
        await mkdir(dir, { recursive: true });
        await writeFile(inputPath, sample.input);
        if (sample.options) await writeFile(join(dir, "options.json"), JSON.stringify(sample.options, null, 2) + "\n");
      }
      expect(Buffer.compare((await readOrNull(inputPath)) ?? Buffer.alloc(0), sample.input)).toBe(0);
      const options = sample.options ?? {};
      const archive = await readAll(inputPath, options as never);
      const json = JSON.stringify(archive, null, 2) + "\n";
      if (UPDATE) await writeFile(join(dir, "expected.json"), json);
      expect(json).toBe((await readOrNull(join(dir, "expected.json")))?.toString("utf8"));
    });
  }
});
