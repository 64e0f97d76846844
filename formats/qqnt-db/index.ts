import { z } from "zod";
import type { ReaderPlugin } from "../../src/plugin/types.js";
import { detectQqntDb } from "./detect.js";
import { readQqntDb } from "./reader.js";

/** Reader for a decrypted QQNT database nt_msg.db (group and private chats). See FORMAT.md. */
export const qqntDbReader: ReaderPlugin = {
  id: "qqnt-db",
  version: "1.0.0",
  displayName: "QQNT nt_msg.db (decrypted)",
  platform: "qq",
  input: "binary",
  extensions: [".db"],
  options: z.object({
    variant: z.string().optional(),
    self: z.string().optional().describe("your QQ number or NT uid, to mark your own messages in groups where the row does not say"),
  }) as unknown as ReaderPlugin["options"],
  detect: detectQqntDb,
  read: readQqntDb,
};
