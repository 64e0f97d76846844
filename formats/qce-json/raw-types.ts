/**
 * Raw shapes of qq-chat-exporter (QCE) JSON output, as written by its `JsonExporter` (single JSON and
 * chunked JSONL share the message shape). Every field is optional here: readers check types before use,
 * since versions and code paths differ (formats-cn.md §10.3; FORMAT.md).
 *
 * ```jsonc
 * { "metadata": { "name": "QQChatExporter V5 / …", "copyright": "…", "version"?: "…" },
 *   "chatInfo": { "name", "type": "group" | "private", "avatar"?, "participantCount"?, "selfUid"?, "selfUin"?, "selfName"? },
 *   "statistics": { "totalMessages", "timeRange": { "start", "end", "durationDays" }, "messageTypes", "senders", "resources" },
 *   "messages": [ QceMessage, … ],
 *   "avatars"?: { "<uin>": "data:image/jpeg;base64,…" },
 *   "exportOptions"?: { "includedFields", "filters", "options" } }
 * ```
 */

/** `sender` of a message. `name` is the display name QCE chose: group card > remark > nickname. */
export interface QceSender {
  uid?: string;
  uin?: string;
  name?: string;
  nickname?: string;
  groupCard?: string;
  remark?: string;
  title?: string;
}

/** One element of `content.elements`: `{type, data}`. */
export interface QceElement {
  type?: string;
  data?: Record<string, unknown>;
}

/** One entry of `content.resources`. `localPath` is relative to the export's `resources/` folder. */
export interface QceResource {
  type?: string;
  filename?: string;
  size?: number | string;
  url?: string;
  localPath?: string;
  width?: number;
  height?: number;
  duration?: number;
}

/** One entry of `content.mentions`. */
export interface QceMention {
  uid?: string;
  uin?: string;
  name?: string;
  type?: "user" | "all" | string;
}

/** One message (`CleanMessage` in QCE). `timestamp` is epoch milliseconds; `time` is local text. */
export interface QceMessage {
  id?: string;
  seq?: string | number;
  timestamp?: number | string;
  time?: string;
  sender?: QceSender;
  type?: string;
  content?: {
    text?: string;
    html?: string;
    elements?: QceElement[];
    resources?: QceResource[];
    mentions?: QceMention[];
  };
  recalled?: boolean;
  system?: boolean;
}

/** `chatInfo`. */
export interface QceChatInfo {
  name?: string;
  type?: string;
  avatar?: string;
  participantCount?: number;
  selfUid?: string;
  selfUin?: string;
  selfName?: string;
}

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>;

/** True for a non-null, non-array object. */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A string field, or undefined when absent or not a non-empty string (numbers are stringified). */
export function str(v: unknown): string | undefined {
  if (typeof v === "string") return v === "" ? undefined : v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v === "bigint") return v.toString();
  return undefined;
}
