import type { Message, MessageKind, Place, Provenance } from "../../src/model/schema.js";
import type { ReadContext } from "../../src/plugin/types.js";
import { normalizeSvrid } from "./ids.js";
import type { MediaRef } from "./media.js";
import { recordInfoOf, recordMessages, type RecordContext } from "./record.js";
import { classifyType } from "./types.js";
import { looksLikeXml, parseWechatXml, xmlAttr, xmlGet, xmlText, type XmlNode } from "./xml.js";

/** Where a payload came from: for diagnostics and for the ids of nested messages. */
export interface PayloadContext {
  ctx: ReadContext;
  file: string;
  place: Place;
  provenance: Provenance;
  /** The id the message will get (nested messages of a merged record are `<id>:1`, `<id>:2`, …). */
  messageId: string;
  conversationId: string;
}

/** What a WeChat message's Type/SubType and content mean in the neutral model. */
export interface DecodedPayload {
  kind: MessageKind;
  text: string;
  /** `extra.wechatType`: type, subtype and a label. */
  wechatType: { type: number; subType: number; label: string };
  replyTo?: string;
  inner?: Message[];
  /** For a recall notice that names the recalled message: its server id. */
  recalls?: string;
  /** Media the message refers to; the reader adds local paths and looks them up. */
  media: MediaRef[];
  extra: Record<string, unknown>;
  /** True when `raw` should keep the content (XML payloads, unknown or malformed ones). */
  keepRaw: boolean;
}

const num = (s: string | undefined): number | undefined => (s !== undefined && /^\d+$/.test(s.trim()) ? Number(s.trim()) : undefined);
const setIf = (o: Record<string, unknown>, k: string, v: unknown): void => {
  if (v !== undefined && v !== "") o[k] = v;
};

/**
 * Decodes one message's content by its Type/SubType (formats-cn.md §9). Never throws: malformed XML is
 * reported (`malformed-payload`) and the raw content kept; an unknown type becomes kind "unknown" with an
 * `unknown-message-type` diagnostic. For app messages (49) a subType of 0 is taken from `<appmsg><type>`.
 */
export function decodePayload(type: number, subType: number, content: string, pc: PayloadContext): DecodedPayload {
  if (type === 1) return decodeTextPayload(subType, content);
  const text = content.replace(/\u0000/g, "");
  const xml = type !== 1 && looksLikeXml(text) ? parseWechatXml(text) : undefined;
  const root = xml?.node;
  if (xml && !xml.wellFormed)
    pc.ctx.report("malformed-payload", {
      message: `The XML of a type ${type} message is not well-formed (${xml.problem ?? "unreadable"}); kept raw${root ? ", fields read leniently" : ""}.`,
      file: pc.file,
      place: pc.place,
      raw: text,
    });
  let sub = subType;
  if (type === 49 && sub === 0) sub = num(xmlText(root, "msg", "appmsg", "type")) ?? 0;
  const info = classifyType(type, sub);
  const out: DecodedPayload = {
    kind: info?.kind ?? "unknown",
    text: "",
    wechatType: { type, subType: sub, label: info?.label ?? "unknown" },
    media: [],
    extra: {},
    keepRaw: type !== 1 || (xml !== undefined && !xml.wellFormed),
  };
  if (!info) {
    pc.ctx.report("unknown-message-type", {
      message: `Unknown WeChat message type ${type}/${sub}; kept as kind "unknown" with its raw content.`,
      file: pc.file,
      place: pc.place,
      raw: text,
    });
    out.text = root ? (xmlText(root, "msg", "appmsg", "title") ?? "") : text;
    out.keepRaw = true;
    return out;
  }
  if (type === 1) {
    out.text = text;
    return out;
  }
  if (!root) {
    // Plain text where XML is usual (system notices, calls): the text itself is the message.
    out.text = type === 10000 ? cleanSystemText(text) : text;
    out.keepRaw = out.text !== text;
    return out;
  }
  decodeXml(type, sub, root, out, pc);
  return out;
}

const NO_MEDIA: MediaRef[] = Object.freeze([]) as unknown as MediaRef[];
const NO_EXTRA: Record<string, unknown> = Object.freeze({});

