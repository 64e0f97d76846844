import { z } from "zod";
import type { ReaderPlugin } from "../../src/plugin/types.js";
import { detectQceJsonl } from "./detect.js";
import { readQceJsonl } from "./reader.js";

/** Reader for qq-chat-exporter (QCE) chunked JSONL exports (manifest.json + chunks/*.jsonl). See FORMAT.md. */
export const qceJsonlReader: ReaderPlugin = {
  id: "qce-jsonl",
  version: "1.0.0",
  displayName: "qq-chat-exporter (QCE) chunked JSONL export",
  platform: "qq",
  input: "directory",
  extensions: [".jsonl", ".json"],
  options: z.object({
    variant: z.string().optional(),
    self: z.string().optional().describe("your QQ number or NT uid, to mark your own messages when chatInfo does not"),
  }) as unknown as ReaderPlugin["options"],
  detect: detectQceJsonl,
  read: readQceJsonl,
};
