import type { SqliteDatabase } from "../../src/io/sqlite.js";
import { normalizeSvrid } from "../wechat-shared/ids.js";
import { columnsOf } from "./schema.js";

/** One opened shard: its connection and the path of its private copy (attached to read two shards in one query). */
export interface RepeatShard {
  db: SqliteDatabase;
  copyPath: string;
}

const KEY_FUNCTION = "chatport_svrid_key";
const KEYS_TABLE = "temp.chatport_svrid_keys";

/**
 * The server ids that occur on more than one MSG row, over every shard (normalised as
 * {@link normalizeSvrid} does, so `-1` and `18446744073709551615` are one id). Only these can repeat in
 * a conversation, so only these need remembering while rows stream by.
 *
 * Remembering every id of a conversation instead (an exact table of all ids seen) grew with the
 * conversation: 32 MiB at 1M rows, a fifth of the process's peak memory, and 128 MiB at 4M. Here SQLite
 * groups the ids in its sorter, which spills to temporary files beyond the 4 MiB cache, so memory stays
 * flat; the set returned holds only real repeats (none in a healthy database). Cost: one more pass over
 * MSG in SQLite (~0.2 s per million rows on one shard).
 *
 * An id counts once per row, whatever the conversation: an id repeated across two chats is a candidate
 * that the caller checks per conversation, never a false duplicate.
 */
export function repeatedServerIds(shards: RepeatShard[]): Set<string> {
  const withIds = shards.filter((s) => columnsOf(s.db, "MSG").has("MsgSvrID"));
  const repeats = new Set<string>();
  if (withIds.length === 0) return repeats;
  const db = withIds[0]!.db;
  db.function(KEY_FUNCTION, { deterministic: true, safeIntegers: true }, svridKey);
  const keyOf = (table: string): string =>
    `CASE typeof(${table}.MsgSvrID) WHEN 'integer' THEN NULLIF(${table}.MsgSvrID, 0) WHEN 'null' THEN NULL ` +
    `ELSE ${KEY_FUNCTION}(CAST(${table}.MsgSvrID AS TEXT)) END`;
  const collect = (sql: string): void => {
    for (const [key] of db.prepare(sql).safeIntegers(true).raw(true).iterate() as Iterable<[bigint]>) repeats.add(BigInt.asUintN(64, key).toString());
  };
  if (withIds.length === 1) {
    collect(`SELECT key FROM (SELECT ${keyOf("main.MSG")} AS key FROM main.MSG) WHERE key IS NOT NULL GROUP BY key HAVING count(*) > 1`);
    return repeats;
  }
  // Several shards: a repeat may sit in two of them. Their keys go into one temporary table on the first
  // shard's connection (SQLite's temp store: a file, not memory), the others attached one at a time.
  db.exec(`CREATE TABLE ${KEYS_TABLE}(key INTEGER)`);
  try {
    for (const [i, s] of withIds.entries()) {
      const schema = i === 0 ? "main" : "chatport_shard";
      if (i > 0) db.prepare(`ATTACH DATABASE ? AS ${schema}`).run(s.copyPath);
      try {
        db.exec(`INSERT INTO ${KEYS_TABLE} SELECT key FROM (SELECT ${keyOf(`${schema}.MSG`)} AS key FROM ${schema}.MSG) WHERE key IS NOT NULL`);
      } finally {
        if (i > 0) db.exec(`DETACH DATABASE ${schema}`);
      }
    }
    collect(`SELECT key FROM ${KEYS_TABLE} GROUP BY key HAVING count(*) > 1`);
  } finally {
    db.exec(`DROP TABLE ${KEYS_TABLE}`);
  }
  return repeats;
}

/** The grouping key of a server id that SQLite does not store as an integer: its normalised value as a signed 64-bit integer. */
function svridKey(text: unknown): bigint | null {
  const id = normalizeSvrid(typeof text === "string" ? text : null);
  return id === undefined ? null : BigInt.asIntN(64, BigInt(id));
}
