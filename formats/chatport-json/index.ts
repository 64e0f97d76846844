import { z } from "zod";
import type { ReaderPlugin } from "../../src/plugin/types.js";
import { detectChatportJson } from "./detect.js";
import { readChatportJson } from "./reader.js";

/** Reader for chatport's own outputs: the JSON archive (`json` writer) and the NDJSON event stream (`ndjson` writer). See FORMAT.md. */
export const chatportJsonReader: ReaderPlugin = {
  id: "chatport-json",
  version: "1.0.0",
  displayName: "chatport JSON archive / NDJSON events (re-import)",
  platform: "chatport",
  input: "text",
  extensions: [".json", ".ndjson", ".jsonl"],
  options: z.object({
    variant: z.enum(["json", "ndjson"]).optional().describe("json (the archive) or ndjson (the event stream); detected from the first line"),
  }) as unknown as ReaderPlugin["options"],
  detect: detectChatportJson,
  read: readChatportJson,
};
