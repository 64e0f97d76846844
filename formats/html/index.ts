import { z } from "zod";
import type { WriterPlugin } from "../../src/plugin/types.js";
import { createHtmlWriter } from "./writer.js";

/** Self-contained, printable HTML. */
export const htmlWriter: WriterPlugin = {
  id: "html",
  version: "1.0.0",
  displayName: "HTML, self-contained and printable",
  fileExtension: ".html",
  mediaType: "text/html",
  options: z.object({}) as unknown as WriterPlugin["options"],
  create: createHtmlWriter,
};