/**
 * {@link decodePayload} of a plain text message (type 1): no XML, no diagnostic, no media, so no
 * context is needed and the empty media list and extra are shared (frozen) — most rows of a chat are
 * text, and these objects were a quarter of the reader's garbage at 1M rows.
 */
export function decodeTextPayload(subType: number, content: string): DecodedPayload {
  const text = content.indexOf("\u0000") === -1 ? content : content.replace(/\u0000/g, "");
  return { kind: "text", text, wechatType: { type: 1, subType, label: "text" }, media: NO_MEDIA, extra: NO_EXTRA, keepRaw: false };
}

function decodeXml(type: number, sub: number, root: XmlNode, out: DecodedPayload, pc: PayloadContext): void {
  const e = out.extra;
  switch (type) {
    case 3: {
      const md5 = xmlAttr(root, "md5", "msg", "img");
      out.media.push({ kind: "image", ...(md5 ? { md5 } : {}), ...opt("statedBytes", num(xmlAttr(root, "length", "msg", "img"))) });
      return;
    }
    case 34: {
      setIf(e, "durationMs", num(xmlAttr(root, "voicelength", "msg", "voicemsg")));
      out.media.push({ kind: "voice", ...opt("statedBytes", num(xmlAttr(root, "length", "msg", "voicemsg"))) });
      return;
    }
    case 43: {
      const md5 = xmlAttr(root, "md5", "msg", "videomsg");
      setIf(e, "durationSeconds", num(xmlAttr(root, "playlength", "msg", "videomsg")));
      out.media.push({ kind: "video", ...(md5 ? { md5 } : {}), ...opt("statedBytes", num(xmlAttr(root, "length", "msg", "videomsg"))) });
      return;
    }
    case 47: {
      setIf(e, "md5", xmlAttr(root, "md5", "msg", "emoji"));
      setIf(e, "url", xmlAttr(root, "cdnurl", "msg", "emoji"));
      return;
    }
    case 42: {
      const card = { username: xmlAttr(root, "username", "msg"), nickname: xmlAttr(root, "nickname", "msg"), alias: xmlAttr(root, "alias", "msg") };
      out.text = card.nickname ?? card.alias ?? card.username ?? "";
      e.card = Object.fromEntries(Object.entries(card).filter(([, v]) => v));
      return;
    }
    case 48: {
      const lat = xmlAttr(root, "x", "msg", "location"), lng = xmlAttr(root, "y", "msg", "location");
      const label = xmlAttr(root, "label", "msg", "location"), poi = xmlAttr(root, "poiname", "msg", "location");
      out.text = [poi, label].filter((s) => s).join(" — ");
      if (lat !== undefined && lng !== undefined) Object.assign(e, { latitude: Number(lat), longitude: Number(lng) });
      setIf(e, "label", label);
      setIf(e, "poiname", poi);
      return;
    }
    case 10000:
    case 10002:
      decodeSystem(root, out);
      return;
    case 49:
      decodeApp(sub, root, out, pc);
      return;
    default:
      out.text = xmlText(root, "msg", "appmsg", "title") ?? xmlText(root, "VoIPBubbleMsg", "msg") ?? "";
  }
}

function opt<K extends string, V>(k: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [k]: v }) as { [P in K]?: V };
}

/** System notices: `<sysmsg type="revokemsg">` names the recalled message; `type="pat"` has a template. */
function decodeSystem(root: XmlNode, out: DecodedPayload): void {
  const sys = xmlGet(root, "sysmsg");
  const sysType = xmlAttr(sys, "type");
  if (sysType) out.extra.sysmsgType = sysType;
  const revoke = xmlGet(sys, "revokemsg") ?? xmlGet(root, "revokemsg");
  if (revoke !== undefined) {
    out.wechatType.label = "recall";
    const replace = typeof revoke === "string" ? revoke : xmlText(revoke, "replacemsg");
    out.text = cleanSystemText(replace ?? "");
    const target = normalizeSvrid(xmlText(revoke, "newmsgid"));
    if (target) out.recalls = target;
    return;
  }
  if (sysType === "pat") {
    out.wechatType.label = "pat";
    out.text = xmlText(sys, "pat", "template") ?? "";
    return;
  }
  out.text = cleanSystemText(xmlText(sys, "content") ?? xmlText(sys, "replacemsg") ?? flattenText(sys ?? root));
}

