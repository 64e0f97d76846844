import type { DetectResult, Probe } from "../../src/plugin/types.js";
import { MICROMSG, SHARD } from "./layout.js";

/**
 * A folder with `MSG<n>.db` (+ `MicroMsg.db`), or one database with the `MSG` table (formats-cn.md §0, §5).
 * 4.x (`message_0.db`, `Msg_<md5>`) and Android (`EnMicroMsg.db`, `message`) do not match.
 */
export function detectPc3(probe: Probe): DetectResult | null {
  if (probe.listing) {
    const shards = probe.listing.filter((f) => SHARD.test(f));
    if (shards.length === 0) return null;
    const micro = probe.listing.some((f) => MICROMSG.test(f));
    return micro
      ? { confidence: 0.95, variant: "folder", reason: `${shards.length} MSG shard(s) and MicroMsg.db` }
      : { confidence: 0.8, variant: "folder", reason: `${shards.length} MSG shard(s), no MicroMsg.db` };
  }
  const t = probe.sqliteTables;
  if (!t) return null;
  if (t.includes("MSG")) return { confidence: t.includes("Name2ID") ? 0.95 : 0.85, variant: "single-db", reason: "SQLite database with the MSG table" };
  return null;
}
