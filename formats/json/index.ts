import { z } from "zod";
import type { WriterPlugin } from "../../src/plugin/types.js";
import { createJsonWriter } from "./writer.js";

/** The lossless chatport JSON archive (schema: `chatport schema`). */
export const jsonWriter: WriterPlugin = {
  id: "json",
  version: "1.0.0",
  displayName: "chatport JSON archive (lossless)",
  fileExtension: ".json",
  mediaType: "application/json",
  options: z.object({}) as unknown as WriterPlugin["options"],
  marksIncomplete: true,
  create: createJsonWriter,
};
