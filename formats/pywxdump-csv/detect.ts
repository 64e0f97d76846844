import type { DetectResult, Probe } from "../../src/plugin/types.js";
import { probeHeaderCells } from "../wechat-shared/csv-columns.js";
import { pyHeaderFit, readPyHeader } from "./layout.js";

/**
 * Recognises a PyWxDump CSV by its header line: the exact v3 (`…,msg,src,CreateTime`) or v2
 * (`…,content,CreateTime`) header, or one whose columns map by name (another version's extra,
 * reordered or missing optional columns) with at least three names only PyWxDump writes. A header with
 * those names but without a column the reader needs is still claimed, weakly, so the reader can say
 * which column is missing.
 */
export function detectPyWxDumpCsv(probe: Probe): DetectResult | null {
  if (probe.listing) {
    // An export folder: page files `{wxid}_{start}_{end}.csv` beside users.json (formats-cn.md §10.2).
    const pages = probe.listing.filter((n) => /_\d+_\d+\.csv$/i.test(n));
    const users = probe.listing.some((n) => /(^|\/)users\.json$/.test(n));
    return pages.length && users ? { confidence: 0.8, variant: "folder", reason: `${pages.length} PyWxDump page file(s) {wxid}_{start}_{end}.csv beside users.json` } : null;
  }
  if (!probe.text) return null;
  const h = readPyHeader(probeHeaderCells(probe.text));
  const fit = pyHeaderFit(h);
  if (fit === "exact") return { confidence: 0.97, variant: h.layout, reason: `PyWxDump ${h.layout} CSV header` };
  if (fit === "mapped") {
    const notes = [h.reported.length ? `${h.reported.length} other column(s)` : "", h.absent.length ? `${h.absent.length} optional column(s) missing` : "", h.reported.length || h.absent.length ? "" : "columns reordered or renamed"].filter(Boolean);
    return { confidence: 0.9, variant: h.layout, reason: `PyWxDump ${h.layout} CSV columns by name (${notes.join(", ")})` };
  }
  // Its names, but no text or time column: a contact or other table, no message export (not claimed, even weakly).
  if (fit === "not-messages") return null;
  if (fit === "incomplete") return { confidence: 0.6, variant: "incomplete", reason: "PyWxDump CSV column names, but a column the reader needs is missing" };
  return null;
}
