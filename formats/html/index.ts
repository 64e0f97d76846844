import { z } from "zod";
import type { WriterPlugin } from "../../src/plugin/types.js";
import { createHtmlWriter } from "./writer.js";

/**
 * The largest first Bates number. Chromium counts CSS counters in 32 bits: a start of 999999999999 printed
 * 2147483647 on every page. Below a billion, a production of a billion pages still fits.
 */
export const MAX_BATES_START = 999_999_999;

/** Options of the html writer (and of pdf, which prints it). */
export const htmlOptions = z.object({
  bates: z.string().max(40).optional().describe("Bates prefix printed with a 6-digit page number on every page"),
  batesStart: z.number().int().nonnegative().max(MAX_BATES_START).default(1).describe("first Bates number"),
  split: z.number().int().positive().optional().describe("at most this many messages per volume file (pdf: 10,000 when not given)"),
  batesVolumes: z.enum(["marked", "continuous"]).default("marked").describe("how Bates numbers continue in later volumes (pdf uses continuous)"),
});

/** Evidence HTML: self-contained, printable, with a cover sheet. */
export const htmlWriter: WriterPlugin = {
  id: "html",
  version: "2.0.0",
  displayName: "HTML evidence copy, self-contained and printable",
  fileExtension: ".html",
  mediaType: "text/html",
  needsTotals: true,
  totalsAtEnd: true,
  transformations: [
    "all source text is HTML-escaped and shown as text: no source string becomes markup, a link or a script",
    "present raster images are copied beside the output as <output stem>_files/<SHA-256 prefix>.<ext> and shown inline; other files are listed with their SHA-256",
  ],
  options: htmlOptions as unknown as WriterPlugin["options"],
  marksIncomplete: true,
  create: createHtmlWriter,
};
