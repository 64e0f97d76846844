import { z } from "zod";
import type { ReaderPlugin, WriterPlugin } from "../../src/plugin/types.js";
import { detectWhatsAppTxt } from "./detect.js";
import { readWhatsAppTxt, readWhatsAppTxtBatches } from "./reader.js";
import { createWhatsAppTxtWriter } from "./writer.js";

/** Reader options shared by whatsapp-txt and whatsapp-zip. */
export const whatsAppReaderOptions = z.object({
  variant: z.string().optional(),
  dateOrder: z.enum(["dmy", "mdy", "ymd"]).optional().describe("order of the date's numbers when the file does not decide it"),
  self: z.string().optional().describe("your own name or phone number as the export shows it"),
}) as unknown as ReaderPlugin["options"];

/** Reader for a WhatsApp "Export chat" .txt file (Android and iOS, every locale shape). See FORMAT.md. */
export const whatsappTxtReader: ReaderPlugin = {
  id: "whatsapp-txt",
  version: "1.0.0",
  displayName: "WhatsApp chat export (.txt)",
  platform: "whatsapp",
  input: "text",
  extensions: [".txt"],
  options: whatsAppReaderOptions,
  detect: detectWhatsAppTxt,
  read: readWhatsAppTxt,
  readBatches: readWhatsAppTxtBatches,
  // An exported chat text quotes no reply target: no message ever gets replyTo.
  linksReplies: false,
};

/** Writer of a WhatsApp-style `_chat.txt` (or a zip with media) that Telegram's chat import accepts. See FORMAT.md, "Writer". */
export const whatsappTxtWriter: WriterPlugin = {
  id: "whatsapp-txt",
  version: "1.0.0",
  displayName: "WhatsApp-style chat export (_chat.txt, or .zip with media), for Telegram import",
  fileExtension: ".zip",
  mediaType: "application/zip",
  transformations: ["a lone surrogate (half of a UTF-16 pair, no character) in the text is written as U+FFFD, which UTF-8 can encode; a lossy-output diagnostic counts the messages"],
  options: z.object({
    shape: z.enum(["android-seconds", "android", "ios"]).optional().describe("header shape (default android-seconds)"),
    container: z.enum(["zip", "txt"]).optional().describe("zip with media, or text only (default: from the output's extension)"),
  }) as unknown as WriterPlugin["options"],
  create: createWhatsAppTxtWriter,
};
