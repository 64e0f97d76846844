import type { WriterPlugin } from "../../src/plugin/types.js";
import { htmlOptions, htmlWriter } from "../html/index.js";
import { createPdfWriter } from "./writer.js";

/** PDF printed from the evidence HTML by a Chromium already installed (playwright-core, loaded lazily). */
export const pdfWriter: WriterPlugin = {
  id: "pdf",
  version: "1.0.0",
  displayName: "PDF evidence copy, printed by an installed Chromium",
  fileExtension: ".pdf",
  mediaType: "application/pdf",
  needsFile: true,
  needsTotals: true,
  totalsAtEnd: true,
  transformations: [
    ...(htmlWriter.transformations ?? []),
    "the HTML is printed to PDF by the installed Chromium (version in writer.facts); PDF bytes differ between runs (creation date), so the manifest hashes the PDF after it is written",
  ],
  options: htmlOptions as unknown as WriterPlugin["options"],
  create: createPdfWriter,
};
