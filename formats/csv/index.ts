import { z } from "zod";
import type { WriterPlugin } from "../../src/plugin/types.js";
import { FORMULA_RULE } from "./cells.js";
import { createCsvWriter } from "./writer.js";

/** CSV for spreadsheets and audits: one row per message, documented columns. */
export const csvWriter: WriterPlugin = {
  id: "csv",
  version: "1.0.0",
  displayName: "CSV, one row per message (Excel-safe)",
  fileExtension: ".csv",
  mediaType: "text/csv",
  transformations: [FORMULA_RULE],
  options: z.object({
    bom: z.boolean().default(true).describe("write a UTF-8 BOM so Excel reads Chinese text"),
    split: z.number().int().positive().optional().describe("at most this many message rows per file: name.csv, name.vol002.csv, … each with the header"),
  }) as unknown as WriterPlugin["options"],
  create: createCsvWriter,
};
