import { z } from "zod";
import type { WriterPlugin } from "../../src/plugin/types.js";
import { createNdjsonWriter } from "./writer.js";

/** Streamed events as JSON Lines. */
export const ndjsonWriter: WriterPlugin = {
  id: "ndjson",
  version: "1.0.0",
  displayName: "chatport events as NDJSON / JSON Lines",
  fileExtension: ".ndjson",
  mediaType: "application/x-ndjson",
  options: z.object({}) as unknown as WriterPlugin["options"],
  marksIncomplete: true,
  create: createNdjsonWriter,
};
