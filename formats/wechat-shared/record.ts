import type { Message, MessageKind, Provenance } from "../../src/model/schema.js";
import type { Timestamp } from "../../src/model/timestamp.js";
import type { ReadContext } from "../../src/plugin/types.js";
import { exactTimestamp, isValidWall, wallTimestamp } from "../../src/time/index.js";
import { parseWechatXml, xmlAll, xmlAttr, xmlGet, xmlText, type XmlNode } from "./xml.js";

/**
 * Merged chat records (合并转发, app message 19): `<recorditem>` holds, usually as CDATA, a second XML
 * document `<recordinfo><title/><desc/><datalist count=N><dataitem datatype= dataid=>…` (formats-cn.md §9.1).
 * Each `dataitem` becomes a nested Message in `inner`.
 */

/** `dataitem@datatype` → kind (WeChat's favourites numbering; unknown values become "unknown"). */
const DATATYPE: Record<string, MessageKind> = {
  "1": "text", "2": "image", "3": "voice", "4": "video", "5": "link", "6": "location", "7": "audio",
  "8": "file", "17": "merged", "19": "mini-program", "22": "link", "23": "link", "29": "audio",
};

/** Where the bundle sits, for ids, provenance and diagnostics. */
export interface RecordContext {
  ctx: ReadContext;
  outerId: string;
  conversationId: string;
  provenance: Provenance;
  /** Datatypes that were not known, for one diagnostic by the caller. */
  unknownDatatypes: string[];
  malformed: string[];
}

const MAX_DEPTH = 8;

/** The `recorditem` of an appmsg as a recordinfo node (CDATA text parsed again, or inline XML). */
export function recordInfoOf(recordItem: unknown, rc: RecordContext): unknown {
  if (typeof recordItem === "string") {
    const r = parseWechatXml(recordItem);
    if (!r.wellFormed) rc.malformed.push(r.problem ?? "recorditem is not XML");
    return xmlGet(r.node, "recordinfo") ?? r.node;
  }
  if (recordItem && typeof recordItem === "object") return xmlGet(recordItem, "recordinfo") ?? recordItem;
  return undefined;
}

/** The inner messages of a recordinfo node, in order. */
export function recordMessages(info: unknown, rc: RecordContext, prefix = rc.outerId, depth = 0): Message[] {
  const list = xmlGet(info, "datalist");
  const out: Message[] = [];
  let n = 0;
  for (const item of xmlAll(list, "dataitem")) {
    n++;
    const id = `${prefix}:${n}`;
    const datatype = xmlAttr(item, "datatype") ?? "";
    const kind: MessageKind = DATATYPE[datatype] ?? "unknown";
    if (kind === "unknown") rc.unknownDatatypes.push(datatype);
    const title = xmlText(item, "datatitle");
    const desc = xmlText(item, "datadesc");
    const sourceName = xmlText(item, "sourcename");
    const fromId = xmlText(item, "dataitemsource", "realchatname") ?? xmlText(item, "dataitemsource", "fromusr");
    const m: Message = {
      id,
      conversationId: rc.conversationId,
      seq: n,
      senderId: null,
      sentAt: itemTimestamp(item, rc.ctx),
      kind,
      text: desc ?? title ?? "",
      attachments: [],
      reactions: [],
      status: "normal",
      provenance: rc.provenance,
    };
    if (sourceName !== undefined || fromId !== undefined)
      m.forwarded = { ...(sourceName !== undefined ? { fromName: sourceName } : {}), ...(fromId !== undefined ? { fromId } : {}) };
    const extra: Record<string, unknown> = { datatype };
    const dataId = xmlAttr(item, "dataid");
    if (dataId) extra.dataId = dataId;
    if (title !== undefined && desc !== undefined) extra.title = title;
    const fmt = xmlText(item, "datafmt");
    if (fmt) extra.fileExt = fmt;
    const size = xmlText(item, "datasize");
    if (size) extra.statedBytes = Number(size);
    const url = xmlText(item, "link") ?? xmlText(item, "weburlitem", "link");
    if (url) extra.url = url;
    m.extra = extra;
    if (kind === "merged" && depth < MAX_DEPTH) {
      const nested = recordInfoOf(xmlGet(item, "recordxml") ?? xmlGet(item, "recorditem"), rc);
      if (nested) m.inner = recordMessages(nested, rc, id, depth + 1);
    }
    out.push(m);
  }
  return out;
}

const SOURCE_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** An inner item's time: `srcMsgCreateTime` (epoch seconds) when given, else `sourcetime` wall text. */
function itemTimestamp(item: unknown, ctx: ReadContext): Timestamp {
  const epoch = xmlText(item, "srcMsgCreateTime");
  if (epoch && /^\d{9,11}$/.test(epoch.trim()))
    return exactTimestamp(epoch.trim(), Number(epoch.trim()) * 1000, "second", ctx.tz ? { zone: ctx.tz } : {});
  const raw = (xmlText(item, "sourcetime") ?? "").trim();
  const m = SOURCE_TIME.exec(raw);
  if (m) {
    const f = { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, ...(m[6] ? { second: +m[6] } : {}) };
    if (isValidWall(f)) return wallTimestamp(raw, f, m[6] ? "second" : "minute", ctx.tz);
  }
  return { raw, basis: "floating", precision: "day" };
}

/** Re-export for payload.ts. */
export type { XmlNode };
