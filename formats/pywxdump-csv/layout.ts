/**
 * The two PyWxDump CSV layouts (formats-cn.md §10.2), detected from the exact header:
 * v3 (2024-04+) `id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime`;
 * v2 (≤ early 2024) `id,MsgSvrID,type_name,is_sender,talker,room_name,content,CreateTime` where
 * `content` is a JSON string `{"src": "…", "msg": "…"}`.
 */

/** A PyWxDump CSV generation. */
export type PyLayout = "v3" | "v2";

/** Header columns of each layout, in order. */
export const HEADERS: Record<PyLayout, readonly string[]> = {
  v3: ["id", "MsgSvrID", "type_name", "is_sender", "talker", "room_name", "msg", "src", "CreateTime"],
  v2: ["id", "MsgSvrID", "type_name", "is_sender", "talker", "room_name", "content", "CreateTime"],
};

/**
 * The layout whose header the cells are, or undefined. Exact column names in order; a BOM, spaces
 * around names and empty trailing cells (a spreadsheet re-save can add them) are tolerated.
 */
export function headerLayout(cells: string[]): PyLayout | undefined {
  const names = cells.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, "") : c).trim());
  while (names.length && names[names.length - 1] === "") names.pop();
  for (const layout of ["v3", "v2"] as const) {
    const h = HEADERS[layout];
    if (names.length === h.length && names.every((n, i) => n === h[i])) return layout;
  }
  return undefined;
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
}

/** Maps a record's fields to a row; undefined when the field count does not fit the layout. */
export function toPyRow(layout: PyLayout, f: string[]): PyRow | undefined {
  // Trailing empty cells added by a spreadsheet are tolerated; anything else must match exactly.
  const n = HEADERS[layout].length;
  if (f.length < n) return undefined;
  for (let i = n; i < f.length; i++) if (f[i] !== "") return undefined;
  // Object literals, not spreads of a shared base: spreading made this function 2.8 s of a 1M-row read.
  if (layout === "v3") return { id: f[0]!, msgSvrId: f[1]!, typeName: f[2]!, isSender: f[3]!, talker: f[4]!, room: f[5]!, msg: f[6]!, src: f[7]!, createTime: f[8]! };
  const content = f[6]!;
  let msg = content, src = "", contentExtra: Record<string, unknown> | undefined, contentInvalid = false;
  try {
    const parsed: unknown = JSON.parse(content);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      const o = parsed as Record<string, unknown>;
      msg = typeof o.msg === "string" ? o.msg : o.msg === undefined || o.msg === null ? "" : JSON.stringify(o.msg);
      src = typeof o.src === "string" ? o.src : o.src === undefined || o.src === null ? "" : JSON.stringify(o.src);
      const rest = Object.fromEntries(Object.entries(o).filter(([k]) => k !== "msg" && k !== "src"));
      if (Object.keys(rest).length) contentExtra = rest;
    } else contentInvalid = true;
  } catch {
    contentInvalid = true;
  }
  const row: PyRow = { id: f[0]!, msgSvrId: f[1]!, typeName: f[2]!, isSender: f[3]!, talker: f[4]!, room: f[5]!, msg, src, createTime: f[7]! };
  if (contentExtra) row.contentExtra = contentExtra;
  if (contentInvalid) row.contentInvalid = contentInvalid;
  return row;
}
