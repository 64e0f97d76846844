/**
 * Message ids of a WeChatMsg CSV. Builds that write more of WeChat's MSG table add its `MsgSvrID` column
 * (layout.ts); a row with a usable value gets the id the database readers give the same message
 * (wechat-shared/ids.ts: the server id as an unsigned decimal), so quotes (`<refermsg><svrid>`) and
 * recall notices (`<newmsgid>`) name it, and the same message read from the CSV and from MSG*.db is one.
 * Other rows get an id of the file and their localId and CreateTime, or of their line.
 */
import type { EncodingInfo } from "../../src/io/decode.js";
import { ownedString } from "../../src/io/owned-string.js";
import type { InputSource } from "../../src/io/source.js";
import type { Place } from "../../src/model/index.js";
import type { ReadContext } from "../../src/plugin/types.js";
import { localMessageId, looksRounded, normalizeSvrid } from "../wechat-shared/ids.js";

export { looksRounded };
import { recallTargets } from "../wechat-shared/recall-scan.js";
import type { RepeatSketch } from "../wechat-shared/repeat-sketch.js";
import type { RepeatGuard } from "../wechat-shared/repeats.js";
import { toWmRow, type WmHeader, type WmRow } from "./layout.js";

const MIN_SIGNED = -(2n ** 63n);
const MAX_UNSIGNED = 2n ** 64n - 1n;

/**
 * The server id of a MsgSvrID cell, as wechat-pc3 reads the column: an integer, not 0; a negative one
 * (MSG stores it signed) is its two's complement. Undefined for an empty cell, 0, a value that is not an
 * integer (a spreadsheet's `8.801E+18`, `12.0`) or one no 64-bit column holds (the database readers
 * never see such a value; the row keeps its CSV id).
 */
export function csvServerId(cell: string | undefined): string | undefined {
  const t = cell?.trim() ?? "";
  if (looksRounded(t)) return undefined;
  if (/^[1-9]\d{0,18}$/.test(t)) return t; // the common case: below 2^64, its own normal form
  if (!/^-?\d{1,20}$/.test(t)) return undefined;
  const v = BigInt(t);
  if (v < MIN_SIGNED || v > MAX_UNSIGNED) return undefined;
  return normalizeSvrid(t);
}

/** The server id of a record's fields under `h`, when the header has a MsgSvrID column and the cell is usable. */
export function recordServerId(h: WmHeader, fields: readonly string[]): string | undefined {
  return h.msgSvrId === undefined ? undefined : csvServerId(fields[h.msgSvrId]);
}

/**
 * The server ids that recall notices of a file name (`10002` rows whose `<sysmsg type="revokemsg">`
 * holds `<newmsgid>`), gathered in the first pass: a notice comes after the message it recalls, which is
 * then marked `recalled` as the database readers mark it. Few rows are notices, so the set stays small.
 */
export class RecallTargets {
  private readonly ids = new Set<string>();

  constructor(
    private readonly ctx: ReadContext,
    private readonly file: string,
  ) {}

  /** Looks at one data record's fields under `h`. */
  note(h: WmHeader, fields: string[]): void {
    const ix = h.map.index;
    if (ix.type === undefined || ix.strContent === undefined || fields[ix.type]?.trim() !== "10002") return;
    const content = fields[ix.strContent] ?? "";
    // A record the second pass will not read as a message (wrong width) names nothing.
    if (!content.includes("newmsgid") || !toWmRow(h, fields)) return;
    for (const id of recallTargets([content], this.ctx, this.file)) this.ids.add(ownedString(id)); // not a view into a CSV chunk
  }

  /** True when a notice names this server id. */
  has(id: string | undefined): boolean {
    return id !== undefined && this.ids.has(id);
  }
}

/** What the first pass over a read's files learnt, and the server ids claimed so far in the read. */
export interface FirstPass {
  /** Keys that may repeat: server ids and localId keys alike (they cannot be mistaken for each other). */
  sketch: RepeatSketch;
  encodings: Map<InputSource, EncodingInfo>;
  /** Server ids are claimed over the whole read: one is one message wherever it is. */
  serverIds: RepeatGuard;
  recalls: RecallTargets;
  /** What a server id is unique in ("file", "export folder"), for the duplicate-id message. */
  scope: string;
}

/**
 * A row's own key when it has no usable server id: localId alone restarts per database shard. None
 * when the row has no localId (the message id then comes from the line).
 */
export const messageKey = (row: WmRow): string | undefined => (row.localId === "" ? undefined : `${row.localId}:${row.createTime}`);

/** {@link messageKey} read straight from a record's fields (first pass). */
export function rowKey(h: WmHeader, f: readonly string[]): string | undefined {
  const li = h.map.index.localId, ci = h.map.index.createTime;
  const localId = li === undefined ? "" : (f[li] ?? "");
  return localId === "" ? undefined : `${localId}:${ci === undefined ? "" : (f[ci] ?? "")}`;
}

/**
 * A row's message id: its server id (`svrid`, from {@link recordServerId}) when it has one and is the
 * first row with it in the read; else from its localId and CreateTime, the first time that key is met in
 * the file (`keys`, one guard per file); else from its line. A repeat is reported (`duplicate-id`).
 */
export function messageId(
  row: WmRow,
  svrid: string | undefined,
  keys: RepeatGuard,
  first: FirstPass,
  at: { file: string; place: Place; raw: string; line: number },
  ctx: ReadContext,
): string {
  const where = { file: at.file, place: at.place, raw: at.raw };
  const byLine = localMessageId("wechatmsg-csv", at.file, "csv", `L${at.line}`);
  if (svrid !== undefined) {
    if (first.serverIds.claim(svrid)) return svrid;
    ctx.report("duplicate-id", { message: `MsgSvrID ${svrid} appeared before in this ${first.scope}; this message gets an id from its line instead.`, ...where });
    return byLine;
  }
  const key = messageKey(row);
  if (key === undefined) return byLine;
  if (keys.claim(key)) return localMessageId("wechatmsg-csv", at.file, "csv", key);
  ctx.report("duplicate-id", { message: `localId ${row.localId} with CreateTime ${row.createTime} appeared before in this file; this message gets an id from its line instead.`, ...where });
  return byLine;
}
