import type { DetectResult, Probe } from "../../src/plugin/types.js";
import { CONTACT_DB, MESSAGE_DB } from "./layout.js";

/** A `db_storage` folder with message_N.db (+ contact.db), or one database with `Msg_<md5>` tables + Name2Id. */
export function detectV4(probe: Probe): DetectResult | null {
  if (probe.listing) {
    const dbs = probe.listing.filter((f) => MESSAGE_DB.test(f));
    if (dbs.length === 0) return null;
    const inStorage = dbs.some((f) => /(^|\/)db_storage\/message\//.test(f));
    const contact = probe.listing.some((f) => CONTACT_DB.test(f));
    const confidence = inStorage && contact ? 0.95 : inStorage || contact ? 0.85 : 0.6;
    return { confidence, variant: "folder", reason: `${dbs.length} message_N.db file(s)${contact ? " and contact.db" : ""}` };
  }
  const t = probe.sqliteTables;
  if (!t) return null;
  const msg = t.some((n) => /^Msg_[0-9a-f]{32}$/i.test(n));
  if (msg && t.includes("Name2Id")) return { confidence: 0.95, variant: "single-db", reason: "Msg_<md5> tables and Name2Id" };
  if (msg) return { confidence: 0.7, variant: "single-db", reason: "Msg_<md5> tables" };
  return null;
}
