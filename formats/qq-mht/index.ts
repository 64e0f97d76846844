import { z } from "zod";
import type { ReaderPlugin } from "../../src/plugin/types.js";
import { detectQqMht } from "./detect.js";
import { readQqMht } from "./reader.js";

/** Reader for the PC QQ 消息管理器 MHT ("网页格式") export. See FORMAT.md. */
export const qqMhtReader: ReaderPlugin = {
  id: "qq-mht",
  version: "1.0.0",
  displayName: "QQ 消息管理器 MHT export (网页格式)",
  platform: "qq",
  input: "binary",
  extensions: [".mht", ".mhtml"],
  options: z.object({
    variant: z.string().optional(),
    dateOrder: z.enum(["mdy", "dmy"]).optional().describe("order of N/N/YYYY date rows when the file does not decide it"),
    self: z.string().optional().describe("your QQ number or name, to mark your own messages"),
  }) as unknown as ReaderPlugin["options"],
  detect: detectQqMht,
  read: readQqMht,
  // The MHT export shows quoted text only; it has no link to the message replied to.
  linksReplies: false,
};
