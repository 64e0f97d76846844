import { quoteIdent } from "../../src/io/sqlite.js";
import type { Conversation } from "../../src/model/schema.js";
import type { InputTree } from "../../src/io/source.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { exactTimestamp, isRepresentableInstant } from "../../src/time/index.js";
import { contactParticipant } from "../wechat-shared/contacts.js";
import { conversationId, localMessageId, normalizeSvrid } from "../wechat-shared/ids.js";
import { buildWechatMessage, type MediaSettings } from "../wechat-shared/message.js";
import type { MediaRef } from "../wechat-shared/media.js";
import type { ParticipantBook } from "../wechat-shared/participants.js";
import { splitSenderPrefix } from "../wechat-shared/sender-prefix.js";
import { splitLocalType } from "../wechat-shared/types.js";
import { decodeContent } from "./content.js";
import type { V4Directory } from "./contacts.js";
import { mergeTables, type V4Cursor } from "./merge.js";
import { localIdsUnique, messageQuery, type V4Database, type V4Row } from "./schema.js";
import type { VoiceStore } from "../wechat-shared/voice-store.js";
import type { HardlinkIndex } from "./hardlink.js";

const READER = "wechat-v4";
const SYSTEM_TYPES = new Set([10000, 10002]);
const NO_HARDLINK = "4.x media files are located through db_storage/hardlink/hardlink.db, which was not in the input";
const NOT_IN_HARDLINK = "hardlink.db lists no file for the md5 the message states";
const HARDLINK_UNREAD = "hardlink.db could not be read";
const NO_VOICE_DB = "4.x voice audio is kept in message/media_<n>.db, and none was in the input (give the account folder)";
const NOT_IN_VOICE_DB = "its audio is not in the media_<n>.db files given (table VoiceInfo, svr_id = server_id)";

/** Shared state of one read. */
export interface V4ReadState {
  ctx: ReadContext;
  dbs: V4Database[];
  dir: V4Directory;
  book: ParticipantBook;
  owner: string | undefined;
  /** Server ids on more than one row of the input (repeats.ts); empty in a healthy database. */
  repeats: Set<string>;
  zstd: (b: Uint8Array) => Uint8Array;
  tree: InputTree | undefined;
  bases: string[];
  /** The account's voice databases (media_<n>.db), when the input has any. */
  voices?: VoiceStore;
  /** Media locations (hardlink.db), when it was given and readable. */
  hardlink?: HardlinkIndex;
  /** True when the input has a hardlink.db (read or not). */
  hardlinkGiven: boolean;
  accounting: { rowsRead: number; rowsInMessages: number; rowsReported: number };
}

