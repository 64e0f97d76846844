import { createHash } from "node:crypto";
import { ChatportError } from "../../src/diagnostics/errors.js";
import { columnNames, quoteIdent, tableNames, type SqliteDatabase } from "../../src/io/sqlite.js";

/**
 * 4.x message databases (formats-cn.md §6): one table per conversation, `Msg_` + md5(username), and
 * `Name2Id(user_name, is_session)` whose **rowid** is `real_sender_id` (per file). Verbatim DDL:
 *
 *   CREATE TABLE "Msg_<md5>" ("local_id" INTEGER, "server_id" INTEGER, "local_type" INTEGER, "sort_seq" INTEGER,
 *    "real_sender_id" INTEGER, "create_time" INTEGER, "status" INTEGER, "upload_status" INTEGER,
 *    "download_status" INTEGER, "server_seq" INTEGER, "origin_source" INTEGER, "source" TEXT,
 *    "message_content" TEXT, "compress_content" TEXT, "packed_info_data" BLOB,
 *    "WCDB_CT_message_content" INTEGER DEFAULT NULL, "WCDB_CT_source" INTEGER DEFAULT NULL,
 *    PRIMARY KEY("local_id" AUTOINCREMENT));
 */
export interface V4Row {
  rowid: bigint;
  localId: bigint | null;
  svrid: string | null;
  localType: bigint | null;
  sortSeq: bigint | null;
  realSenderId: bigint | null;
  createTime: bigint | null;
  /** create_time as an SQL literal when it is not a number ('text', X'…', NULL); null when it is. */
  createTimeRaw: string | null;
  status: bigint | null;
  content: string | Buffer | null;
  ct: bigint | null;
}

/** md5 hex of a username, as in `Msg_<md5>`. */
export const md5Hex = (s: string): string => createHash("md5").update(s, "utf8").digest("hex");

/** One message database: its Msg_ tables (by md5) and its Name2Id map (rowid → username). */
export interface V4Database {
  file: string;
  db: SqliteDatabase;
  tables: Map<string, string>;
  names: Map<bigint, string>;
  /** Path of the private copy (repeats.ts attaches it to find server ids repeated across databases). */
  copyPath: string;
  /** Views named like message tables (`Msg_<md5>`): not read, reported. */
  messageViews: string[];
}

/** Reads the table list and Name2Id of a message database, refusing unknown schemas. */
export function describeDatabase(db: SqliteDatabase, file: string, copyPath: string): V4Database {
  const all = tableNames(db);
  const tables = new Map<string, string>();
  for (const t of all) {
    const m = /^Msg_([0-9a-f]{32})$/i.exec(t);
    if (m) tables.set(m[1]!.toLowerCase(), t);
  }
  const nameCols = columnNames(db, "Name2Id");
  if (tables.size === 0 && !nameCols.has("user_name"))
    throw new ChatportError("unknown-format", `${file} has neither Msg_<md5> tables nor Name2Id, so it is not a WeChat 4.x message database; its tables are: ${all.join(", ") || "(none)"}.`);
  const names = new Map<bigint, string>();
  if (nameCols.has("user_name"))
    for (const r of db.prepare("SELECT rowid AS id, CAST(user_name AS TEXT) AS name FROM Name2Id").safeIntegers(true).iterate() as Iterable<{ id: bigint; name: string | null }>)
      if (r.name) names.set(r.id, r.name);
  const messageViews = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name").all() as { name: string }[])
    .map((r) => r.name)
    .filter((n) => /^Msg_[0-9a-f]{32}$/i.test(n));
  return { file, db, tables, names, copyPath, messageViews };
}

/** The ordered SELECT over one Msg_ table, with the columns this version has. */
export function messageQuery(db: SqliteDatabase, table: string, file: string): string {
  const cols = columnNames(db, table);
  const missing = ["local_type", "create_time", "message_content"].filter((c) => !cols.has(c));
  if (missing.length)
    throw new ChatportError("unknown-format", `${file} table ${table} lacks ${missing.join(", ")}; this WeChat 4.x schema is unknown (columns: ${[...cols].join(", ")}).`);
  const c = (name: string, as: string, cast?: string): string => (cols.has(name) ? (cast ? `CAST("${name}" AS ${cast}) AS ${as}` : `"${name}" AS ${as}`) : `NULL AS ${as}`);
  // INTEGER columns as integers or NULL: a damaged or hand-edited table may hold text or a BLOB there,
  // which would reach the row code as a string/Buffer where a bigint is expected (NULL is handled).
  const n = (name: string, as: string): string =>
    cols.has(name) ? `CASE typeof("${name}") WHEN 'integer' THEN "${name}" WHEN 'real' THEN CAST("${name}" AS INTEGER) END AS ${as}` : `NULL AS ${as}`;
  return `SELECT rowid AS rowid, ${n("local_id", "localId")}, ${c("server_id", "svrid", "TEXT")}, ${n("local_type", "localType")}, ${n("sort_seq", "sortSeq")},
    ${n("real_sender_id", "realSenderId")}, ${n("create_time", "createTime")}, CASE typeof("create_time") WHEN 'integer' THEN NULL WHEN 'real' THEN NULL ELSE quote("create_time") END AS createTimeRaw,
    ${n("status", "status")}, CAST(message_content AS BLOB) AS content,
    ${n("WCDB_CT_message_content", "ct")} FROM ${quoteIdent(table)} ORDER BY createTime, sortSeq, localId, rowid`;
}

/**
 * True when a Msg_ table's fallback ids (`local_id`, else rowid) cannot repeat: no `local_id` column, or
 * `local_id` is the table's INTEGER PRIMARY KEY (an alias of rowid), as in every known 4.x schema.
 */
export function localIdsUnique(db: SqliteDatabase, table: string): boolean {
  const info = db.prepare(`PRAGMA table_info(${quoteIdent(table)})`).all() as { name: string; type: string; pk: number }[];
  if (!info.some((c) => c.name === "local_id")) return true;
  const pk = info.filter((c) => c.pk > 0);
  return pk.length === 1 && pk[0]!.name === "local_id" && pk[0]!.type.toUpperCase() === "INTEGER";
}
