import type { DetectResult, Probe } from "../../src/plugin/types.js";

/**
 * Recognises a decrypted `EnMicroMsg.db` by its tables (`message` with `rcontact`), a folder holding one,
 * or — by name only — an `EnMicroMsg.db` without a SQLite header, so the reader can say it is encrypted.
 */
export function detectWechatAndroid(probe: Probe): DetectResult | null {
  if (probe.listing) {
    const hit = probe.listing.find((n) => /(^|\/)EnMicroMsg\.db$/i.test(n));
    return hit ? { confidence: 0.9, variant: "folder", reason: `folder holding ${hit}` } : null;
  }
  const t = probe.sqliteTables;
  if (t && t.includes("message") && t.includes("rcontact")) return { confidence: 0.95, reason: "SQLite tables message + rcontact (WeChat Android)" };
  if (/(^|\/)EnMicroMsg\.db$/i.test(probe.name)) return { confidence: t ? 0.5 : 0.6, reason: "file name EnMicroMsg.db" };
  return null;
}
