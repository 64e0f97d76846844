import { z } from "zod";
import type { ReaderPlugin } from "../../src/plugin/types.js";
import { detectWechatAndroid } from "./detect.js";
import { readWechatAndroid } from "./reader.js";

/** Reader for a decrypted WeChat Android `EnMicroMsg.db` (or the folder holding it). See FORMAT.md. */
export const wechatAndroidReader: ReaderPlugin = {
  id: "wechat-android",
  version: "1.0.0",
  displayName: "WeChat Android database (decrypted EnMicroMsg.db)",
  platform: "wechat",
  input: "binary",
  extensions: [".db"],
  options: z.object({ variant: z.string().optional() }) as unknown as ReaderPlugin["options"],
  detect: detectWechatAndroid,
  read: readWechatAndroid,
};
