import type { DetectResult, Probe } from "../../src/plugin/types.js";
import { probeHeaderCells } from "../wechat-shared/csv-columns.js";
import { readWmHeader, wmHeaderFit } from "./layout.js";

/**
 * Recognises a WeChatMsg / MemoTrace CSV by its header line: the exact header, or one whose columns
 * map by name (another version's extra, reordered or missing optional columns) with at least four
 * names only WeChatMsg writes. A header with those names but without a column the reader needs is
 * still claimed, weakly, so the reader can say which column is missing; one without any of the text
 * and time columns (a contact table dump) is not.
 */
export function detectWechatMsgCsv(probe: Probe): DetectResult | null {
  if (probe.listing) {
    // WeChatMsg's `聊天记录/<Remark>/<Remark>_utf8.csv`, or MemoTrace's `<Remark>(<wxid>)/<Remark>.csv` (formats-cn.md §10.1).
    const hits = probe.listing.filter((n) => /_utf8\.csv$/i.test(n) || /(^|\/)[^/]*\([^()/]+\)\/[^/]+\.csv$/i.test(n));
    return hits.length ? { confidence: 0.7, variant: "folder", reason: `${hits.length} WeChatMsg-named CSV file(s) (<Remark>_utf8.csv or <Remark>(<wxid>)/<Remark>.csv)` } : null;
  }
  if (!probe.text) return null;
  const h = readWmHeader(probeHeaderCells(probe.text));
  const fit = wmHeaderFit(h);
  if (fit === "exact") return { confidence: 0.97, reason: "WeChatMsg/MemoTrace CSV header (localId,TalkerId,Type,SubType,…,Sender)" };
  if (fit === "mapped") {
    const notes = [h.reported.length ? `${h.reported.length} other column(s)` : "", h.absent.length ? `${h.absent.length} optional column(s) missing` : "", h.reported.length || h.absent.length ? "" : "columns reordered or renamed"].filter(Boolean);
    return { confidence: 0.9, variant: "columns", reason: `WeChatMsg/MemoTrace CSV columns by name (${notes.join(", ")})` };
  }
  // Its names, but no text or time column: a contact or other table, no message export (not claimed, even weakly).
  if (fit === "not-messages") return null;
  if (fit === "incomplete") return { confidence: 0.6, variant: "incomplete", reason: "WeChatMsg/MemoTrace CSV column names, but a column the reader needs is missing" };
  return null;
}
