/**
 * Inputs are never modified: for every reader, on each of its samples, converting (to html, which also
 * extracts embedded media, and to json) leaves every input file byte-identical with the same mtime,
 * and adds or removes no file beside it (no SQLite -wal/-shm/-journal, no temp files in the input).
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { convert } from "../../src/pipeline/convert.js";
import { discoverSamples, materialise } from "../helpers/samples.js";

function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (p: string): void => {
    const st = statSync(p);
    if (st.isDirectory()) for (const f of readdirSync(p).sort()) walk(join(p, f));
    else out[relative(root, p) || "."] = `${createHash("sha256").update(readFileSync(p)).digest("hex")} ${st.mtimeMs} ${st.size}`;
  };
  walk(root);
  return out;
}

const cases = discoverSamples().filter((c) => builtinRegistry.readers().some((r) => r.id === c.format));

describe.each(builtinRegistry.readers().map((r) => [r.id] as const))("reader %s leaves its inputs untouched", (id) => {
  const mine = cases.filter((c) => c.format === id);
  it.each(mine.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const input = materialise(c);
    // The folder around the input: the sample case folder (or the scratch folder of a built database).
    const around = dirname(input);
    const before = snapshot(around);
    const out = mkdtempSync(join(tmpdir(), "chatport-untouched-"));
    const opts = { ...(c.options.tz ? { tz: c.options.tz } : {}), ...(c.options.readerOptions ? { readerOptions: c.options.readerOptions } : {}) };
    for (const to of ["json", "html"]) {
      await convert(input, builtinRegistry, { to, output: join(out, `out.${to}`), from: id, ...opts }).catch((e: unknown) => {
        if (!c.options.expectError) throw e;
      });
    }
    expect(snapshot(around)).toStrictEqual(before);
  });
});
