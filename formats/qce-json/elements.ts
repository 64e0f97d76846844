import type { MessageKind, TextPart } from "../../src/model/index.js";
import { isObject, str, type QceElement, type QceMessage } from "./raw-types.js";

/**
 * Element types QCE writes into `content.elements` (exporter source: `SimpleMessageParser.parseElement`
 * and `JsonExporter.convertContentToElements` @71ea3cd; FORMAT.md). Anything else is reported as an
 * `unknown-element` and kept raw.
 */
export const KNOWN_ELEMENT_TYPES = new Set([
  "text", "face", "market_face", "image", "file", "video", "audio", "at", "reply", "forward", "json",
  "location", "system", "gray_tip", "long_message", "av_record", "markdown", "giphy", "inline_keyboard",
  "calendar", "yolo_game_result", "face_bubble", "tofu_record", "task_top_msg", "recommended_msg",
  "action_bar", "xml",
]);

/** What a message's elements say, mapped to the model. */
export interface ElementSummary {
  text: string;
  parts?: TextPart[];
  kind: MessageKind;
  /** Elements of a type not in {@link KNOWN_ELEMENT_TYPES}, with their index. */
  unknown: { index: number; element: unknown }[];
  /** The first `reply` element's data. */
  reply?: Record<string, unknown>;
  /** The first `forward` element's data (inner messages under `messages`). */
  forward?: Record<string, unknown>;
}

/** A mention target as the mapper resolves it: uid/uin → participant id. */
export type MentionResolver = (uid: string | undefined, uin: string | undefined) => string | undefined;

/** QCE's `type` field in both families it uses (`text`… and `type_N`), as a kind hint (FORMAT.md). */
const TYPE_HINTS: Record<string, MessageKind> = {
  text: "text", type_1: "text", reply: "text", type_3: "text",
  file: "file", type_8: "file", audio: "voice", type_6: "voice", video: "video", type_9: "video",
  forward: "merged", type_11: "merged", json: "link", type_7: "link", system: "system",
  location: "location", type_17: "location", image: "image",
};

/** Kinds of the media/structure elements, strongest first when a message mixes several. */
function elementKind(e: QceElement): MessageKind | undefined {
  const d = isObject(e.data) ? e.data : {};
  switch (e.type) {
    case "forward": return "merged";
    case "av_record": return "call";
    case "location": return "location";
    case "json": return /miniapp|小程序/i.test(`${str(d.appName) ?? ""} ${str(d.content) ?? ""}`.slice(0, 4000)) ? "mini-program" : "link";
    case "market_face": return "sticker";
    case "image": return d.subType === "sticker" ? "sticker" : "image";
    case "video": return "video";
    case "audio": return "voice";
    case "file": return "file";
    case "system": case "gray_tip": return "system";
    default: return undefined;
  }
}
const KIND_RANK: MessageKind[] = ["merged", "call", "location", "mini-program", "link", "video", "voice", "file", "image", "sticker", "system"];

/** The text QCE would show for an element, used only when `content.text` is missing. */
function elementText(e: QceElement): string {
  const d = isObject(e.data) ? e.data : {};
  switch (e.type) {
    case "text": return str(d.text) ?? "";
    case "face": return faceText(d);
    case "market_face": return `[${str(d.name) ?? "表情"}]`;
    case "at": return `@${(str(d.name) ?? "").replace(/^@/, "")}`;
    case "image": return `[图片: ${str(d.filename) ?? ""}]`;
    case "file": return `[文件: ${str(d.filename) ?? ""}]`;
    case "video": return `[视频: ${str(d.filename) ?? ""}]`;
    case "audio": return `[语音${str(d.duration) ? ` ${str(d.duration)}秒` : ""}]`;
    case "reply": return "";
    default: return str(d.text) ?? str(d.summary) ?? str(d.title) ?? "";
  }
}

function faceText(d: Record<string, unknown>): string {
  const name = str(d.name);
  if (name) return name.startsWith("[") || name.startsWith("/") ? name : `[${name}]`;
  return `[表情${str(d.id) ?? ""}]`;
}

