/**
 * WeChatMsg / MemoTrace (留痕) CSV (formats-cn.md §10.1): header
 * `localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender`.
 * Older versions write only the first nine fields for private chats (the last three were appended for
 * chat rooms only): 9 fields under a 12-column header.
 *
 * Columns are mapped by name (wechat-shared/csv-columns.ts): another version's extra columns, a
 * reordering or a missing optional column still read; only a missing required column refuses the file.
 */
import { columnKey, headerTests, mapHeader, unknownValues, type ColumnSpec, type HeaderMap, type UnknownColumn } from "../wechat-shared/csv-columns.js";

/** The header columns, in order. */
export const HEADER = ["localId", "TalkerId", "Type", "SubType", "IsSender", "CreateTime", "Status", "StrContent", "StrTime", "Remark", "NickName", "Sender"] as const;

/** A field the reader knows. */
export type WmKey = "localId" | "talkerId" | "type" | "subType" | "isSender" | "createTime" | "status" | "strContent" | "strTime" | "remark" | "nickName" | "sender";

/**
 * Header names of each field. Besides the WeChatMsg names (compared without case, `_`, `-`, spaces):
 * `is_send` and `timestamp` are the keys WeChatMsg's own HTML export writes for IsSender and CreateTime,
 * `isSend` the Android database's name.
 */
export const COLUMNS: readonly ColumnSpec<WmKey>[] = [
  { key: "localId", names: ["localId"] },
  { key: "talkerId", names: ["TalkerId"] },
  { key: "type", names: ["Type"] },
  { key: "subType", names: ["SubType"] },
  { key: "isSender", names: ["IsSender", "is_send"] },
  { key: "createTime", names: ["CreateTime", "timestamp"] },
  { key: "status", names: ["Status"] },
  { key: "strContent", names: ["StrContent"] },
  { key: "strTime", names: ["StrTime"] },
  { key: "remark", names: ["Remark"] },
  { key: "nickName", names: ["NickName"] },
  { key: "sender", names: ["Sender"] },
];

/**
 * Other columns of WeChat's MSG table (formats-cn.md §5.2) that a version selecting more of it would
 * write: known, so not reported, and kept per message in `extra.columns` like unknown ones.
 */
const MSG_TABLE = new Set(
  ["MsgSvrID", "Sequence", "StatusEx", "FlagEx", "MsgServerSeq", "MsgSequence", "StrTalker", "DisplayContent", "CompressContent", "BytesExtra", "BytesTrans", "Reserved0", "Reserved1", "Reserved2", "Reserved3", "Reserved4", "Reserved5", "Reserved6"].map(columnKey),
);

/** Fields without which no message can be read (time: CreateTime or StrTime). */
const REQUIRED: readonly WmKey[] = ["type", "isSender", "strContent"];
/** Names only WeChatMsg (and the MSG table it copies) uses: a header with four of them is this format's. */
const DISTINCTIVE: readonly WmKey[] = ["localId", "talkerId", "subType", "strContent", "strTime", "remark", "nickName", "sender"];
/** The columns older versions leave off private-chat rows. */
const APPENDED: ReadonlySet<WmKey> = new Set(["remark", "nickName", "sender"]);

/** A header read against the WeChatMsg columns. */
export interface WmHeader {
  map: HeaderMap<WmKey>;
  /** Required fields the header lacks ("createTime" standing for CreateTime-or-StrTime). */
  missing: WmKey[];
  /** Unknown columns (reported once each) and known MSG-table columns, all kept in `extra.columns`. */
  kept: UnknownColumn[];
  reported: UnknownColumn[];
  /** Optional WeChatMsg columns the header lacks. */
  absent: WmKey[];
  /** Count of WeChatMsg-only names found. */
  distinctive: number;
  /** Position of MSG's StrTalker column (the chat's wxid), when the header has one. */
  strTalker?: number;
  /** Position of MSG's MsgSvrID column (the message's server id), when the header has one. */
  msgSvrId?: number;
  /** Positions of the fields older private-chat rows leave off, when they are the header's last columns. */
  shortWidth?: number;
}

