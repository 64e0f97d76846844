import type { MessageKind, TextPart } from "../../src/model/index.js";
import { decodeFields, hex, pbBytes, pbBytesAll, pbNumber, pbString, pbUint, type PbField } from "./protobuf.js";

/**
 * Field numbers of the `40800` message body (formats-cn.md §3.4; third-party reverse engineering:
 * QQBackup/QQDecrypt and Tealina28/QQNT_Export agree on these). Top level: field 40800, repeated, one
 * entry per element.
 */
export const F = {
  element: 40800,
  elementId: 45001, type: 45002, subType: 45003,
  text: 45101, atType: 45102, atUin: 45103, atUid: 45105,
  fileName: 45402, localPath: 45403, fileSize: 45405, md5: 45406, width: 45411, height: 45412, picType: 45416,
  urlLow: 45802, urlHigh: 45803, urlOrigin: 45804, cachePath: 45812, textFallback: 45815,
  voiceSeconds: 45906, voiceText: 45923,
  quotedMsgId: 47401, quotedSeq: 47402, quotedSenderUin: 47403, quotedTime: 47404, quotedText: 47413,
  quotedMsgIdAlt: 47416, quotedSenderCard: 47421, quotedElement: 47423, quotedElementAlt: 47710,
  faceId: 47601, faceText: 47602,
  recallSuffix: 47713, ark: 47901, forwardUuid: 47904, xml: 48602, callDurationMs: 48152, callStatus: 48153,
  callText: 48157, grayTip: 48214, markdown: 48701,
} as const;

/** 45002 element types (QQDecrypt's table, formats-cn.md §3.4). */
export const ELEMENT_TYPES: Record<number, string> = {
  1: "text", 2: "picture", 3: "file", 4: "voice", 5: "video", 6: "face", 7: "reply", 8: "gray-tip",
  9: "wallet", 10: "ark", 11: "market-face", 14: "markdown", 16: "xml", 21: "call", 26: "qzone-tip",
};

/** A media element turned into what an attachment needs. */
export interface MediaRef {
  kind: "image" | "file" | "voice" | "video" | "sticker";
  fileName?: string;
  bytes?: number;
  md5?: string;
  /** Local path on the machine the database came from (45403 / 45812). */
  localPath?: string;
  extra: Record<string, unknown>;
}

/** The quote of a reply element. */
export interface QuoteRef {
  msgId?: string;
  seq?: string;
  senderUin?: string;
  time?: number;
  text?: string;
  senderCard?: string;
}

/** What a body says, mapped to the model. */
export interface BodySummary {
  text: string;
  parts?: TextPart[];
  kind: MessageKind;
  media: MediaRef[];
  quote?: QuoteRef;
  /** Element types the reader does not know, with the element's bytes in hex. */
  unknown: { index: number; type: number | undefined; hex: string }[];
  /** Extra facts worth keeping (ark JSON, gray-tip XML, call status …). */
  extra: Record<string, unknown>;
  /** Set for a notice that a message was recalled (47713 or a recall gray tip). */
  recallNotice?: boolean;
}

/** Resolves a mention target to a participant id. */
export type MentionTarget = (uin: string | undefined, uid: string | undefined) => string | undefined;

const RANK: MessageKind[] = ["merged", "call", "red-packet", "mini-program", "link", "video", "voice", "file", "image", "sticker", "system"];

/** Readable text of a gray tip: QQ stores XML/JSON whose `txt`/`nm` attributes hold the words. */
function grayTipText(raw: string): string {
  const words = [...raw.matchAll(/\b(?:txt|nm)="([^"]*)"/g)].map((m) => m[1]!);
  if (words.length) return words.join("");
  const json = [...raw.matchAll(/"(?:txt|nm)"\s*:\s*"([^"]*)"/g)].map((m) => m[1]!);
  return json.length ? json.join("") : raw;
}

/** Decodes a 40800 body (throws on malformed protobuf) into its elements' fields. */
export function decodeBody(body: Uint8Array): { fields: PbField[]; bytes: Uint8Array }[] {
  return pbBytesAll(decodeFields(body), F.element).map((bytes) => ({ fields: decodeFields(bytes), bytes }));
}

