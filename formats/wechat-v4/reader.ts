import { columnNames, quoteIdent, SORTED_READ_CACHE_KIB, type SqliteCopy } from "../../src/io/sqlite.js";
import { blameForeignWal, reportIgnoredSidecars } from "../../src/io/sqlite-wal.js";
import type { InputSource, InputTree } from "../../src/io/source.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { loadZstd } from "../wechat-shared/compression.js";
import { openSideDatabase, openWechatDatabase, readSideDatabase } from "../wechat-shared/database.js";
import { ParticipantBook } from "../wechat-shared/participants.js";
import { repeatedServerIds, type IdColumn } from "../wechat-shared/repeats.js";
import { loadV4Directory, type V4Directory } from "./contacts.js";
import { readConversation, type V4ReadState } from "./conversation.js";
import { locateV4 } from "./layout.js";
import { V4_VOICES, VoiceStore } from "../wechat-shared/voice-store.js";
import { HardlinkIndex } from "./hardlink.js";
import { describeDatabase, md5Hex, type V4Database } from "./schema.js";

/**
 * Reads WeChat 4.x `db_storage`: every `Msg_<md5>` table of every message_N.db, one conversation at a
 * time, its rows merged across databases in time order; names from contact/contact.db.
 */
export async function* readV4(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent> {
  const layout = await locateV4(input);
  const opts = ctx.options as { self?: string };
  const copies: SqliteCopy[] = [];
  let voices: VoiceStore | undefined;
  let hardlink: HardlinkIndex | undefined;
  try {
    const dbs: V4Database[] = [];
    for (const src of layout.messageDbs) {
      // A conversation's rows are read from every message_N.db at once, each through its own ORDER BY.
      const copy = await openWechatDatabase(src, undefined, { cacheKib: SORTED_READ_CACHE_KIB });
      copies.push(copy);
      reportIgnoredSidecars(copy, src.name, ctx);
      const d = await blameForeignWal(copy, src.name, (db) => describeDatabase(db, src.name, copy.copyPath));
      dbs.push(d);
      // A view in a message table's place (a hand-edited database) has no rows of its own to read.
      for (const v of d.messageViews)
        ctx.report("unrecognized-record", { message: `${src.name}: ${v} is a view, not a table; it is not read as a conversation.`, file: src.name, raw: v });
    }
    let dir: V4Directory = { contacts: new Map(), rooms: new Map() };
    if (layout.contactDb) {
      // Contacts name the chats; without them (encrypted, damaged) the messages are still read, by wxid.
      const copy = await openSideDatabase(layout.contactDb, "contacts", "Participants and chats carry wxids only.", ctx);
      if (copy) {
        copies.push(copy);
        dir = readSideDatabase(() => loadV4Directory(copy.db, layout.contactDb!.name, ctx), dir, layout.contactDb.name, "contacts", "Participants and chats carry wxids only.", ctx);
      }
    } else
      ctx.report("contacts-missing", {
        message: `No contact/contact.db beside ${layout.messageDbs[0]!.name}: participants and chats carry wxids only (give the account folder to get names).`,
        file: layout.messageDbs[0]!.name,
      });

    // Table names carry md5(username): map them back through every username the input knows.
    const byMd5 = new Map<string, string>();
    for (const d of dbs) for (const n of d.names.values()) byMd5.set(md5Hex(n), n);
    for (const u of dir.contacts.keys()) if (!byMd5.has(md5Hex(u))) byMd5.set(md5Hex(u), u);
    const keys = new Set<string>();
    for (const d of dbs) for (const k of d.tables.keys()) keys.add(k);
    const convs = [...keys].map((md5) => ({ md5, username: byMd5.get(md5) }));
    const sortKey = (c: { md5: string; username: string | undefined }) => Buffer.from(c.username ?? `\uffff${c.md5}`, "utf8");
    convs.sort((a, b) => Buffer.compare(sortKey(a), sortKey(b)));
    for (const c of convs)
      if (!c.username)
        ctx.report("contacts-missing", { message: `No username in Name2Id or contact.db has md5 ${c.md5}; table Msg_${c.md5} is read as a conversation of unknown partner.`, file: dbs.find((d) => d.tables.has(c.md5))!.file });

    if (layout.hardlinkDb) hardlink = await HardlinkIndex.open(layout.hardlinkDb, ctx);
    if (layout.tree && layout.voiceDbs.length) {
      voices = await VoiceStore.open(layout.tree, layout.voiceDbs, V4_VOICES, ctx);
      ctx.provideMedia?.(voices);
    }
    const owner = opts.self ?? layout.accountName ?? inferOwner(dbs, byMd5);
    // Server ids stored on more than one row, over every table (found by SQLite first, repeats.ts): only
    // these are remembered per conversation to detect repeats, not every id read.
    const idColumns: IdColumn[] = [];
    for (const d of dbs) for (const table of d.tables.values()) if (columnNames(d.db, table).has("server_id")) idColumns.push({ db: d.db, copyPath: d.copyPath, table, column: "server_id" });
    const st: V4ReadState = {
      ctx, dbs, dir, owner,
      repeats: repeatedServerIds(idColumns),
      book: new ParticipantBook((u) => dir.contacts.get(u), owner),
      zstd: await loadZstd(),
      tree: layout.tree,
      bases: [...new Set([layout.accountDir, ""])],
      ...(voices ? { voices } : {}),
      ...(hardlink ? { hardlink } : {}),
      hardlinkGiven: layout.hardlinkDb !== undefined,
      accounting: { rowsRead: 0, rowsInMessages: 0, rowsReported: 0 },
    };
    for (const c of convs) yield* readConversation(c.md5, c.username, st);
    ctx.account?.({ ...st.accounting });
  } finally {
    for (const c of copies) await c.dispose();
    await voices?.dispose();
    await hardlink?.dispose();
  }
}

/**
 * The owner when no folder name or --self gives it: in a private chat every sender is the partner or
 * the owner, so a sender of a private chat's table who is not the partner is the owner.
 */
function inferOwner(dbs: V4Database[], byMd5: Map<string, string>): string | undefined {
  for (const d of dbs)
    for (const [md5, table] of d.tables) {
      const talker = byMd5.get(md5);
      if (!talker || talker.endsWith("@chatroom") || talker.startsWith("gh_")) continue;
      const stmt = d.db.prepare(`SELECT DISTINCT real_sender_id AS id FROM ${quoteIdent(table)} LIMIT 4`).safeIntegers(true);
      try {
        for (const r of stmt.iterate() as Iterable<{ id: bigint | null }>) {
          const name = r.id !== null ? d.names.get(r.id) : undefined;
          if (name && name !== talker) return name;
        }
      } catch {
        /* a table without real_sender_id: try the next */
      }
    }
  return undefined;
}
