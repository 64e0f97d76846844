import type { Attachment, MessageKind } from "../../src/model/index.js";
import { mediaTypeOf } from "../qce-json/resources.js";
import type { ResourceEntry } from "./block.js";

/** Attachment kinds of QCE resource types, as qce-json maps them (QCE's `audio` is a QQ voice message). */
const KIND: Record<string, Attachment["kind"]> = {
  image: "image", video: "video", audio: "voice", file: "file", market_face: "sticker",
};

/** Message kinds of attachments, strongest first (qce-json's order for media elements). */
const RANK: readonly MessageKind[] = ["video", "voice", "file", "image", "sticker"];

/** Placeholders QCE writes into the text for media (`[图片: x]`, `[文件: x]`, `[视频: x]`, `[语音 7秒]`). */
const PLACEHOLDER = /\[(图片|文件|视频)[:：] ?([^\]\n]*)\]|\[语音(?: ?(\d+)秒)?\]/g;
const PLACEHOLDER_KIND: Record<string, Attachment["kind"]> = { 图片: "image", 文件: "file", 视频: "video" };
/** `内容: [image、file消息]`: QCE's text for a message whose only content is resources. */
const RESOURCE_ONLY = /^\[([a-z_]+(?:、[a-z_]+)*)消息\]$/;

/** What a block's text and resource list say about the message. */
export interface ContentClass {
  kind: MessageKind;
  attachments: Attachment[];
  /** True when the kind could not be told (QCE's `[无文本内容]`). */
  unknown: boolean;
}

function attachment(id: string, kind: Attachment["kind"], fileName: string | undefined, qceType?: string): Attachment {
  const mediaType = mediaTypeOf(fileName);
  return {
    id,
    kind,
    ...(fileName ? { fileName } : {}),
    ...(mediaType ? { mediaType } : {}),
    availability: "omitted",
    ...(qceType !== undefined ? { extra: { qceType } } : {}),
  };
}

/**
 * Kind and attachments of a message. The `资源` list is the record of the files (the TXT holds none:
 * every attachment is `omitted`); without one, the text's placeholders stand for them.
 */
export function classifyContent(text: string, resources: readonly ResourceEntry[], system: boolean, idBase: string): ContentClass {
  const attachments: Attachment[] = [];
  if (resources.length > 0) {
    for (const r of resources) {
      const kind = KIND[r.type] ?? "other";
      const known = r.type === "image" || r.type === "video" || r.type === "audio" || r.type === "file";
      attachments.push(attachment(`${idBase}:a${attachments.length + 1}`, kind, r.name || undefined, known ? undefined : r.type));
    }
  } else if (text.includes("[")) {
    const only = RESOURCE_ONLY.exec(text);
    if (only) {
      for (const t of only[1]!.split("、")) attachments.push(attachment(`${idBase}:a${attachments.length + 1}`, KIND[t] ?? "other", undefined, t in KIND && t !== "market_face" ? undefined : t));
    } else {
      for (const m of text.matchAll(PLACEHOLDER)) {
        const kind = m[1] !== undefined ? PLACEHOLDER_KIND[m[1]]! : "voice";
        attachments.push(attachment(`${idBase}:a${attachments.length + 1}`, kind, m[2]?.trim() || undefined));
      }
    }
  }
  if (system || text === "[系统消息]") return { kind: "system", attachments, unknown: false };
  let best = RANK.length;
  for (const a of attachments) {
    const r = (RANK as readonly string[]).indexOf(a.kind);
    if (r !== -1) best = Math.min(best, r);
  }
  if (best < RANK.length) return { kind: RANK[best]!, attachments, unknown: false };
  if (text === "[表情消息]") return { kind: "sticker", attachments, unknown: false };
  if (text === "[无文本内容]") return { kind: "unknown", attachments, unknown: true };
  return { kind: "text", attachments, unknown: false };
}
