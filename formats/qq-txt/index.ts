import { z } from "zod";
import type { ReaderPlugin } from "../../src/plugin/types.js";
import { detectQqTxt } from "./detect.js";
import { readQqTxt, readQqTxtBatches } from "./reader.js";

/** Reader for the PC QQ 消息管理器 TXT export. See FORMAT.md. */
export const qqTxtReader: ReaderPlugin = {
  id: "qq-txt",
  version: "1.0.0",
  displayName: "QQ 消息管理器 TXT export",
  platform: "qq",
  input: "text",
  extensions: [".txt"],
  options: z.object({
    variant: z.string().optional(),
    dateOrder: z.enum(["mdy", "dmy"]).optional().describe("order of N/N/YYYY dates when the file does not decide it"),
    self: z.string().optional().describe("your QQ number or name, to mark your own messages"),
  }) as unknown as ReaderPlugin["options"],
  detect: detectQqTxt,
  read: readQqTxt,
  readBatches: readQqTxtBatches,
  // The TXT export writes a reply as plain text; it has no link to the message replied to.
  linksReplies: false,
};
