/**
 * The QQNT `nt_msg.db` message tables, columns named by numeric strings (formats-cn.md §3.2–3.3;
 * community reverse engineering, QQBackup/QQDecrypt). Only the columns below are interpreted; every other
 * column of a row is kept in `extra.columns` (integers as decimal text, blobs as hex).
 *
 * ```sql
 * CREATE TABLE group_msg_table (          -- and c2c_msg_table with the same numbering
 *   "40001" INTEGER PRIMARY KEY,         -- msgId, unique (64-bit: read as text)
 *   "40002" INTEGER, "40003" INTEGER,    -- msgRandom; msgSeq (group: per-group sequence; c2c: reverse, often 0)
 *   "40010" INTEGER,                     -- chatType: 1 private, 2 group, 4 guild, 100 temp …
 *   "40011" INTEGER, "40012" INTEGER,    -- msgType / subMsgType (hints only; sources conflict, §3.5)
 *   "40013" INTEGER,                     -- c2c: 0 received, 1/2 sent, 3 system; group: 1/2 sent by me, 0 others
 *   "40020" TEXT, "40021" TEXT,          -- sender NT uid (u_…); peer uid (group id as text in groups)
 *   "40027" INTEGER, "40030" INTEGER,    -- group: peer uin / group number; c2c: local conversation id / peer QQ
 *   "40033" INTEGER,                     -- sender QQ number
 *   "40050" INTEGER,                     -- send time, Unix seconds
 *   "40090" TEXT, "40093" TEXT,          -- group card ("name(12345)" in migrated data); nickname / remark
 *   "40600" BLOB,                        -- flags: 14 00 reply; c2 e9 13 04 a8 d1 14 … recalled
 *   "40800" BLOB,                        -- body protobuf (elements.ts)
 *   "40850" INTEGER,                     -- group: seq of the message replied to
 *   …);
 * ```
 */
export const C = {
  msgId: "40001", random: "40002", seq: "40003", chatType: "40010", msgType: "40011", subMsgType: "40012",
  sendType: "40013", senderUid: "40020", peerUid: "40021", peerUin: "40027", peerNumber: "40030",
  senderUin: "40033", time: "40050", card: "40090", nickname: "40093", flags: "40600", body: "40800",
  replySeq: "40850",
} as const;

/** The message tables, with how a conversation is keyed in each (§13). */
export const TABLES = [
  { name: "c2c_msg_table", chat: "c2c", key: [C.peerUin, C.peerNumber, C.peerUid] },
  { name: "group_msg_table", chat: "group", key: [C.peerNumber, C.peerUin, C.peerUid] },
] as const;

/** A row as better-sqlite3 returns it with safeIntegers: integers are bigint, blobs Buffer. */
export type Row = Record<string, bigint | number | string | Buffer | null>;

/** Columns the reader maps into model fields (the rest go to `extra.columns`). */
export const MAPPED = new Set<string>([C.msgId, C.time, C.body, C.senderUid, C.senderUin, C.card, C.nickname, "_rowid", "_key"]);

/** A cell as text: integers in decimal, blobs in hex, null/empty as undefined. */
export function cellText(v: Row[string] | undefined): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "bigint" || typeof v === "number") return String(v);
  if (Buffer.isBuffer(v)) return v.length ? v.toString("hex") : undefined;
  return v === "" ? undefined : v;
}

/** A cell as a non-zero integer in decimal (QQ numbers, ids), else undefined. */
export function cellId(v: Row[string] | undefined): string | undefined {
  const t = cellText(v);
  return t !== undefined && /^\d+$/.test(t) && t !== "0" ? t : undefined;
}

/** A cell as a small number (types, flags, seconds), else undefined. */
export function cellNumber(v: Row[string] | undefined): number | undefined {
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number") return v;
  if (typeof v === "string" && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
}
