/**
 * readCsvRecords on random CSV-like text (quotes, delimiters, LF and CRLF in any order): every physical
 * line lands in exactly one record, in order, and each record's raw text is its lines as in the input —
 * whatever the chunking and however small the open-record limit (stray quotes cut at their first line).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCsvRecords } from "../src/io/csv-records.js";
import { memorySource } from "../src/io/source.js";
import type { ReadContext } from "../src/plugin/types.js";

const ctx = { report() {} } as unknown as ReadContext;
const piece = fc.constantFrom("a", "b", "好", ",", '"', '""', "\n", "\r\n", " ", "x,y");

async function records(text: string, step: number, maxRecordChars: number | undefined) {
  const bytes = new TextEncoder().encode(text);
  const src = { ...memorySource("t.csv", text), async *stream() { for (let i = 0; i < bytes.length; i += step) yield bytes.subarray(i, i + step); } };
  const out = [];
  for await (const r of readCsvRecords(src, ctx, maxRecordChars === undefined ? {} : { maxRecordChars })) out.push(r);
  return out;
}

describe("readCsvRecords (property)", () => {
  it("covers every line once, in order, with its raw text", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 80 }), fc.integer({ min: 1, max: 40 }), fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }), async (pieces, step, max) => {
        const text = "h1,h2\n" + pieces.join("");
        const recs = await records(text, step, max);
        const lines = text.split("\n");
        if (text.endsWith("\n")) lines.pop();
        let next = 1;
        for (const r of recs) {
          expect(r.line).toBe(next);
          expect(r.endLine).toBeGreaterThanOrEqual(r.line);
          const own = lines.slice(r.line - 1, r.endLine).join("\n");
          expect(r.raw).toBe(own.endsWith("\r") ? own.slice(0, -1) : own);
          next = r.endLine + 1;
        }
        expect(next - 1).toBe(lines.length);
      }),
      { numRuns: 400, seed: 1121 },
    );
  });
});