/** Where an element shows in the message text: the strings to look for, most specific first. */
function runCandidates(e: QceElement): { type: string; texts: string[] } | undefined {
  const d = isObject(e.data) ? e.data : {};
  if (e.type === "at") {
    const name = (str(d.name) ?? "").replace(/^@/, "");
    return { type: "mention", texts: name ? [`@${name}`] : [] };
  }
  if (e.type === "face") {
    const name = str(d.name);
    const id = str(d.id);
    const texts: string[] = [];
    if (name) texts.push(`[${name}]`, name, `/${name.replace(/^\[|\]$/g, "")}`);
    if (id) texts.push(`[表情${id}]`, `[表情: ${id}]`);
    return { type: "face", texts };
  }
  if (e.type === "market_face") {
    const name = str(d.name);
    return { type: "sticker", texts: name ? [`[${name}]`, name] : [] };
  }
  return undefined;
}

/**
 * Builds text runs for mentions and faces by finding each element's text in `content.text`, in order.
 * Parts cover the whole text (plain runs have type "text"), or are absent when nothing was found.
 */
function buildParts(text: string, elements: QceElement[], resolve: MentionResolver): TextPart[] | undefined {
  const parts: TextPart[] = [];
  let cursor = 0;
  let found = 0;
  for (const e of elements) {
    const cand = runCandidates(e);
    if (!cand) continue;
    let at = -1;
    let hit = "";
    for (const t of cand.texts) {
      if (t === "") continue;
      const i = text.indexOf(t, cursor);
      if (i !== -1 && (at === -1 || i < at)) {
        at = i;
        hit = t;
      }
    }
    if (at === -1) continue;
    if (at > cursor) parts.push({ type: "text", text: text.slice(cursor, at) });
    const d = isObject(e.data) ? e.data : {};
    const part: TextPart = { type: cand.type, text: hit };
    if (cand.type === "mention") {
      const all = str(d.uid) === "all" || d.atType === 1;
      const uid = all ? undefined : resolve(str(d.uid), str(d.uin) === "0" ? undefined : str(d.uin));
      if (uid) part.userId = uid;
      if (all) part.extra = { all: true };
    } else {
      const extra: Record<string, unknown> = {};
      for (const k of ["id", "name", "emojiId", "emojiPackageId", "key"]) if (d[k] !== undefined) extra[k] = d[k];
      if (Object.keys(extra).length) part.extra = extra;
    }
    parts.push(part);
    cursor = at + hit.length;
    found++;
  }
  if (found === 0) return undefined;
  if (cursor < text.length) parts.push({ type: "text", text: text.slice(cursor) });
  return parts;
}

/** Maps a message's `content` to text, parts and kind (FORMAT.md "Elements"). */
export function summariseElements(m: QceMessage, resolve: MentionResolver): ElementSummary {
  const content = isObject(m.content) ? m.content : {};
  const raw = Array.isArray(content.elements) ? content.elements : [];
  const elements: QceElement[] = [];
  const unknown: ElementSummary["unknown"] = [];
  let reply: Record<string, unknown> | undefined;
  let forward: Record<string, unknown> | undefined;
  raw.forEach((e, index) => {
    if (!isObject(e) || typeof e.type !== "string") {
      unknown.push({ index, element: e });
      return;
    }
    const el = e as QceElement;
    if (!KNOWN_ELEMENT_TYPES.has(el.type!)) unknown.push({ index, element: e });
    if (el.type === "reply" && !reply && isObject(el.data)) reply = el.data;
    if (el.type === "forward" && !forward && isObject(el.data)) forward = el.data;
    elements.push(el);
  });
  const text = typeof content.text === "string" ? content.text : elements.map(elementText).join("");
  const parts = buildParts(text, elements, resolve);

  let kind: MessageKind | undefined;
  let best = KIND_RANK.length;
  for (const e of elements) {
    const k = elementKind(e);
    if (k === undefined) continue;
    const r = KIND_RANK.indexOf(k);
    if (r < best) {
      best = r;
      kind = k;
    }
  }
  if (m.system === true) kind = "system";
  if (!kind) {
    const knownContent = elements.some((e) => KNOWN_ELEMENT_TYPES.has(e.type!));
    if (knownContent || text !== "") kind = "text";
    else if (unknown.length > 0) kind = "unknown";
    else kind = (m.type !== undefined ? TYPE_HINTS[m.type] : undefined) ?? (m.type === undefined ? "text" : "unknown");
  }
  return { text, ...(parts ? { parts } : {}), kind, unknown, ...(reply ? { reply } : {}), ...(forward ? { forward } : {}) };
}
