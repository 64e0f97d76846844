import type { ReaderPlugin } from "../../src/plugin/types.js";
import { whatsAppReaderOptions } from "../whatsapp-txt/index.js";
import { detectWhatsAppZip } from "./detect.js";
import { readWhatsAppZip } from "./reader.js";

/** Reader for a WhatsApp export zip (or its unzipped folder): `_chat.txt` + media. See FORMAT.md. */
export const whatsappZipReader: ReaderPlugin = {
  id: "whatsapp-zip",
  version: "1.0.0",
  displayName: "WhatsApp chat export (.zip with media, or its folder)",
  platform: "whatsapp",
  input: "binary",
  extensions: [".zip"],
  options: whatsAppReaderOptions,
  detect: detectWhatsAppZip,
  read: readWhatsAppZip,
  // The chat text inside is a WhatsApp TXT export: replies are quoted, never linked.
  linksReplies: false,
};
