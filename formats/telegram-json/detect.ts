import type { DetectResult, Probe } from "../../src/plugin/types.js";

const CHAT_TYPE = /"type"\s*:\s*"(personal_chat|bot_chat|private_group|private_supergroup|public_supergroup|private_channel|public_channel|saved_messages|replies|verification_codes)"/;
const PEER_ID = /"(from_id|actor_id)"\s*:\s*"(user|channel|chat)\d+"/;
const MESSAGE_TYPE = /"type"\s*:\s*"(message|service)"/;
const LOCAL_DATE = /"date"\s*:\s*"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}"/;
/** Keys of other JSON chat formats that share `messages` (QCE, DiscordChatExporter, Meta, Slack, chatport's own JSON …). */
const FOREIGN = /"(metadata|chatInfo|statistics|guild|channel|sender_name|timestamp_ms|participants|threadName|senderName|ts|user_profile|schemaVersion|sentAt)"\s*:/;

/**
 * Recognises a Telegram Desktop JSON export (formats-intl.md §3.1, §11): a JSON object whose head has
 * `messages` with Telegram-shaped keys (`date_unixtime`, `from_id: "user…"`, a chat `type` such as
 * personal_chat, `text_entities`) or a whole-account `chats.list`; also the export folder holding
 * `result.json`.
 */
export function detectTelegramJson(probe: Probe): DetectResult | null {
  if (probe.listing) {
    if (probe.listing.includes("result.json")) return { confidence: 0.9, variant: "folder", reason: "folder with a result.json (Telegram Desktop export)" };
    const nested = probe.listing.filter((p) => /^[^/]+\/result\.json$/.test(p));
    if (nested.length) return { confidence: 0.8, variant: "folder", reason: `folder with ${nested[0]} (Telegram Desktop export)` };
    return null;
  }
  const text = probe.text.replace(/^\uFEFF/, "").trimStart();
  if (!text.startsWith("{")) return null;
  if (FOREIGN.test(text)) return null;
  const hasMessages = /"messages"\s*:\s*\[/.test(text);
  const fullExport = /"chats"\s*:\s*\{\s*("about"\s*:\s*"(?:[^"\\]|\\.)*"\s*,\s*)?"list"\s*:\s*\[/.test(text);
  const personalInfo = /"personal_information"\s*:\s*\{[^{}]*"user_id"\s*:/.test(text);
  if (fullExport || personalInfo) return { confidence: 0.95, variant: "full-export", reason: "whole-account export: chats.list / personal_information" };
  if (!hasMessages) return null;
  const variant = "single-chat";
  if (CHAT_TYPE.test(text)) return { confidence: 0.95, variant, reason: "chat object with a Telegram chat type and messages" };
  if (/"date_unixtime"\s*:\s*"\d+"/.test(text)) return { confidence: 0.92, variant, reason: "messages with date_unixtime" };
  if (PEER_ID.test(text) || /"text_entities"\s*:\s*\[/.test(text)) return { confidence: 0.9, variant, reason: "messages with from_id user…/text_entities" };
  if (MESSAGE_TYPE.test(text) && LOCAL_DATE.test(text)) return { confidence: 0.75, variant, reason: "messages typed message/service with local ISO dates" };
  return null;
}
