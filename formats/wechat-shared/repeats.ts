import { ownedString } from "../../src/io/owned-string.js";
import type { SqliteDatabase } from "../../src/io/sqlite.js";
import { normalizeSvrid } from "./ids.js";

/** A column of server ids: a table of an open database, and the path of that database's private copy (to attach it). */
export interface IdColumn {
  db: SqliteDatabase;
  copyPath: string;
  table: string;
  column: string;
}

/** How a reader reads its server ids. */
export interface RepeatOptions {
  /** The reader treats a stored `-1` (integer or text) as "no server id" (wechat-android's local notices). */
  minusOneIsNone?: boolean;
}

const KEY_FUNCTION = "chatport_svrid_key";
const KEYS_TABLE = "temp.chatport_svrid_keys";
const ATTACHED = "chatport_ids";

/**
 * The server ids that occur on more than one row over all `columns` (normalised as {@link normalizeSvrid}
 * does, so `-1` and `18446744073709551615` are one id). Only these can repeat, so only these need
 * remembering while rows stream by: the readers used to keep every id in an exact set, which grew
 * with the messages (16 bytes a slot, 21–43 bytes an id). Same approach as wechat-pc3's repeats.ts:
 * SQLite groups the ids in its sorter, which spills to temporary files beyond its cache, so memory stays
 * flat; the set returned holds only real repeats (none in a healthy database).
 *
 * Each column is read as the readers read it (`CAST(column AS TEXT)`, then `normalizeSvrid`), except
 * that integers, the common case, are grouped as they are. An id counts once per row: a caller that
 * checks repeats per conversation gets candidates repeated across conversations too, never a miss.
 */
export function repeatedServerIds(columns: IdColumn[], options: RepeatOptions = {}): Set<string> {
  const repeats = new Set<string>();
  if (columns.length === 0) return repeats;
  const db = columns[0]!.db;
  db.function(KEY_FUNCTION, { deterministic: true, safeIntegers: true }, svridKey);
  const keyOf = (source: string, column: string): string => {
    const c = `${source}.${quote(column)}`;
    const none = options.minusOneIsNone ? `WHEN CAST(${c} AS TEXT) = '-1' COLLATE BINARY THEN NULL ` : "";
    return `CASE typeof(${c}) WHEN 'integer' THEN ${options.minusOneIsNone ? `NULLIF(NULLIF(${c}, 0), -1)` : `NULLIF(${c}, 0)`} WHEN 'null' THEN NULL ` +
      `ELSE CASE ${none}WHEN 1 THEN ${KEY_FUNCTION}(CAST(${c} AS TEXT)) END END`;
  };
  const select = (schema: string, col: IdColumn): string => {
    const source = `${schema}.${quote(col.table)}`;
    return `SELECT key FROM (SELECT ${keyOf(source, col.column)} AS key FROM ${source}) WHERE key IS NOT NULL`;
  };
  const collect = (sql: string): void => {
    for (const [key] of db.prepare(sql).safeIntegers(true).raw(true).iterate() as Iterable<[bigint]>) repeats.add(BigInt.asUintN(64, key).toString());
  };
  if (columns.length === 1) {
    collect(`${select("main", columns[0]!)} GROUP BY key HAVING count(*) > 1`);
    return repeats;
  }
  // Several tables: a repeat may sit in two of them. Their keys go into one temporary table (SQLite's
  // temp store is a file), other databases attached one at a time on the first one's connection.
  db.exec(`CREATE TABLE ${KEYS_TABLE}(key INTEGER)`);
  try {
    const byFile = new Map<SqliteDatabase, IdColumn[]>();
    for (const c of columns) byFile.set(c.db, [...(byFile.get(c.db) ?? []), c]);
    for (const [other, cols] of byFile) {
      const schema = other === db ? "main" : ATTACHED;
      if (other !== db) db.prepare(`ATTACH DATABASE ? AS ${ATTACHED}`).run(cols[0]!.copyPath);
      try {
        for (const c of cols) db.exec(`INSERT INTO ${KEYS_TABLE} ${select(schema, c)}`);
      } finally {
        if (other !== db) db.exec(`DETACH DATABASE ${ATTACHED}`);
      }
    }
    collect(`SELECT key FROM ${KEYS_TABLE} GROUP BY key HAVING count(*) > 1`);
  } finally {
    db.exec(`DROP TABLE ${KEYS_TABLE}`);
  }
  return repeats;
}

/**
 * Hands out ids while rows stream by: an id that cannot repeat (by the set given: the exact one from
 * {@link repeatedServerIds}, or a `RepeatSketch` of a CSV's first pass) is always granted; one that may,
 * only the first time, so the rows after it fall back to local ids. Memory: the ids the set flags.
 */
export class RepeatGuard {
  private readonly claimed = new Set<string>();

  constructor(private readonly repeats: { has(id: string): boolean }) {}

  /** True when `id` may be used as the message id (first of its value); false for a later repeat. */
  claim(id: string): boolean {
    if (!this.repeats.has(id)) return true;
    if (this.claimed.has(id)) return false;
    this.claimed.add(ownedString(id)); // not a view into a CSV chunk: 8k flagged ids of 4M rows held 500 MB
    return true;
  }

  /** Forgets the ids claimed (a reader that checks repeats per conversation calls it at each one). */
  reset(): void {
    this.claimed.clear();
  }
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The grouping key of a server id that SQLite does not store as an integer: its normalised value as a signed 64-bit integer. */
function svridKey(text: unknown): bigint | null {
  const id = normalizeSvrid(typeof text === "string" ? text : null);
  return id === undefined ? null : BigInt.asIntN(64, BigInt(id));
}
