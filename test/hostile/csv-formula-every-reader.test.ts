/**
 * CSV formula vectors in every reader's sender names and conversation titles: for each reader, one
 * sample is rewritten so that every participant name and title found in it starts with a formula
 * trigger ("=1+1 ", "@SUM(1) ", "+1 ", "-1 ", "＝1 "), then converted to CSV. No cell of a
 * source-derived column may start with a trigger (the neutralising rule prefixes an apostrophe), and
 * the vectors must really reach the sender_name / conversation_title cells (no vacuous pass).
 */
import { isUtf8 } from "node:buffer";
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { FORMULA_TRIGGER } from "../../formats/csv/cells.js";
import { COLUMNS } from "../../formats/csv/columns.js";
import { builtinRegistry } from "../../src/builtin.js";
import { convert, readAll } from "../../src/pipeline/index.js";
import { discoverSamples, materialise, type SampleCase } from "../helpers/samples.js";

const VECTORS = ["=1+1 ", "@SUM(1) ", "+1 ", "-1 ", "＝1 "];
const TEXT = /\.(txt|json|ndjson|jsonl|csv|sql|mht|html|md)$/i;

function files(p: string): string[] {
  return statSync(p).isDirectory() ? readdirSync(p).flatMap((f) => files(join(p, f))) : [p];
}

const opts = (c: SampleCase) => ({ ...(c.options.tz ? { tz: c.options.tz } : { tz: "UTC" }), ...(c.options.readerOptions ? { readerOptions: c.options.readerOptions } : {}) });

/** The first sample of a reader whose text files are UTF-8 and that has named participants. */
function sampleOf(id: string): SampleCase | undefined {
  return discoverSamples().find((c) => c.format === id && !c.options.expectError && files(c.input).filter((f) => TEXT.test(f)).every((f) => isUtf8(readFileSync(f))));
}

describe.each(builtinRegistry.readers().map((r) => [r.id] as const))("reader %s: formula vectors in names and titles", (id) => {
  it("are neutralised in every CSV cell", async () => {
    const c = sampleOf(id);
    expect(c, `no UTF-8 sample for ${id}`).toBeDefined();
    const original = await readAll(materialise(c!), builtinRegistry, { from: id, ...opts(c!) });
    const names = [...new Set([...original.participants.map((p) => p.displayName), ...original.conversations.map((cv) => cv.title)])]
      .filter((n) => n.trim().length >= 2)
      .sort((a, b) => b.length - a.length);
    // Rewrite a copy of the case: every name that occurs literally in a text file gets a vector in front.
    const dir = mkdtempSync(join(tmpdir(), "chatport-formula-"));
    cpSync(c!.dir, dir, { recursive: true });
    const copy: SampleCase = { ...c!, dir, input: join(dir, c!.input.slice(c!.dir.length + 1)) };
    for (const f of files(copy.input).filter((p) => TEXT.test(p))) {
      const rewrite = (text: string): string => {
        names.forEach((n, i) => {
          const jsonForm = JSON.stringify(n).slice(1, -1);
          for (const form of new Set([n, jsonForm])) if (form && text.includes(form)) text = text.split(form).join(VECTORS[i % VECTORS.length]! + form);
        });
        return text;
      };
      const text = readFileSync(f, "utf8");
      // In SQL fixtures only string literals change (names can also be identifiers there).
      writeFileSync(f, f.endsWith(".sql") ? text.replace(/'(?:[^']|'')*'/g, rewrite) : rewrite(text));
    }
    const out = mkdtempSync(join(tmpdir(), "chatport-formula-out-"));
    const output = join(out, "x.csv");
    await convert(materialise(copy), builtinRegistry, { to: "csv", output, from: id, ...opts(c!) });
    const rows = Papa.parse<string[]>(readFileSync(output, "utf8").replace(/^\uFEFF/, ""), { delimiter: ",", newline: "\r\n", skipEmptyLines: true }).data;
    const header = rows[0]!;
    const source = COLUMNS.filter((col) => col.fromSource).map((col) => header.indexOf(col.name));
    let reached = 0;
    for (const row of rows.slice(1))
      for (const i of source) {
        const cell = row[i] ?? "";
        expect(FORMULA_TRIGGER.test(cell), `live formula in ${header[i]}: ${JSON.stringify(cell)}`).toBe(false);
        if ((header[i] === "sender_name" || header[i] === "conversation_title") && VECTORS.some((v) => cell.startsWith("'" + v))) reached++;
      }
    // wechat-ios keeps names only inside protobuf blobs (X'…' literals with length prefixes): the
    // rewrite cannot reach them, so only the no-live-formula invariant is checked there.
    if (id !== "wechat-ios") expect(reached, `no vector reached a sender_name/conversation_title cell of ${id} (names: ${names.slice(0, 5).join(", ")})`).toBeGreaterThan(0);
  });
});
