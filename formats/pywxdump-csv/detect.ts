import type { DetectResult, Probe } from "../../src/plugin/types.js";
import { headerLayout } from "./layout.js";

/** Recognises a PyWxDump CSV by its exact header line (v3 `…,msg,src,CreateTime` or v2 `…,content,CreateTime`). */
export function detectPyWxDumpCsv(probe: Probe): DetectResult | null {
  if (probe.listing) {
    // An export folder: page files `{wxid}_{start}_{end}.csv` beside users.json (formats-cn.md §10.2).
    const pages = probe.listing.filter((n) => /_\d+_\d+\.csv$/i.test(n));
    const users = probe.listing.some((n) => /(^|\/)users\.json$/.test(n));
    return pages.length && users ? { confidence: 0.8, variant: "folder", reason: `${pages.length} PyWxDump page file(s) {wxid}_{start}_{end}.csv beside users.json` } : null;
  }
  if (!probe.text) return null;
  const first = probe.text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const layout = headerLayout(first.split(",").map((c) => c.replace(/^"(.*)"$/, "$1")));
  if (!layout) return null;
  return { confidence: 0.97, variant: layout, reason: `PyWxDump ${layout} CSV header` };
}
