import type { MessageKind } from "../../src/model/schema.js";

/** Service actions that are calls (formats-intl.md §3.3). */
const CALL_ACTIONS = new Set(["phone_call", "group_call", "conference_call", "invite_to_group_call", "group_call_scheduled"]);

/** Every service `action` tdesktop's JSON writer knows (export_output_json.cpp, 2025-09). */
const KNOWN_ACTIONS = new Set([
  "create_group", "edit_group_title", "edit_group_photo", "delete_group_photo", "invite_members", "remove_members",
  "join_group_by_link", "create_channel", "migrate_to_supergroup", "migrate_from_group", "pin_message",
  "clear_history", "score_in_game", "send_payment", "phone_call", "conference_call", "take_screenshot",
  "allow_sending_messages", "send_passport_values", "joined_telegram", "proximity_reached",
  "requested_phone_number", "group_call", "invite_to_group_call", "set_messages_ttl", "group_call_scheduled",
  "edit_chat_theme", "join_group_by_request", "send_webview_data", "send_premium_gift", "topic_created",
  "topic_edit", "suggest_profile_photo", "requested_peer", "gift_code_prize", "giveaway_launch",
  "giveaway_results", "set_chat_wallpaper", "set_same_chat_wallpaper", "boost_apply", "refunded_payment",
  "send_stars_gift", "send_ton_gift", "stars_prize", "send_star_gift", "paid_messages_refund",
  "paid_messages_price_change", "todo_completions", "todo_append_tasks", "process_suggested_post",
  "suggested_post_success", "suggested_post_refund",
]);

/** The message kind of a service message, and whether its action is one the reader knows. */
export function serviceKind(action: string | undefined): { kind: MessageKind; known: boolean } {
  if (action === undefined) return { kind: "system", known: true }; // a custom action: only information_text
  return { kind: CALL_ACTIONS.has(action) ? "call" : "system", known: KNOWN_ACTIONS.has(action) };
}
