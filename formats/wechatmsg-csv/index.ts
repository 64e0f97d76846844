import { z } from "zod";
import type { ReaderPlugin } from "../../src/plugin/types.js";
import { detectWechatMsgCsv } from "./detect.js";
import { readWechatMsgCsv } from "./reader.js";

/** Reader for the WeChatMsg / MemoTrace (留痕) CSV export. See FORMAT.md. */
export const wechatmsgCsvReader: ReaderPlugin = {
  id: "wechatmsg-csv",
  version: "1.0.0",
  displayName: "WeChatMsg / MemoTrace (留痕) CSV export",
  platform: "wechat",
  input: "text",
  extensions: [".csv"],
  options: z.object({
    variant: z.string().optional(),
    self: z.string().optional().describe("your own wxid, for rows that do not name the sender"),
    contact: z.string().optional().describe("the chat partner's or group's wxid, when the folder name does not give it"),
    dateOrder: z.enum(["mdy", "dmy"]).optional().describe("order of N/N/YYYY dates a spreadsheet wrote"),
  }) as unknown as ReaderPlugin["options"],
  detect: detectWechatMsgCsv,
  read: readWechatMsgCsv,
};