/** Maps decoded elements to text, parts, kind, media and quote (FORMAT.md "Elements"). */
export function summariseBody(elements: { fields: PbField[]; bytes: Uint8Array }[], mention: MentionTarget): BodySummary {
  const parts: TextPart[] = [];
  const media: MediaRef[] = [];
  const unknown: BodySummary["unknown"] = [];
  const extra: Record<string, unknown> = {};
  let quote: QuoteRef | undefined;
  let kind: MessageKind | undefined;
  let recallNotice = false;
  const push = (k: MessageKind) => {
    if (kind === undefined || (RANK.includes(k) && (!RANK.includes(kind) || RANK.indexOf(k) < RANK.indexOf(kind)))) kind = k;
  };
  elements.forEach(({ fields, bytes }, index) => {
    const type = pbNumber(fields, F.type);
    switch (type) {
      case 1: {
        const text = pbString(fields, F.text) ?? "";
        const atType = pbNumber(fields, F.atType);
        if (atType === 1 || atType === 2) {
          const uin = pbUint(fields, F.atUin);
          const uid = pbString(fields, F.atUid);
          const userId = atType === 2 ? mention(uin && uin !== "0" ? uin : undefined, uid) : undefined;
          parts.push({ type: "mention", text, ...(userId ? { userId } : {}), ...(atType === 1 ? { extra: { all: true } } : {}) });
        } else parts.push({ type: "text", text });
        push("text");
        break;
      }
      case 6: {
        const id = pbUint(fields, F.faceId);
        const name = pbString(fields, F.faceText);
        parts.push({ type: "face", text: name || `[表情${id ?? ""}]`, ...(id ? { extra: { id } } : {}) });
        push("text");
        break;
      }
      case 2: case 3: case 4: case 5: case 11: {
        const m = mediaOf(type, fields);
        media.push(m);
        const fallback = pbString(fields, F.textFallback);
        if (fallback) parts.push({ type: m.kind, text: fallback });
        push(m.kind === "voice" ? "voice" : m.kind);
        break;
      }
      case 7: {
        quote = {
          ...opt("msgId", nonZero(pbUint(fields, F.quotedMsgId) ?? pbUint(fields, F.quotedMsgIdAlt))),
          ...opt("seq", nonZero(pbUint(fields, F.quotedSeq))),
          ...opt("senderUin", nonZero(pbUint(fields, F.quotedSenderUin))),
          ...opt("time", pbNumber(fields, F.quotedTime) || undefined),
          ...opt("text", pbString(fields, F.quotedText)),
          ...opt("senderCard", pbString(fields, F.quotedSenderCard)),
        };
        const nested = pbBytes(fields, F.quotedElement) ?? pbBytes(fields, F.quotedElementAlt);
        if (nested) extra.quotedElementHex = hex(nested);
        break;
      }
      case 8: {
        const raw = pbString(fields, F.grayTip);
        const suffix = pbString(fields, F.recallSuffix);
        if (suffix !== undefined) {
          recallNotice = true;
          extra.recallSuffix = suffix;
        }
        const text = raw !== undefined ? grayTipText(raw) : suffix ?? "";
        if (raw !== undefined && text !== raw) extra.grayTipRaw = raw;
        if (text) parts.push({ type: "text", text });
        push("system");
        break;
      }
      case 9:
        push("red-packet");
        extra.wallet = hex(bytes);
        break;
      case 10: {
        const json = pbString(fields, F.ark) ?? "";
        extra.ark = json;
        let prompt = "";
        let app = "";
        try {
          const v = JSON.parse(json) as { prompt?: unknown; app?: unknown };
          prompt = typeof v.prompt === "string" ? v.prompt : "";
          app = typeof v.app === "string" ? v.app : "";
        } catch {
          /* kept raw in extra.ark */
        }
        if (prompt) parts.push({ type: "text", text: prompt });
        push(app === "com.tencent.multimsg" ? "merged" : /miniapp/i.test(app) ? "mini-program" : "link");
        break;
      }
      case 14:
        parts.push({ type: "text", text: pbString(fields, F.markdown) ?? "" });
        push("text");
        break;
      case 16:
        extra.xml = pbString(fields, F.xml) ?? "";
        push("merged");
        break;
      case 21: {
        const text = pbString(fields, F.callText) ?? pbString(fields, F.callStatus) ?? "";
        if (text) parts.push({ type: "text", text });
        const ms = pbNumber(fields, F.callDurationMs);
        if (ms !== undefined) extra.callDurationMs = ms;
        push("call");
        break;
      }
      case 26:
        push("system");
        extra.qzoneTip = hex(bytes);
        break;
      default:
        unknown.push({ index, type, hex: hex(bytes) });
    }
  });
  const text = parts.map((p) => p.text).join("");
  const structured = parts.some((p) => p.type !== "text");
  return {
    text,
    ...(structured ? { parts } : {}),
    kind: kind ?? (unknown.length > 0 ? "unknown" : "text"),
    media,
    ...(quote ? { quote } : {}),
    unknown,
    extra,
    ...(recallNotice ? { recallNotice } : {}),
  };
}

function mediaOf(type: number, f: PbField[]): MediaRef {
  const kind: MediaRef["kind"] = type === 2 ? (pbNumber(f, F.picType) === 2000 && /表情/.test(pbString(f, F.textFallback) ?? "") ? "sticker" : "image")
    : type === 3 ? "file" : type === 4 ? "voice" : type === 5 ? "video" : "sticker";
  const extra: Record<string, unknown> = {};
  const md5 = pbBytes(f, F.md5);
  for (const [k, no] of [["urlOrigin", F.urlOrigin], ["urlHigh", F.urlHigh], ["urlLow", F.urlLow], ["voiceText", F.voiceText]] as const) {
    const v = pbString(f, no);
    if (v) extra[k] = v;
  }
  for (const [k, no] of [["width", F.width], ["height", F.height], ["picType", F.picType], ["voiceSeconds", F.voiceSeconds]] as const) {
    const v = pbNumber(f, no);
    if (v !== undefined && (type !== 4 || k === "voiceSeconds") && (type === 4 || k !== "voiceSeconds")) extra[k] = v;
  }
  const size = pbNumber(f, F.fileSize);
  const localPath = pbString(f, F.localPath) ?? pbString(f, F.cachePath);
  return {
    kind,
    ...opt("fileName", pbString(f, F.fileName)),
    ...(size !== undefined ? { bytes: size } : {}),
    ...(md5 && md5.length === 16 ? { md5: hex(md5) } : {}),
    ...opt("localPath", localPath),
    extra,
  };
}

function nonZero(v: string | undefined): string | undefined {
  return v === undefined || v === "0" ? undefined : v;
}

function opt<K extends string, V>(k: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined || v === "" ? {} : { [k]: v }) as { [P in K]?: V };
}
