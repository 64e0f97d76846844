/**
 * Line grammar of the QQ Chat Exporter (QCE) TXT export (FORMAT.md; formats-cn.md §10.3).
 * Pure functions over one line: no state, no I/O.
 */

/** First banner line: `[QQChatExporter V5 / https://github.com/shuakami/qq-chat-exporter]` (V4 in older builds). */
export const BANNER = /^\[QQChatExporter V\d[^\]]*\]\s*$/;
/** Any other line wholly in square brackets (the banner's second line, a "please refund" notice). */
export const BRACKET_LINE = /^\[[^\n]*\]\s*$/;
/** The `====` rules of the title box and the footer box (QCE writes 47). */
export const RULE = /^={10,}\s*$/;
/** The title inside the header box. */
export const TITLE = /^\s*QQ聊天记录导出文件\s*$/;
/** The title inside the footer box. */
export const FOOTER_TITLE = /^\s*导出完成\s*$/;
/** `总计导出 N 条消息` after the footer box. */
export const FOOTER_TOTAL = /^总计导出\s*(\d+)\s*条消息\s*$/;
/** `导出时间: …` (header and footer); the value may be QCE's harness literal `<TIMESTAMP>`. */
export const EXPORT_TIME = /^导出时间[:：]\s?(.*)$/;

/** Header fields QCE writes between the title box and the first message. */
export const HEADER_FIELDS = ["聊天名称", "聊天类型", "参与人数", "导出时间", "消息总数", "时间范围"] as const;
/** One header field name. */
export type HeaderField = (typeof HEADER_FIELDS)[number];
const HEADER_FIELD = /^(聊天名称|聊天类型|参与人数|导出时间|消息总数|时间范围)[:：]\s?(.*)$/;

/** Splits a header field line, or undefined. */
export function parseHeaderField(line: string): { key: HeaderField; value: string } | undefined {
  const m = HEADER_FIELD.exec(line);
  return m ? { key: m[1] as HeaderField, value: m[2]!.trimEnd() } : undefined;
}

/** A sender line: the whole line is `<name>:` (QCE writes the display name, or the uid when it has none). */
export function isNameLine(line: string): boolean {
  const last = line.trimEnd();
  return last.length > 1 && (last.endsWith(":") || last.endsWith("：")) && last.trim() !== ":";
}

/** The sender name of a {@link isNameLine} line (its final colon removed, nothing else). */
export function nameOf(line: string): string {
  return line.trimEnd().slice(0, -1);
}

/** `时间: …` right after the sender line. */
export const TIME_LINE = /^时间[:：]\s?(.*)$/;
/** `类型: …` (QCE's optional showMessageType). */
export const TYPE_LINE = /^类型[:：]\s?(.*)$/;
/** `内容: first line of the text`. */
export const CONTENT_LINE = /^内容[:：]\s?/;
/** `[N]` before the sender line (QCE's optional showMessageNumber). */
export const NUMBER_LINE = /^\[(\d+)\]\s*$/;

/** Trailing metadata lines of a message block. */
export const RESOURCES_LINE = /^资源[:：]\s?(\d+)\s*个文件\s*$/;
export const RESOURCE_ITEM = /^ {2}- ([A-Za-z_][\w-]*): (.*)$/;
export const MENTIONS_LINE = /^提及[:：]\s?(.*)$/;
export const REPLY_LINE = /^回复[:：]\s?(.*)$/;

/** QCE's time text, `YYYY-MM-DD HH:mm:ss` (also read: `/` separators, unpadded fields, no seconds). */
const TIME_VALUE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** Parsed time fields, or undefined when the text is not a QCE time. */
export function parseTimeValue(text: string):
  | { year: number; month: number; day: number; hour: number; minute: number; second?: number }
  | undefined {
  const m = TIME_VALUE.exec(text.trim());
  if (!m) return undefined;
  const f = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]) };
  return m[6] === undefined ? f : { ...f, second: Number(m[6]) };
}

/** Conversation kind of a `聊天类型` value (QCE: 群聊, 私聊, 临时会话, 未知类型). */
export function chatKind(value: string | undefined): "group" | "direct" | "unknown" {
  if (value === undefined) return "unknown";
  if (/群/.test(value)) return "group";
  if (/私聊|临时会话|好友/.test(value)) return "direct";
  return "unknown";
}
