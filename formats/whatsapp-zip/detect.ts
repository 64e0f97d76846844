import type { DetectResult, Probe } from "../../src/plugin/types.js";
import { chatNameFromFileName } from "../whatsapp-txt/reader.js";
import { pickChatText } from "./pick.js";

/**
 * Recognises a WhatsApp export zip or unzipped folder by its listing (formats-intl.md §1.1, §11):
 * `_chat.txt` (iOS) or a `WhatsApp Chat with …txt` (Android), media beside it.
 */
export function detectWhatsAppZip(probe: Probe): DetectResult | null {
  if (!probe.listing) {
    if (probe.extension === ".zip" && chatNameFromFileName(probe.name) !== undefined)
      return { confidence: 0.4, variant: "zip", reason: "a .zip named like a WhatsApp export (its listing could not be read)" };
    return null;
  }
  const pick = pickChatText(probe.listing);
  if (!pick) return null;
  const variant = probe.extension === ".zip" ? "zip" : "folder";
  if (pick.how === "chat-txt") return { confidence: 0.95, variant, reason: `holds ${pick.path} (a WhatsApp iOS export)` };
  if (pick.how === "named") return { confidence: 0.9, variant, reason: `holds ${pick.path} (named like a WhatsApp export)` };
  if (chatNameFromFileName(probe.name) !== undefined) return { confidence: 0.7, variant, reason: `named like a WhatsApp export and holds one text file, ${pick.path}` };
  return null;
}
