import { z } from "zod";
import type { ReaderPlugin } from "../../src/plugin/types.js";
import { detectTelegramJson } from "./detect.js";
import { readTelegramJson, readTelegramJsonBatches } from "./reader.js";

/** Reader for Telegram Desktop's JSON export (result.json, single chat or whole account, or its folder). See FORMAT.md. */
export const telegramJsonReader: ReaderPlugin = {
  id: "telegram-json",
  version: "1.0.0",
  displayName: "Telegram Desktop JSON export (result.json)",
  platform: "telegram",
  input: "text",
  extensions: [".json"],
  options: z.object({
    variant: z.string().optional(),
    self: z.string().optional().describe("your Telegram user id (123 or user123) or display name, to mark your own messages"),
  }) as unknown as ReaderPlugin["options"],
  detect: detectTelegramJson,
  read: readTelegramJson,
  readBatches: readTelegramJsonBatches,
};
