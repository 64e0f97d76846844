import type { Attachment, Message, Place, Provenance } from "../../src/model/schema.js";
import type { Timestamp } from "../../src/model/timestamp.js";
import type { ReadContext } from "../../src/plugin/types.js";
import type { InputTree } from "../../src/io/source.js";
import { embeddedAttachment, lookupMediaNow, type EmbeddedMedia, type MediaRef } from "./media.js";
import { decodePayload, decodeTextPayload, type DecodedPayload } from "./payload.js";

/** One database row, as a WeChat reader has already read it (ids and sender resolved). */
export interface WechatRow {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string | null;
  sentAt: Timestamp;
  type: number;
  subType: number;
  /** The content with any `wxid:\n` sender prefix already removed. */
  content: string;
  file: string;
  place: Place;
  provenance: Provenance;
  /** Local media paths the row gives beside the content (PC 3.x BytesExtra type 4), by media kind. */
  mediaPath?: string;
  /** Overrides why a media file is not available (e.g. voice kept in another database). */
  missingReason?: Partial<Record<MediaRef["kind"], string>>;
  /** Media of the row the reader found inside the input (PC 3.x voice clips in MediaMSG*.db), by kind. */
  embedded?: Partial<Record<MediaRef["kind"], EmbeddedMedia>>;
  /** Marks the message recalled (a later recall notice named its server id). */
  recalled?: boolean;
  /** Reader-specific facts kept in `extra` (local ids, status codes, thumbnails…). */
  extra?: Record<string, unknown>;
}

/** Media lookup settings of a read. */
export interface MediaSettings {
  ctx: ReadContext;
  tree: InputTree | undefined;
  bases: string[];
  /** Finds the path of media the message names without one (4.x: hardlink.db by md5), relative to the bases. */
  locate?(ref: MediaRef): string | undefined;
}

/**
 * Builds the neutral Message for a WeChat row: payload decoded (§9), media looked up, quote linked
 * (`replyTo` = quoted server id), merged records nested in `inner`. Returns the server id a recall notice
 * names, for the reader to mark.
 */
export async function buildWechatMessage(row: WechatRow, media: MediaSettings): Promise<{ message: Message; recalls?: string }> {
  return buildWechatMessageNow(row, media);
}

/**
 * {@link buildWechatMessage} without a promise when the message refers to no media (nothing to look
 * up): the result directly, else a promise of it. For readers that handle millions of rows.
 */
export function buildWechatMessageNow(row: WechatRow, media: MediaSettings): { message: Message; recalls?: string } | Promise<{ message: Message; recalls?: string }> {
  const p =
    row.type === 1
      ? decodeTextPayload(row.subType, row.content)
      : decodePayload(row.type, row.subType, row.content, {
          ctx: media.ctx,
          file: row.file,
          place: row.place,
          provenance: row.provenance,
          messageId: row.id,
          conversationId: row.conversationId,
        });
  if (p.media.length === 0) return assemble(row, p, []);
  // Lookups run in order; only one that reads the folder makes the rest wait for it (a promise).
  const attachments: Attachment[] = [];
  const lookup = (k: number): Attachment | Promise<Attachment> => {
    const ref = p.media[k]!;
    const found = row.embedded?.[ref.kind];
    if (found) return embeddedAttachment(ref, `${row.id}:a${k + 1}`, found);
    const reason = row.missingReason?.[ref.kind];
    const path = ref.path ?? row.mediaPath ?? media.locate?.(ref);
    const withPath: MediaRef = { ...ref, ...(path ? { path } : {}), ...(reason && !path ? { missingReason: reason } : {}) };
    return lookupMediaNow(withPath, `${row.id}:a${k + 1}`, { ...media, file: row.file, place: row.place });
  };
  for (let k = 0; k < p.media.length; k++) {
    const a = lookup(k);
    if (a instanceof Promise)
      return (async () => {
        attachments.push(await a);
        for (let j = k + 1; j < p.media.length; j++) attachments.push(await lookup(j));
        return assemble(row, p, attachments);
      })();
    attachments.push(a);
  }
  return assemble(row, p, attachments);
}

function assemble(row: WechatRow, p: DecodedPayload, attachments: Attachment[]): { message: Message; recalls?: string } {
  const message: Message = {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    senderId: row.senderId,
    sentAt: row.sentAt,
    kind: p.kind,
    text: p.text,
    attachments,
    reactions: [],
    status: row.recalled ? "recalled" : "normal",
    provenance: row.provenance,
    extra: { wechatType: p.wechatType, ...p.extra, ...row.extra },
  };
  if (p.replyTo) message.replyTo = p.replyTo;
  if (p.inner) message.inner = p.inner;
  if (p.keepRaw) message.raw = row.content;
  return p.recalls ? { message, recalls: p.recalls } : { message };
}
