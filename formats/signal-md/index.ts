import { z } from "zod";
import type { ReaderPlugin } from "../../src/plugin/types.js";
import { detectSignalMd } from "./detect.js";
import { readSignalMd, readSignalMdBatches } from "./reader.js";

/** Reader for Signal Desktop chats exported by signal-export (`<chat>/chat.md` or `data.json`, with `media/`). See FORMAT.md. */
export const signalMdReader: ReaderPlugin = {
  id: "signal-md",
  version: "1.1.0",
  displayName: "Signal chat exported by signal-export (chat.md, data.json)",
  platform: "signal",
  input: "text",
  extensions: [".md", ".txt", ".json"],
  options: z.object({
    self: z.string().optional().describe("your own name, when the export writes it instead of Me"),
  }) as unknown as ReaderPlugin["options"],
  detect: detectSignalMd,
  read: readSignalMd,
  readBatches: readSignalMdBatches,
};
