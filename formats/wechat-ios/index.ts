import { z } from "zod";
import type { ReaderPlugin } from "../../src/plugin/types.js";
import { detectWechatIos } from "./detect.js";
import { readWechatIos } from "./reader.js";

/** Reader for WeChat iOS `MM.sqlite` with `WCDB_Contact.sqlite` (or their DB folder). See FORMAT.md. */
export const wechatIosReader: ReaderPlugin = {
  id: "wechat-ios",
  version: "1.0.0",
  displayName: "WeChat iOS database (MM.sqlite + WCDB_Contact.sqlite)",
  platform: "wechat",
  input: "binary",
  extensions: [".sqlite"],
  options: z.object({ variant: z.string().optional() }) as unknown as ReaderPlugin["options"],
  detect: detectWechatIos,
  read: readWechatIos,
};
