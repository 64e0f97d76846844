import type { Probe } from "../plugin/types.js";

/** A chat export chatport recognises but does not read, and what its owner can do instead. */
interface KnownFormat {
  /** What the input is, as the message names it. */
  what: string;
  /** The next step for the user (one sentence). */
  advice: string;
  matches(probe: Probe): boolean;
}

const htmlHead = (p: Probe) => /<html|<!doctype html/i.test(p.text.slice(0, 4096));

/**
 * Exports chatport has facts about (reference notes, corpus) but no reader for. Consulted only after no
 * reader claimed an input, to replace "not a chat export chatport recognises" with what the file is and
 * what to do; never used to pick a reader.
 */
const KNOWN_FORMATS: KnownFormat[] = [
  {
    // formats-cn.md §10.3: div.message[data-message-id] with .message-sender / .message-time.
    what: "a QQ Chat Exporter (QCE) HTML export",
    advice: "chatport reads QCE's JSON and chunked JSONL exports, which keep message ids, QQ numbers and exact times: export the chat again from QCE choosing JSON, and convert that.",
    matches: (p) => htmlHead(p) && (/QQChatExporter|qq-chat-exporter/i.test(p.text) || (/data-message-id=/.test(p.text) && /class="message-sender"/.test(p.text))),
  },
  {
    // DiscordChatExporter JSON: "guild", "channel", then "messages" (formats-intl.md).
    what: "a DiscordChatExporter JSON export",
    advice: "chatport has no Discord reader yet; `chatport formats` lists what it reads.",
    matches: (p) => /^\s*\{/.test(strip(p.text)) && /"guild"\s*:\s*\{/.test(p.text) && /"channel"\s*:\s*\{/.test(p.text),
  },
  {
    // Meta's "Download your information" JSON for Messenger and Instagram.
    what: "a Facebook Messenger or Instagram JSON export",
    advice: "chatport has no Messenger/Instagram reader yet; `chatport formats` lists what it reads.",
    matches: (p) => /^\s*\{/.test(strip(p.text)) && /"sender_name"\s*:/.test(p.text) && /"timestamp_ms"\s*:/.test(p.text),
  },
  {
    // Slack workspace export: channels.json/users.json at the top, a folder of day files per channel.
    what: "a Slack workspace export (or a file from one)",
    advice: "chatport has no Slack reader yet; `chatport formats` lists what it reads.",
    matches: (p) =>
      p.listing !== undefined
        ? p.listing.includes("channels.json") && p.listing.includes("users.json")
        : /^\s*[[{]/.test(strip(p.text)) && /"ts"\s*:\s*"\d{9,10}\.\d{6}"/.test(p.text) && /"type"\s*:\s*"message"/.test(p.text),
  },
  {
    // A dump of WeChat's contact table (Contact in MicroMsg.db, contact in contact.db) or a contact list
    // made from it: shares column names with the message CSVs (Type, Remark, NickName), holds no message.
    what: "a WeChat contact table (user names and nicknames, no message text or time column)",
    advice: "It is not a WeChat message export: give the chat's message CSV (WeChatMsg/MemoTrace or PyWxDump) or the decrypted message databases, or pass --from with the right format if it is another export.",
    matches: (p) => isWechatContactCsv(p),
  },
];

const strip = (text: string) => text.replace(/^\uFEFF/, "");

const columnKey = (name: string) => name.trim().replace(/^"(.*)"$/, "$1").toLowerCase().replace(/[\s_\-]+/g, "");
/** Columns of WeChat's contact table, and those only WeChat's has. */
const CONTACT = new Set(["username", "wxid", "alias", "encryptusername", "nickname", "remark", "type", "verifyflag", "delflag", "pyinitial", "quanpin", "remarkpyinitial", "remarkquanpin", "labelidlist", "chatroomtype", "smallheadimgurl", "bigheadimgurl", "headimgmd5"]);
const WECHAT_ONLY = new Set(["encryptusername", "verifyflag", "pyinitial", "quanpin", "remarkpyinitial", "remarkquanpin", "labelidlist", "chatroomtype", "smallheadimgurl", "bigheadimgurl", "headimgmd5"]);
/** Header names of a message's text or time in any chat CSV: a header with one of them may hold messages. */
const MESSAGE = new Set(["strcontent", "content", "msg", "message", "text", "createtime", "strtime", "time", "timestamp", "date"]);

/** A CSV whose header is a WeChat contact table's: a user name column, another contact column, no message column; WeChat's by a WeChat-only column or a wxid in its rows. */
function isWechatContactCsv(p: Probe): boolean {
  if (p.listing || !p.text) return false;
  const lines = strip(p.text).split(/\r\n|\n|\r/, 6);
  const keys = (lines[0] ?? "").split(",").map(columnKey);
  if (!keys.some((k) => k === "username" || k === "wxid") || keys.some((k) => MESSAGE.has(k))) return false;
  if (keys.filter((k) => CONTACT.has(k)).length < 3) return false;
  return keys.some((k) => WECHAT_ONLY.has(k)) || lines.slice(1).some((l) => /(^|,)"?(wxid_[A-Za-z0-9_-]+|\d+@chatroom|gh_[0-9a-f]+)"?(,|$)/.test(l));
}

/** What a not-claimed input recognisably is, with advice, or undefined. */
export function knownUnreadFormat(probe: Probe): { what: string; advice: string } | undefined {
  const hit = KNOWN_FORMATS.find((f) => f.matches(probe));
  return hit && { what: hit.what, advice: hit.advice };
}
