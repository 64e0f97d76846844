import { ChatportError } from "../../src/diagnostics/errors.js";
import { columnNames, tableNames, type SqliteDatabase } from "../../src/io/sqlite.js";

/**
 * The PC 3.x `MSG` table (formats-cn.md §5.2; verbatim DDL from three tools):
 *
 *   CREATE TABLE MSG (localId INTEGER PRIMARY KEY AUTOINCREMENT, TalkerId INT DEFAULT 0, MsgSvrID INT,
 *    Type INT, SubType INT, IsSender INT, CreateTime INT, Sequence INT DEFAULT 0, StatusEx INT DEFAULT 0,
 *    FlagEx INT, Status INT, MsgServerSeq INT, MsgSequence INT, StrTalker TEXT, StrContent TEXT,
 *    DisplayContent TEXT, Reserved0 INT DEFAULT 0, …, CompressContent BLOB, BytesExtra BLOB, BytesTrans BLOB)
 *
 * Versions differ, so columns are probed (PRAGMA table_info) and absent optional ones read as NULL.
 *
 * Rows are read as arrays in {@link messageQuery}'s column order (better-sqlite3 `raw` mode): a row
 * object per message cost more than the rest of the row's handling at 1M rows.
 */
export type MsgRow = [
  localId: bigint,
  svrid: string | null,
  type: bigint | null,
  subType: bigint | null,
  isSender: bigint | null,
  createTime: bigint | null,
  sequence: bigint | null,
  talker: string | null,
  content: string | Buffer | null,
  compress: Buffer | null,
  /** BytesExtra when it is not a BLOB (NULL for a BLOB: see bytesExtraHex). */
  bytesExtra: Buffer | string | bigint | number | null,
  display: string | null,
  /** A BLOB BytesExtra as SQLite's hex(): a string costs far less than a Buffer per row. */
  bytesExtraHex: string | null,
];

/** Positions of the columns in a {@link MsgRow}. */
export const LOCAL_ID = 0, SVRID = 1, TYPE = 2, SUB_TYPE = 3, IS_SENDER = 4, CREATE_TIME = 5, SEQUENCE = 6, TALKER = 7;
export const CONTENT = 8, COMPRESS = 9, BYTES_EXTRA = 10, DISPLAY = 11, BYTES_EXTRA_HEX = 12;

/** The SELECT over MSG with every column this version has, ordered by conversation then time (rows are read by position, {@link MsgRow}: keep their order). */
export function messageQuery(db: SqliteDatabase, file: string): string {
  const cols = columnNames(db, "MSG");
  if (cols.size === 0)
    throw new ChatportError("unknown-format", `${file} has no MSG table, so it is not a WeChat PC 3.x message database; its tables are: ${tableNames(db).join(", ") || "(none)"}.`);
  const need = ["Type", "CreateTime"].filter((c) => !cols.has(c));
  let talker: string | undefined;
  // Text, whatever the cell's storage class (a BLOB here would reach the reader as a Buffer).
  if (cols.has("StrTalker")) talker = "CAST(MSG.StrTalker AS TEXT)";
  else if (cols.has("TalkerId") && columnNames(db, "Name2ID").has("UsrName")) talker = "(SELECT CAST(UsrName AS TEXT) FROM Name2ID WHERE Name2ID.rowid = MSG.TalkerId)";
  if (need.length || !talker)
    throw new ChatportError("unknown-format", `${file} has a MSG table without ${[...need, ...(talker ? [] : ["StrTalker/TalkerId"])].join(", ")}; this WeChat PC schema is unknown (columns: ${[...cols].join(", ")}).`);
  // BytesExtra (on every row) comes as hex text when it is a BLOB: better-sqlite3 makes a Buffer (a
  // malloc'd copy) per BLOB, which cost ~0.35 s and much of the external memory at 1M rows.
  const hasBe = cols.has("BytesExtra");
  const bytesExtra = hasBe ? "CASE WHEN typeof(MSG.BytesExtra) = 'blob' THEN NULL ELSE MSG.BytesExtra END AS bytesExtra" : "NULL AS bytesExtra";
  const bytesExtraHex = hasBe ? "CASE WHEN typeof(MSG.BytesExtra) = 'blob' THEN hex(MSG.BytesExtra) END AS bytesExtraHex" : "NULL AS bytesExtraHex";
  const c = (name: string, as: string, cast?: string): string => (cols.has(name) ? `${cast ? `CAST(MSG.${name} AS ${cast})` : `MSG.${name}`} AS ${as}` : `NULL AS ${as}`);
  return `SELECT MSG.rowid AS localId, ${c("MsgSvrID", "svrid", "TEXT")}, MSG.Type AS type, ${c("SubType", "subType")}, ${c("IsSender", "isSender")},
    MSG.CreateTime AS createTime, ${c("Sequence", "sequence")}, ${talker} AS talker, ${c("StrContent", "content")},
    ${c("CompressContent", "compress")}, ${bytesExtra}, ${c("DisplayContent", "display")}, ${bytesExtraHex}
    FROM MSG ORDER BY talker, createTime, sequence, localId`;
}

/** The recall notices of a shard: `10002` rows whose XML names the recalled message. */
export function recallQuery(db: SqliteDatabase): string | undefined {
  const cols = columnNames(db, "MSG");
  if (!cols.has("StrContent")) return undefined;
  return `SELECT StrContent AS content FROM MSG WHERE Type = 10002 AND StrContent LIKE '%revokemsg%'`;
}
