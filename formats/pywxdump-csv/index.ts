import { z } from "zod";
import type { ReaderPlugin } from "../../src/plugin/types.js";
import { detectPyWxDumpCsv } from "./detect.js";
import { readPyWxDumpCsv } from "./reader.js";

/** Reader for PyWxDump's CSV chat export (v2 and v3 layouts). See FORMAT.md. */
export const pywxdumpCsvReader: ReaderPlugin = {
  id: "pywxdump-csv",
  version: "1.0.0",
  displayName: "PyWxDump CSV export (WeChat)",
  platform: "wechat",
  input: "text",
  extensions: [".csv"],
  options: z.object({
    variant: z.string().optional(),
    self: z.string().optional().describe("your own wxid, used when the CSV says only 我"),
    dateOrder: z.enum(["mdy", "dmy"]).optional().describe("order of N/N/YYYY dates a spreadsheet wrote"),
  }) as unknown as ReaderPlugin["options"],
  detect: detectPyWxDumpCsv,
  read: readPyWxDumpCsv,
};
