import { z } from "zod";
import type { ReaderPlugin } from "../../src/plugin/types.js";

/** Options of the WeChat desktop database readers (pc3, v4): the owner's wxid when the folder lacks it. */
export const wechatDbOptions = z.object({
  variant: z.string().optional(),
  self: z.string().optional().describe("your own wxid, when the folder name does not give it"),
}) as unknown as ReaderPlugin["options"];
