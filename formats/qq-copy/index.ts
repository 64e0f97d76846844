import { z } from "zod";
import type { ReaderPlugin } from "../../src/plugin/types.js";
import { detectQqCopy } from "./detect.js";
import { readQqCopy, readQqCopyBatches } from "./reader.js";

/** Reader for text copied out of a QQ chat window and saved as a file. See FORMAT.md. */
export const qqCopyReader: ReaderPlugin = {
  id: "qq-copy",
  version: "0.1.0",
  displayName: "QQ chat-window copy (pasted text)",
  platform: "qq",
  input: "text",
  extensions: [".txt"],
  options: z.object({
    variant: z.string().optional(),
    dateOrder: z.enum(["mdy", "dmy"]).optional().describe("order of N/N/YYYY dates when the text does not decide it"),
    self: z.string().optional().describe("your name as the chat window shows it, to mark your own messages"),
  }) as unknown as ReaderPlugin["options"],
  detect: detectQqCopy,
  read: readQqCopy,
  readBatches: readQqCopyBatches,
  // Copied text shows a reply as plain text, with no link to the message replied to.
  linksReplies: false,
};
