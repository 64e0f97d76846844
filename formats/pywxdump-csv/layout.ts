/**
 * The two PyWxDump CSV layouts (formats-cn.md §10.2):
 * v3 (2024-04+) `id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime`;
 * v2 (≤ early 2024) `id,MsgSvrID,type_name,is_sender,talker,room_name,content,CreateTime` where
 * `content` is a JSON string `{"src": "…", "msg": "…"}`.
 *
 * Columns are mapped by name (wechat-shared/csv-columns.ts): a version that adds a column (the JSON
 * export's `extra`, say), a spreadsheet that reorders them, or a missing optional column still read;
 * the layout is v3 when the header has `msg`, else v2 (`content`).
 */
import { columnKey, headerTests, mapHeader, unknownValues, type ColumnSpec, type HeaderMap, type UnknownColumn } from "../wechat-shared/csv-columns.js";

/** A PyWxDump CSV generation. */
export type PyLayout = "v3" | "v2";

/** Header columns of each layout, in order. */
export const HEADERS: Record<PyLayout, readonly string[]> = {
  v3: ["id", "MsgSvrID", "type_name", "is_sender", "talker", "room_name", "msg", "src", "CreateTime"],
  v2: ["id", "MsgSvrID", "type_name", "is_sender", "talker", "room_name", "content", "CreateTime"],
};

/** A field the reader knows. */
export type PyKey = "id" | "msgSvrId" | "typeName" | "isSender" | "talker" | "room" | "msg" | "src" | "content" | "createTime";

/**
 * Header names of each field (compared without case, `_`, `-`, spaces). `StrTalker` is the MSG column
 * PyWxDump writes as room_name (formats-cn.md §5.2, §13).
 */
export const COLUMNS: readonly ColumnSpec<PyKey>[] = [
  { key: "id", names: ["id"] },
  { key: "msgSvrId", names: ["MsgSvrID"] },
  { key: "typeName", names: ["type_name"] },
  { key: "isSender", names: ["is_sender"] },
  { key: "talker", names: ["talker"] },
  { key: "room", names: ["room_name", "StrTalker"] },
  { key: "msg", names: ["msg"] },
  { key: "src", names: ["src"] },
  { key: "content", names: ["content"] },
  { key: "createTime", names: ["CreateTime"] },
];

/** Columns PyWxDump writes elsewhere (its JSON export's `extra` object): known, kept in `extra.columns`, not reported. */
const KNOWN_OTHER = new Set(["extra"].map(columnKey));
/** Fields without which no message can be read (text: msg or content). */
const REQUIRED: readonly PyKey[] = ["typeName", "isSender", "room", "createTime"];
/** Names only PyWxDump writes: three of them make a header this format's. */
const DISTINCTIVE: readonly PyKey[] = ["msgSvrId", "typeName", "isSender", "talker", "room"];

/** A header read against the PyWxDump columns. */
export interface PyHeader {
  map: HeaderMap<PyKey>;
  layout: PyLayout;
  /** Required fields the header lacks ("msg" standing for msg-or-content). */
  missing: PyKey[];
  /** Columns not mapped (kept in `extra.columns`), and those of them reported as unknown. */
  kept: UnknownColumn[];
  reported: UnknownColumn[];
  /** Optional fields the header lacks (content/src of the other layout not counted). */
  absent: PyKey[];
  distinctive: number;
}

/** Reads header cells against the PyWxDump columns. */
export function readPyHeader(cells: readonly string[]): PyHeader {
  const hasMsg = cells.some((c) => columnKey(c) === "msg");
  const map = mapHeader(cells, COLUMNS, HEADERS[hasMsg ? "v3" : "v2"]);
  const has = (k: PyKey) => map.index[k] !== undefined;
  const layout: PyLayout = has("msg") || !has("content") ? "v3" : "v2";
  const missing = REQUIRED.filter((k) => !has(k));
  if (!has("msg") && !has("content")) missing.push("msg");
  // In v3 a `content` column is not the v2 JSON: keep it as an extra column.
  const kept = [...map.unknown];
  if (layout === "v3" && has("content")) {
    kept.push({ name: map.names[map.index.content!]!, index: map.index.content! });
    delete map.index.content;
  }
  const reported = kept.filter((u) => !KNOWN_OTHER.has(columnKey(u.name)));
  const optional: PyKey[] = layout === "v3" ? ["id", "msgSvrId", "talker", "src"] : ["id", "msgSvrId", "talker"];
  const absent = optional.filter((k) => !has(k));
  return { map, layout, missing, kept, reported, absent, distinctive: DISTINCTIVE.filter(has).length };
}

