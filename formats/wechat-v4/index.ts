import { wechatDbOptions } from "../wechat-shared/options.js";
import type { ReaderPlugin } from "../../src/plugin/types.js";
import { detectV4 } from "./detect.js";
import { readV4 } from "./reader.js";

/** Reader for decrypted WeChat 4.x ("Weixin") db_storage: message_N.db + contact.db. See FORMAT.md. */
export const wechatV4Reader: ReaderPlugin = {
  id: "wechat-v4",
  version: "1.0.0",
  displayName: "WeChat 4.x database (db_storage message_N.db + contact.db, decrypted)",
  platform: "wechat",
  input: "directory",
  extensions: [".db"],
  options: wechatDbOptions,
  detect: detectV4,
  read: readV4,
};