/** App messages (Type 49) by subtype. */
function decodeApp(sub: number, root: XmlNode, out: DecodedPayload, pc: PayloadContext): void {
  const app = xmlGet(root, "msg", "appmsg") ?? xmlGet(root, "appmsg");
  const e = out.extra;
  const title = xmlText(app, "title") ?? "";
  out.text = title;
  setIf(e, "description", xmlText(app, "des"));
  setIf(e, "url", xmlText(app, "url"));
  switch (sub) {
    case 57: {
      const ref = xmlGet(app, "refermsg");
      const target = normalizeSvrid(xmlText(ref, "svrid"));
      if (target) out.replyTo = target;
      const quoted: Record<string, unknown> = {};
      for (const k of ["type", "svrid", "fromusr", "chatusr", "displayname", "content", "createtime"]) setIf(quoted, k, xmlText(ref, k));
      e.quoted = quoted;
      return;
    }
    case 19:
    case 40: {
      const rc: RecordContext = { ctx: pc.ctx, outerId: pc.messageId, conversationId: pc.conversationId, provenance: pc.provenance, unknownDatatypes: [], malformed: [] };
      const info = recordInfoOf(xmlGet(app, "recorditem"), rc);
      out.inner = info ? recordMessages(info, rc) : [];
      for (const problem of rc.malformed)
        pc.ctx.report("malformed-payload", { message: `The <recorditem> of a merged chat record is not well-formed (${problem}); items read leniently.`, file: pc.file, place: pc.place });
      if (rc.unknownDatatypes.length)
        pc.ctx.report("unknown-message-type", {
          message: `A merged chat record holds items of unknown datatype ${[...new Set(rc.unknownDatatypes)].join(", ")}; kept as kind "unknown".`,
          file: pc.file,
          place: pc.place,
        });
      setIf(e, "recordTitle", xmlText(info, "title"));
      return;
    }
    case 0:
    case 6:
    case 74: {
      const att = xmlGet(app, "appattach");
      const md5 = xmlText(app, "md5");
      out.media.push({ kind: "file", ...(title ? { fileName: title } : {}), ...(md5 ? { md5 } : {}), ...opt("statedBytes", num(xmlText(att, "totallen"))) });
      setIf(e, "fileExt", xmlText(att, "fileext"));
      return;
    }
    case 33:
    case 36:
      setIf(e, "appName", xmlText(app, "sourcedisplayname"));
      setIf(e, "pagePath", xmlText(app, "weappinfo", "pagepath"));
      return;
    case 2000:
    case 2001:
    case 2003: {
      const pay = xmlGet(app, "wcpayinfo");
      const fee = xmlText(pay, "feedesc"), memo = xmlText(pay, "pay_memo");
      if (sub === 2000) out.text = [fee, memo].filter((s) => s).join(" ") || title;
      else out.text = xmlText(pay, "sendertitle") ?? xmlText(pay, "receivertitle") ?? title;
      const payInfo: Record<string, unknown> = {};
      for (const k of ["paysubtype", "feedesc", "pay_memo", "transferid", "transcationid", "begintransfertime", "invalidtime"]) setIf(payInfo, k, xmlText(pay, k));
      e.payment = payInfo;
      return;
    }
    default:
      return;
  }
}

/** Strips the revoke-edit link and CDATA markers WeChat leaves in system text (exporter source: WeChatMsg). */
export function cleanSystemText(text: string): string {
  return text
    .replace(/<!\[CDATA\[|\]\]>/g, "")
    .replace(/\s*<a href="weixin:\/\/revoke_edit_click">重新编辑<\/a>/g, "")
    .replace(/<\/?revokemsg>/g, "")
    .trim();
}

function flattenText(node: unknown): string {
  if (typeof node === "string") return node;
  if (!node || typeof node !== "object") return "";
  const parts: string[] = [];
  for (const [k, v] of Object.entries(node)) if (!k.startsWith("@_")) parts.push(Array.isArray(v) ? v.map(flattenText).join(" ") : flattenText(v));
  return parts.filter((s) => s).join(" ");
}