/** The columns a message needs at least one of (its text or its time), as the refusal names them. */
export const MESSAGE_COLUMNS = '"msg", "content", "CreateTime"';

/**
 * How strongly a header says PyWxDump: "exact", "mapped" (readable by name), "incomplete" (a required
 * column missing), "not-messages" (PyWxDump names, but none of the text and time columns: a contact or
 * other table, not a message export), or not at all.
 */
export function pyHeaderFit(h: PyHeader): "exact" | "mapped" | "incomplete" | "not-messages" | undefined {
  if (h.map.exact) return "exact";
  const ix = h.map.index;
  if (h.distinctive < 3 || (ix.typeName === undefined && ix.room === undefined)) return undefined;
  if (ix.msg === undefined && ix.content === undefined && ix.createTime === undefined) return "not-messages";
  return h.missing.length === 0 ? "mapped" : "incomplete";
}

/** One data row, column by column (both layouts brought to the v3 shape). */
export interface PyRow {
  id: string;
  msgSvrId: string;
  typeName: string;
  isSender: string;
  talker: string;
  room: string;
  msg: string;
  src: string;
  createTime: string;
  /** v2: keys of the `content` JSON other than msg/src. */
  contentExtra?: Record<string, unknown>;
  /** v2: `content` that was not a JSON object (kept as msg). */
  contentInvalid?: boolean;
  /** Values of the columns the reader does not map, by header name. */
  columns?: Record<string, string>;
}

/** Maps a record's fields to a row by the header's positions; undefined when the field count does not fit. */
export function toPyRow(h: PyHeader, f: string[]): PyRow | undefined {
  // Trailing empty cells added by a spreadsheet are tolerated; anything else must match exactly.
  const n = h.map.names.length;
  if (f.length < n) return undefined;
  for (let i = n; i < f.length; i++) if (f[i] !== "") return undefined;
  const ix = h.map.index;
  const at = (i: number | undefined): string => (i === undefined ? "" : f[i]!);
  // Object literals, not spreads of a shared base: spreading made this function 2.8 s of a 1M-row read.
  const row: PyRow = {
    id: at(ix.id), msgSvrId: at(ix.msgSvrId), typeName: at(ix.typeName), isSender: at(ix.isSender), talker: at(ix.talker), room: at(ix.room),
    msg: at(ix.msg), src: at(ix.src), createTime: at(ix.createTime),
  };
  if (h.kept.length) {
    const columns = unknownValues(h.kept, f.length > n ? f.slice(0, n) : f);
    if (columns) row.columns = columns;
  }
  if (h.layout === "v3") return row;
  const content = at(ix.content);
  try {
    const parsed: unknown = JSON.parse(content);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      const o = parsed as Record<string, unknown>;
      row.msg = typeof o.msg === "string" ? o.msg : o.msg === undefined || o.msg === null ? "" : JSON.stringify(o.msg);
      row.src = typeof o.src === "string" ? o.src : o.src === undefined || o.src === null ? "" : JSON.stringify(o.src);
      const rest = Object.fromEntries(Object.entries(o).filter(([k]) => k !== "msg" && k !== "src"));
      if (Object.keys(rest).length) row.contentExtra = rest;
      return row;
    }
  } catch {
    // not JSON: kept whole as the text below
  }
  row.msg = content;
  row.contentInvalid = true;
  return row;
}

/** The header tests of this format (every data row has an integer is_sender). */
export const pyHeaders = headerTests(readPyHeader, pyHeaderFit, (h) => h.map.index.isSender);
