import type { DetectResult, Probe } from "../../src/plugin/types.js";
import { isWechatMsgHeader } from "./layout.js";

/** Recognises a WeChatMsg / MemoTrace CSV by its exact header line. */
export function detectWechatMsgCsv(probe: Probe): DetectResult | null {
  if (probe.listing) {
    // WeChatMsg's `聊天记录/<Remark>/<Remark>_utf8.csv`, or MemoTrace's `<Remark>(<wxid>)/<Remark>.csv` (formats-cn.md §10.1).
    const hits = probe.listing.filter((n) => /_utf8\.csv$/i.test(n) || /(^|\/)[^/]*\([^()/]+\)\/[^/]+\.csv$/i.test(n));
    return hits.length ? { confidence: 0.7, variant: "folder", reason: `${hits.length} WeChatMsg-named CSV file(s) (<Remark>_utf8.csv or <Remark>(<wxid>)/<Remark>.csv)` } : null;
  }
  if (!probe.text) return null;
  const first = probe.text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  if (!isWechatMsgHeader(first.split(",").map((c) => c.replace(/^"(.*)"$/, "$1")))) return null;
  return { confidence: 0.97, reason: "WeChatMsg/MemoTrace CSV header (localId,TalkerId,Type,SubType,…,Sender)" };
}
