import type { MessageKind } from "../../src/model/schema.js";

/**
 * WeChat message Type / SubType (PC 3.x, 4.x and iOS numbering; formats-cn.md §9.1) → neutral kind.
 * Android's combined 32-bit codes are not this numbering: its readers map them to (type, subType) first
 * (for the app family the subtype is the `<appmsg><type>` of the XML, which {@link decodePayload} reads).
 */
export interface TypeInfo {
  kind: MessageKind;
  /** Short English label kept in `extra.wechatType` so a reader of the output knows what it was. */
  label: string;
}

/** Base types (SubType 0 or ignored). */
const BASE: Record<number, TypeInfo> = {
  1: { kind: "text", label: "text" },
  3: { kind: "image", label: "image" },
  34: { kind: "voice", label: "voice" },
  35: { kind: "link", label: "mail" },
  37: { kind: "system", label: "friend-request" },
  42: { kind: "contact", label: "contact-card" },
  43: { kind: "video", label: "video" },
  47: { kind: "sticker", label: "sticker" },
  48: { kind: "location", label: "location" },
  50: { kind: "call", label: "voip" },
  62: { kind: "video", label: "short-video" },
  65: { kind: "contact", label: "wecom-greeting" },
  66: { kind: "contact", label: "wecom-card" },
  10000: { kind: "system", label: "system" },
  10002: { kind: "system", label: "system-xml" },
};

/** Type 49 ("app message") subtypes. */
const APP: Record<number, TypeInfo> = {
  0: { kind: "file", label: "file" },
  1: { kind: "text", label: "app-text" },
  3: { kind: "link", label: "music" },
  4: { kind: "link", label: "link" },
  5: { kind: "link", label: "link" },
  6: { kind: "file", label: "file" },
  8: { kind: "sticker", label: "gif" },
  17: { kind: "location", label: "location-sharing" },
  19: { kind: "merged", label: "chat-record" },
  24: { kind: "link", label: "note" },
  33: { kind: "mini-program", label: "mini-program" },
  36: { kind: "mini-program", label: "mini-program" },
  40: { kind: "merged", label: "favourites" },
  50: { kind: "link", label: "channels-card" },
  51: { kind: "link", label: "channels-feed" },
  53: { kind: "text", label: "solitaire" },
  57: { kind: "text", label: "quote" },
  62: { kind: "system", label: "pat" },
  63: { kind: "link", label: "channels-live" },
  74: { kind: "file", label: "file-uploading" },
  76: { kind: "link", label: "music" },
  87: { kind: "text", label: "group-announcement" },
  88: { kind: "link", label: "channels-live" },
  92: { kind: "link", label: "music" },
  93: { kind: "link", label: "music" },
  2000: { kind: "transfer", label: "transfer" },
  2001: { kind: "red-packet", label: "red-packet" },
  2003: { kind: "red-packet", label: "red-packet-cover" },
};

/** System (10000) subtypes with their own meaning. */
const SYSTEM: Record<number, string> = { 4: "pat", 8000: "group-invite" };

// The tables as Maps for the per-message lookup: objects keyed by sparse numbers up to 10002 are
// dictionary-mode in V8 (classifyType showed in the 1M-row profile). Own keys only, like the objects.
const asMap = <V,>(o: Record<number, V>): Map<number, V> => new Map(Object.entries(o).map(([k, v]) => [Number(k), v]));
const BASE_MAP = asMap(BASE), APP_MAP = asMap(APP);

/** The kind and label of a Type/SubType; undefined when the pair is not known. */
export function classifyType(type: number, subType: number): TypeInfo | undefined {
  if (type === 49) return APP_MAP.get(subType);
  if (type === 10000) return { kind: "system", label: SYSTEM[subType] ?? "system" };
  return BASE_MAP.get(type);
}

/** Splits 4.x `local_type` (subtype << 32 | type, formats-cn.md §6) — read it as a bigint. */
export function splitLocalType(localType: bigint): { type: number; subType: number } {
  return { type: Number(localType & 0xffffffffn), subType: Number(localType >> 32n) };
}
