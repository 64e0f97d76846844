import { z } from "zod";
import type { WriterPlugin } from "../../src/plugin/types.js";
import { createRsmfWriter, MAX_EVENTS_PER_FILE } from "./writer.js";

/** RSMF 2.0 (Relativity Short Message Format) for eDiscovery review platforms; FORMAT.md describes it. */
export const rsmfWriter: WriterPlugin = {
  id: "rsmf",
  version: "1.0.0",
  displayName: "RSMF 2.0 for eDiscovery (Relativity Short Message Format)",
  fileExtension: ".rsmf",
  mediaType: "message/rfc822",
  options: z.object({
    maxEvents: z.number().int().min(1).max(MAX_EVENTS_PER_FILE).default(MAX_EVENTS_PER_FILE).describe("events per .rsmf file before a new slice starts (at most 10,000)"),
  }) as unknown as WriterPlugin["options"],
  marksIncomplete: true,
  create: createRsmfWriter,
};
