import type { DetectResult, Probe } from "../../src/plugin/types.js";

/** The exporter's signature lines (formats-cn.md §2.1), header name case-insensitive, space optional. */
export const FROM_LINE = /^From:[ \t]*<Save by Tencent MsgMgr>[ \t]*$/im;
export const SUBJECT_LINE = /^Subject:[ \t]*Tencent IM Message[ \t]*$/im;
const MULTIPART = /^Content-Type:[ \t]*multipart\/related/im;
const QQ_HTML = /<title>QQ Message<\/title>|消息对象[:：]|消息分组[:：]|MSGMGR_MSGOBJ/;

/** The MIME header block at the start of a text (BOM removed), or "" when the text does not start with one. */
export function headerBlock(text: string): string {
  const t = text.replace(/^\uFEFF/, "").replace(/^(?:\r?\n)+/, "");
  if (!/^[A-Za-z][A-Za-z0-9-]*:/.test(t)) return "";
  const end = t.search(/\r?\n\r?\n/);
  return end === -1 ? t.slice(0, 8192) : t.slice(0, end);
}

/** True when the probe looks like the encrypted 消息管理器 backup (`.bak`, binary, not SQLite). */
export function looksLikeBak(probe: Probe): boolean {
  return probe.extension === ".bak" && !probe.listing && !probe.sqliteTables && probe.text === "" && probe.size > 0;
}

/**
 * Recognises the PC QQ 消息管理器 MHT export by its `From: <Save by Tencent MsgMgr>` and
 * `Subject: Tencent IM Message` header lines; a multipart/related file with QQ's HTML markers without
 * them; `.mht`/`.mhtml` alone only as weak evidence. Also claims the encrypted `.bak` backup, so that
 * reading it fails with an explanation instead of "unknown format".
 */
export function detectQqMht(probe: Probe): DetectResult | null {
  const block = probe.text ? headerBlock(probe.text) : "";
  if (block) {
    const from = FROM_LINE.test(block);
    const subject = SUBJECT_LINE.test(block);
    if (from && subject) return { confidence: 0.99, variant: "msgmgr", reason: "From: <Save by Tencent MsgMgr> and Subject: Tencent IM Message" };
    if (from || subject) return { confidence: 0.95, variant: "msgmgr", reason: from ? "From: <Save by Tencent MsgMgr>" : "Subject: Tencent IM Message" };
    if (MULTIPART.test(block) && QQ_HTML.test(probe.text)) return { confidence: 0.85, variant: "msgmgr", reason: "multipart/related with QQ 消息管理器 HTML rows, no Tencent header lines" };
    if (MULTIPART.test(block) && (probe.extension === ".mht" || probe.extension === ".mhtml"))
      return { confidence: 0.3, reason: "an .mht web archive without QQ markers in its head" };
  }
  if (looksLikeBak(probe)) return { confidence: 0.6, variant: "bak", reason: "a binary .bak file: QQ 消息管理器's encrypted backup format" };
  if (probe.extension === ".mht" || probe.extension === ".mhtml") return { confidence: 0.2, reason: "the .mht extension alone" };
  return null;
}
