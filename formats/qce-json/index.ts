import { z } from "zod";
import type { ReaderPlugin } from "../../src/plugin/types.js";
import { detectQceJson } from "./detect.js";
import { readQceJson } from "./reader.js";

/** Reader for qq-chat-exporter (QCE) single-file JSON exports. See FORMAT.md. */
export const qceJsonReader: ReaderPlugin = {
  id: "qce-json",
  version: "1.0.0",
  displayName: "qq-chat-exporter (QCE) JSON export",
  platform: "qq",
  input: "text",
  extensions: [".json"],
  options: z.object({
    variant: z.string().optional(),
    self: z.string().optional().describe("your QQ number or NT uid, to mark your own messages when chatInfo does not"),
  }) as unknown as ReaderPlugin["options"],
  detect: detectQceJson,
  read: readQceJson,
};
