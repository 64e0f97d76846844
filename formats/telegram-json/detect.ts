import type { DetectResult, Probe } from "../../src/plugin/types.js";
import { ACCOUNT_SECTIONS } from "./chat-kinds.js";
import { readRootHead } from "../../src/io/json-root-head.js";

const CHAT_TYPES = "personal_chat|bot_chat|private_group|private_supergroup|public_supergroup|private_channel|public_channel|saved_messages|replies|verification_codes";
const CHAT_TYPE = new RegExp(`"type"\\s*:\\s*"(${CHAT_TYPES})"`);
const CHAT_TYPE_VALUE = new RegExp(`^(${CHAT_TYPES})$`);
/** The keys tdesktop writes before `messages` in a chat object, in this order (formats-intl.md §3.2). */
const CHAT_HEAD_KEYS = new Set(["name", "type", "id"]);
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
  if (!hasMessages) return cutBeforeMessages(text, probe);
  const variant = "single-chat";
  if (CHAT_TYPE.test(text)) return { confidence: 0.95, variant, reason: "chat object with a Telegram chat type and messages" };
  if (/"date_unixtime"\s*:\s*"\d+"/.test(text)) return { confidence: 0.92, variant, reason: "messages with date_unixtime" };
  if (PEER_ID.test(text) || /"text_entities"\s*:\s*\[/.test(text)) return { confidence: 0.9, variant, reason: "messages with from_id user…/text_entities" };
  if (MESSAGE_TYPE.test(text) && LOCAL_DATE.test(text)) return { confidence: 0.75, variant, reason: "messages typed message/service with local ISO dates" };
  return null;
}

/**
 * A chat object whose head ends before `messages` because a value before it is longer than the probe (a
 * 1 MB chat name): recognised from the root keys the head does hold. A Telegram chat type among them is
 * strong evidence; a head that is nothing but tdesktop's first key, `name`, cut off in a file that goes on,
 * is enough to be chosen but not to beat a reader with real evidence.
 */
function cutBeforeMessages(text: string, probe: Probe): DetectResult | null {
  const root = readRootHead(text);
  if (!root || root.keys.length === 0) return null;
  // A whole-account export without personal_information, whose contacts (say) fill the head before chats.
  if (root.keys.every((k) => ACCOUNT_SECTIONS.has(k.key))) {
    const about = root.keys.find((k) => k.key === "about")?.value;
    const reason = "whole-account export: its chats come after sections longer than the probe";
    if (typeof about === "string" && about.startsWith("Here is the data you requested")) return { confidence: 0.95, variant: "full-export", reason: `${reason} (tdesktop's about text)` };
    if (root.keys.filter((k) => k.key !== "about").length >= 2) return { confidence: 0.7, variant: "full-export", reason: `${reason} (${root.keys.map((k) => k.key).join(", ")})` };
    return null;
  }
  const variant = "single-chat";
  const type = root.keys.find((k) => k.key === "type")?.value;
  if (typeof type === "string" && CHAT_TYPE_VALUE.test(type))
    return { confidence: 0.9, variant, reason: `chat object of Telegram type ${type}; its messages come after a value longer than the probe` };
  const first = root.keys[0]!;
  if (first.key === "name" && root.keys.every((k) => CHAT_HEAD_KEYS.has(k.key)) && probe.size > probe.head.length)
    return { confidence: 0.6, variant, reason: "a chat object that opens with a name longer than the probe, as Telegram Desktop writes it" };
  return null;
}
