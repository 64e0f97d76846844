import type { DetectResult, Probe } from "../../src/plugin/types.js";
import { sqliteOffset } from "./open.js";

/**
 * Recognises a decrypted QQNT nt_msg.db by its tables, a decrypted file still carrying the 1024-byte
 * QQNT header, a folder holding nt_msg.db, or (weakly) the file name alone — an encrypted nt_msg.db is
 * claimed so that reading it gives the "decrypt first" error.
 */
export function detectQqntDb(probe: Probe): DetectResult | null {
  if (probe.listing) {
    const db = probe.listing.find((p) => /(^|\/)nt_msg\.db$/i.test(p));
    return db ? { confidence: 0.9, variant: "folder", reason: `folder holding ${db}` } : null;
  }
  const tables = probe.sqliteTables ?? [];
  if (tables.includes("c2c_msg_table") || tables.includes("group_msg_table"))
    return { confidence: 0.97, reason: "SQLite database with QQNT c2c_msg_table/group_msg_table" };
  const named = /(^|\/)nt_msg\.db$/i.test(probe.name);
  if (sqliteOffset(probe.head) === 1024)
    return { confidence: named ? 0.95 : 0.8, variant: "with-qqnt-header", reason: "SQLite database after a 1024-byte QQNT header" };
  if (named && !tables.length) return { confidence: 0.6, variant: "encrypted?", reason: "named nt_msg.db (no readable SQLite header)" };
  return null;
}