/** Reads header cells against the WeChatMsg columns. */
export function readWmHeader(cells: readonly string[]): WmHeader {
  const map = mapHeader(cells, COLUMNS, HEADER);
  const has = (k: WmKey) => map.index[k] !== undefined;
  const missing = REQUIRED.filter((k) => !has(k));
  if (!has("createTime") && !has("strTime")) missing.push("createTime");
  const reported = map.unknown.filter((u) => !MSG_TABLE.has(columnKey(u.name)));
  const absent = COLUMNS.map((c) => c.key).filter((k) => !has(k) && !missing.includes(k) && !(k === "strTime" && missing.includes("createTime")));
  const header: WmHeader = { map, missing, kept: map.unknown, reported, absent, distinctive: DISTINCTIVE.filter(has).length };
  const strTalker = map.unknown.find((u) => columnKey(u.name) === "strtalker");
  if (strTalker) header.strTalker = strTalker.index;
  const msgSvrId = map.unknown.find((u) => columnKey(u.name) === "msgsvrid");
  if (msgSvrId) header.msgSvrId = msgSvrId.index;
  // Rows may end before the appended columns when they are the header's last ones (the 9-field quirk).
  const tail = map.names.length - [...APPENDED].filter(has).length;
  if (tail < map.names.length && [...APPENDED].every((k) => !has(k) || map.index[k]! >= tail)) header.shortWidth = tail;
  return header;
}

/** The columns a message needs at least one of (its text or its time), as the refusal names them. */
export const MESSAGE_COLUMNS = '"StrContent", "CreateTime", "StrTime"';

/**
 * How strongly a header says WeChatMsg: "exact", "mapped" (readable by name), "incomplete" (a required
 * column missing), "not-messages" (WeChatMsg names, but none of the text and time columns: a contact or
 * other table, not a message export), or not at all.
 */
export function wmHeaderFit(h: WmHeader): "exact" | "mapped" | "incomplete" | "not-messages" | undefined {
  if (h.map.exact) return "exact";
  const ix = h.map.index;
  const strong = h.distinctive >= 4 && ix.strContent !== undefined;
  if (h.missing.length === 0 && strong) return "mapped";
  if (h.distinctive < 4) return undefined;
  if (ix.strContent === undefined && ix.createTime === undefined && ix.strTime === undefined) return "not-messages";
  return ix.localId !== undefined || ix.strContent !== undefined || ix.strTime !== undefined ? "incomplete" : undefined;
}

/** One data row. `short` marks the older private-chat form (no Remark/NickName/Sender). */
export interface WmRow {
  localId: string;
  talkerId: string;
  type: string;
  subType: string;
  isSender: string;
  createTime: string;
  status: string;
  strContent: string;
  strTime: string;
  remark: string;
  nickName: string;
  sender: string;
  short: boolean;
  /** Values of the columns the reader does not map, by header name. */
  columns?: Record<string, string>;
}

/** Maps a record to a row by the header's positions: its width (trailing empty extras tolerated) or the older short form; else undefined. */
export function toWmRow(h: WmHeader, f: string[]): WmRow | undefined {
  const width = h.map.names.length;
  let n = f.length;
  while (n > width && f[n - 1] === "") n--;
  const short = n !== width && n === h.shortWidth;
  if (n !== width && !short) return undefined;
  const ix = h.map.index;
  const at = (i: number | undefined): string => (i === undefined || i >= n ? "" : f[i]!);
  const row: WmRow = {
    localId: at(ix.localId), talkerId: at(ix.talkerId), type: at(ix.type), subType: at(ix.subType), isSender: at(ix.isSender),
    createTime: at(ix.createTime), status: at(ix.status), strContent: at(ix.strContent), strTime: at(ix.strTime),
    remark: at(ix.remark), nickName: at(ix.nickName), sender: at(ix.sender), short,
  };
  const columns = unknownValues(h.kept, n < f.length ? f.slice(0, n) : f);
  if (columns) row.columns = columns;
  return row;
}

/** The header tests of this format (every data row has an integer Type). */
export const wmHeaders = headerTests(readWmHeader, wmHeaderFit, (h) => h.map.index.type);
