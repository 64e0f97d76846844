/**
 * A CSV field longer than an Excel cell holds (32,767 characters) is written whole and reported once
 * (`spreadsheet-limit`), naming the column and the first messages: Excel cuts such a field without
 * a word, and an auditor reading the CSV there would not know.
 */
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { memorySink, memorySource } from "../src/io/index.js";
import { convert } from "../src/pipeline/index.js";
import { EXCEL_CELL_CHARS, EXCEL_ROWS, ExcelLimits } from "../formats/csv/excel-limits.js";
import type { Conversation, Message } from "../src/model/index.js";
import type { WriteContext } from "../src/plugin/types.js";
import { qqTxt } from "./helpers/qq-txt-build.js";

async function toCsv(bodies: string[], title = "群") {
  const input = qqTxt(title, bodies.map((body, i) => ({ time: `2017-01-01 9:00:${String(i).padStart(2, "0")}`, sender: `甲(1000${i})`, body })));
  const sink = memorySink("x.csv");
  const r = await convert(memorySource("x.txt", input), builtinRegistry, { to: "csv", output: sink, tz: "Asia/Shanghai" });
  return { csv: sink.text(), found: r.diagnostics.filter((d) => d.code === "spreadsheet-limit") };
}

describe("spreadsheet-limit", () => {
  it("reports texts over the limit once, with the column and message ids, and writes them whole", async () => {
    const long = "长".repeat(EXCEL_CELL_CHARS + 1);
    const { csv, found } = await toCsv(["short", long, "x".repeat(40_000)]);
    expect(csv).toContain(long);
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe("info");
    expect(found[0]!.message).toMatch(/^2 row\(s\) have a text field longer than the 32,767 characters an Excel cell holds \(message qq-txt:\w+, qq-txt:\w+\)/);
  });

  it("says nothing at the limit, nor for a long row of shorter fields", async () => {
    const { found } = await toCsv(["a".repeat(EXCEL_CELL_CHARS), "b".repeat(EXCEL_CELL_CHARS - 2) + "\n" + "c"], "题".repeat(20_000));
    expect(found).toEqual([]);
  });

  it("counts the ' that neutralises a formula", async () => {
    const { found } = await toCsv(["=" + "1".repeat(EXCEL_CELL_CHARS - 1)]);
    expect(found).toHaveLength(1);
  });

  it("reports more message rows than an Excel sheet holds beside its header, and not one fewer", () => {
    const run = (rows: number, rowsPerFile?: number): string[] => {
      const said: string[] = [];
      const ctx = { report: (code: string, r: { message: string }) => said.push(`${code}: ${r.message}`) } as unknown as WriteContext;
      const limits = new ExcelLimits(rowsPerFile);
      const m = {} as Message;
      const c = {} as Conversation;
      for (let i = 0; i < rows; i++) limits.check(100, m, c, undefined);
      limits.report(ctx);
      return said;
    };
    expect(run(EXCEL_ROWS - 1)).toEqual([]);
    const said = run(EXCEL_ROWS);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^spreadsheet-limit: The CSV has 1,048,576 message rows; an Excel sheet shows the header and the first 1,048,575 only\. .*convert again with --split 1048575 /);
    // Split into parts: only parts as long as a sheet are reported.
    expect(run(EXCEL_ROWS + 5, EXCEL_ROWS - 1)).toEqual([]);
    expect(run(EXCEL_ROWS + 5, EXCEL_ROWS)[0]).toMatch(/^spreadsheet-limit: The CSV has 1,048,576 message rows per part;/);
  });
});
