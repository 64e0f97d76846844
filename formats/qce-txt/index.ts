import { z } from "zod";
import type { ReaderPlugin } from "../../src/plugin/types.js";
import { detectQceTxt } from "./detect.js";
import { readQceTxt, readQceTxtBatches } from "./reader.js";

/** Reader for the TXT export of QQ Chat Exporter (QCE, a NapCat plugin). See FORMAT.md. */
export const qceTxtReader: ReaderPlugin = {
  id: "qce-txt",
  version: "1.0.0",
  displayName: "QQ Chat Exporter TXT export",
  platform: "qq",
  input: "text",
  extensions: [".txt"],
  options: z.object({
    self: z.string().optional().describe("your display name as the export writes it, to mark your own messages"),
  }) as unknown as ReaderPlugin["options"],
  detect: detectQceTxt,
  read: readQceTxt,
  readBatches: readQceTxtBatches,
  // The TXT writes a reply as text (`回复: …`); it names no message id to link to.
  linksReplies: false,
};
