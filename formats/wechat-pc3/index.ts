import { wechatDbOptions } from "../wechat-shared/options.js";
import type { ReaderPlugin } from "../../src/plugin/types.js";
import { detectPc3 } from "./detect.js";
import { readPc3, readPc3Batches } from "./reader.js";

/** Reader for decrypted WeChat PC 3.x (Windows) databases: MSG0..n.db + MicroMsg.db. See FORMAT.md. */
export const wechatPc3Reader: ReaderPlugin = {
  id: "wechat-pc3",
  version: "1.0.0",
  displayName: "WeChat PC 3.x database (MSG*.db + MicroMsg.db, decrypted)",
  platform: "wechat",
  input: "directory",
  extensions: [".db"],
  options: wechatDbOptions,
  detect: detectPc3,
  read: readPc3,
  readBatches: readPc3Batches,
};
