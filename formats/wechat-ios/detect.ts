import type { DetectResult, Probe } from "../../src/plugin/types.js";

/** Recognises WeChat iOS `MM.sqlite` by its `Chat_<md5>` tables, or a folder holding one. */
export function detectWechatIos(probe: Probe): DetectResult | null {
  if (probe.listing) {
    const hit = probe.listing.find((n) => /(^|\/)MM\.sqlite$/i.test(n));
    return hit ? { confidence: 0.9, variant: "folder", reason: `folder holding ${hit}` } : null;
  }
  const chats = probe.sqliteTables?.filter((t) => /^Chat_[0-9a-f]{32}$/i.test(t)).length ?? 0;
  if (chats > 0) return { confidence: 0.95, reason: `${chats} Chat_<md5> table(s) (WeChat iOS)` };
  if (/(^|\/)MM\.sqlite$/i.test(probe.name)) return { confidence: probe.sqliteTables ? 0.5 : 0.6, reason: "file name MM.sqlite" };
  return null;
}