/** Reads one conversation (`Msg_<md5>` in every database that has it) as events, in time order. */
export async function* readConversation(md5: string, username: string | undefined, st: V4ReadState): AsyncIterable<ChatEvent> {
  const { ctx, book, dir } = st;
  const mediaReason = st.hardlink ? NOT_IN_HARDLINK : st.hardlinkGiven ? HARDLINK_UNREAD : NO_HARDLINK;
  const hardlink = st.hardlink;
  const media: MediaSettings = { ctx, tree: st.tree, bases: st.bases, ...(hardlink ? { locate: (ref: MediaRef) => hardlink.locate(ref) } : {}) };
  const talker = username ?? `Msg_${md5}`;
  const isGroup = talker.endsWith("@chatroom");
  const members = new Map<string, string | undefined>();
  const ids = [book.ownerId];
  if (isGroup)
    for (const m of dir.rooms.get(talker) ?? []) {
      members.set(m.userName, m.displayName);
      ids.push(book.ensure(m.userName, m.displayName));
    }
  else if (username) ids.push(book.ensure(username));
  const holders = st.dbs.map((d, i) => ({ d, i, table: d.tables.get(md5) })).filter((h) => h.table !== undefined);
  const contact = username ? dir.contacts.get(username) : undefined;
  const conv: Conversation = {
    id: username ? conversationId(username) : `wechat-chat:md5:${md5}`,
    platform: "wechat",
    kind: !username ? "unknown" : isGroup ? "group" : talker.startsWith("gh_") ? "channel" : "direct",
    title: contact ? contactParticipant(contact).displayName : talker,
    participantIds: [...new Set(ids)],
    source: holders[0]!.d.file,
    extra: username ? { username } : { tableMd5: md5 },
  };
  yield { type: "conversation", conversation: conv };
  for (const participant of book.drain()) yield { type: "participant", participant };

  // Recall notices come after what they recall: collect their targets first (few rows).
  const recalled = new Set<string>();
  for (const h of holders) {
    const sql = `SELECT CAST(message_content AS BLOB) AS content FROM ${quoteIdent(h.table!)} WHERE local_type = 10002`;
    for (const r of h.d.db.prepare(sql).iterate() as Iterable<{ content: Buffer | null }>) {
      const text = decodeContent(r.content, null, st.zstd, { ...ctx, report: () => {} }, h.d.file, { table: h.table!, rowid: 0 }).text;
      const id = normalizeSvrid(/<newmsgid>\s*(-?\d+)\s*<\/newmsgid>/.exec(text)?.[1]);
      if (id) recalled.add(id);
    }
  }

  const cursors: V4Cursor[] = holders.map((h) => ({
    db: h.i,
    iter: (h.d.db.prepare(messageQuery(h.d.db, h.table!, h.d.file)).safeIntegers(true).iterate() as IterableIterator<V4Row>)[Symbol.iterator](),
    head: undefined,
  }));
  // Ids already used in this conversation, for the ids that can repeat only: server ids stored on more
  // than one row, and fallback ids of a table whose local_id is not its primary key. Keeping every id
  // here grew with the conversation (a Set of strings, ~80 bytes an id).
  const seen = new Set<string>();
  const uniqueLocal = st.dbs.map((d) => { const t = d.tables.get(md5); return t === undefined || localIdsUnique(d.db, t); });
  let seq = 0;
  // The cursors are driven by hand: on an error (or an early stop) they must be closed here, or the
  // connection stays busy and closing the database hides the error behind "connection is busy".
  try {
    for (const { row, db } of mergeTables(cursors)) {
      st.accounting.rowsRead++;
      const d = st.dbs[db]!;
      const table = d.tables.get(md5)!;
      const place = { table, rowid: Number(row.rowid) };
      const { type, subType } = splitLocalType(row.localType ?? -1n);
      const decoded = decodeContent(row.content, row.ct, st.zstd, ctx, d.file, place);
      let content = decoded.text;
      const extra: Record<string, unknown> = {};
      if (decoded.hex) extra.messageContentHex = decoded.hex;
      let prefixSender: string | undefined;
      if (isGroup) {
        const split = splitSenderPrefix(content);
        if (split.sender) {
          prefixSender = split.sender;
          content = split.body;
        }
      }
      const realSender = row.realSenderId !== null ? d.names.get(row.realSenderId) : undefined;
      let senderId: string | null = null;
      if (!SYSTEM_TYPES.has(type)) {
        const who = realSender ?? prefixSender ?? (isGroup ? undefined : row.status === 2n ? st.owner ?? "" : username);
        if (who === "" || (who !== undefined && who === st.owner)) senderId = book.ownerId;
        else if (who !== undefined) senderId = book.ensure(who, members.get(who));
      }
      if (prefixSender && realSender && prefixSender !== realSender) extra.contentSender = prefixSender;
      const svrid = normalizeSvrid(row.svrid);
      let id = svrid ?? localMessageId(READER, d.file, table, String(row.localId ?? row.rowid));
      if (svrid !== undefined ? st.repeats.has(svrid) : !uniqueLocal[db]) {
        if (seen.has(id)) {
          ctx.report("duplicate-id", { message: `Message id ${id} appears twice in ${conv.title}; the repeat gets a local id.`, file: d.file, place });
          id = localMessageId(READER, d.file, table, String(row.localId ?? row.rowid));
        }
        seen.add(id);
      }
      if (svrid === undefined && row.localId !== null) extra.localId = String(row.localId);
      // A cell that is not a number (NULL, text, a BLOB: damaged or hand-edited) comes as its SQL literal.
      const raw = row.createTime !== null ? String(row.createTime) : (row.createTimeRaw ?? "NULL");
      const ms = Number(row.createTime) * 1000;
      // An epoch outside what a date can hold (a damaged cell) is kept raw and reported; so is 0 or less
      // (an unset or damaged cell, not 1970).
      const usable = row.createTime !== null && ms > 0 && isRepresentableInstant(ms);
      if (!usable)
        ctx.report("invalid-timestamp", {
          message: row.createTime !== null && ms <= 0 ? `create_time "${raw}" is 0 or less, not a real time (an unset or damaged cell); kept raw only.` : `create_time ${row.createTime !== null ? `"${raw}"` : raw} is not an epoch in seconds; kept raw only.`,
          file: d.file, place, raw,
        });
      const sentAt = usable
        ? exactTimestamp(raw, ms, "second", ctx.tz ? { zone: ctx.tz } : {})
        : { raw, basis: "floating" as const, precision: "day" as const };
      // Voice audio sits in media_<n>.db under the row's server_id (formats-cn.md §6).
      const clip = type === 34 && st.voices && row.svrid ? st.voices.find(String(row.svrid)) : undefined;
      const { message } = await buildWechatMessage(
        {
          id, conversationId: conv.id, seq: ++seq, senderId, sentAt, type, subType, content, file: d.file, place,
          provenance: ctx.provenance(d.file, place),
          missingReason: { image: mediaReason, video: mediaReason, file: mediaReason, voice: st.voices ? NOT_IN_VOICE_DB : NO_VOICE_DB },
          ...(clip ? { embedded: { voice: { ...clip, mediaType: "audio/silk" } } } : {}),
          recalled: svrid !== undefined && recalled.has(svrid),
          extra,
        },
        media,
      );
      for (const participant of book.drain()) yield { type: "participant", participant };
      yield { type: "message", message };
      st.accounting.rowsInMessages++;
    }
  } finally {
    for (const c of cursors) c.iter.return?.();
  }
  yield { type: "conversation-end", conversation: conv };
}
