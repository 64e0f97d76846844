import { columnNames, type SqliteCopy, type SqliteDatabase } from "../../src/io/sqlite.js";
import { blameForeignWal, reportIgnoredSidecars } from "../../src/io/sqlite-wal.js";
import { openSideDatabase, openWechatDatabase, readSideDatabase } from "../wechat-shared/database.js";
import type { InputSource, InputTree } from "../../src/io/source.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { normalizeSvrid } from "../wechat-shared/ids.js";
import { ParticipantBook } from "../wechat-shared/participants.js";
import { loadDirectory, type Pc3Directory } from "./contacts.js";
import { Pc3Conversations } from "./conversations.js";
import { locatePc3 } from "./layout.js";
import { ShardMerge } from "./merge.js";
import { repeatedServerIds } from "../wechat-shared/repeats.js";
import { messageQuery, recallQuery } from "./schema.js";
import { PC3_VOICES, VoiceStore } from "../wechat-shared/voice-store.js";

/** Events per batch: small, so a batch is written (and becomes garbage) before a young-generation GC promotes it. */
const BATCH = 128;

/** {@link readPc3Batches} one event at a time. */
export async function* readPc3(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent> {
  for await (const batch of readPc3Batches(input, ctx)) yield* batch;
}

/**
 * Reads WeChat PC 3.x: every `MSG<n>.db` shard merged per conversation in time order, names from
 * MicroMsg.db. Databases are opened only as private read-only copies; rows are iterated, never loaded.
 * Events come in small arrays: the engine writes a batch without an await per event.
 */
export async function* readPc3Batches(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent[]> {
  const layout = await locatePc3(input);
  const opts = ctx.options as { self?: string };
  const copies: SqliteCopy[] = [];
  let voices: VoiceStore | undefined;
  try {
    const shards: { db: SqliteDatabase; sql: string; file: string; copyPath: string }[] = [];
    for (const src of layout.shards) {
      const copy = await openWechatDatabase(src);
      copies.push(copy);
      reportIgnoredSidecars(copy, src.name, ctx);
      const sql = await blameForeignWal(copy, src.name, (db) => messageQuery(db, src.name));
      shards.push({ db: copy.db, sql, file: src.name, copyPath: copy.copyPath });
    }
    let dir: Pc3Directory = { contacts: new Map(), rooms: new Map() };
    if (layout.microMsg) {
      // Contacts name the chats; without them (encrypted, damaged) the messages are still read, by wxid.
      const copy = await openSideDatabase(layout.microMsg, "contacts", "Participants and chats carry wxids only.", ctx);
      if (copy) {
        copies.push(copy);
        dir = readSideDatabase(() => loadDirectory(copy.db, layout.microMsg!.name, ctx), dir, layout.microMsg.name, "contacts", "Participants and chats carry wxids only.", ctx);
      }
    } else
      ctx.report("contacts-missing", {
        message: `No MicroMsg.db beside ${layout.shards[0]!.name}: participants and chats carry wxids only (give the account folder to get names).`,
        file: layout.shards[0]!.name,
      });

    // Recall notices come after the message they recall; collect their targets first (few rows).
    const recalled = new Set<string>();
    for (const s of shards) {
      const sql = recallQuery(s.db);
      if (!sql) continue;
      for (const r of s.db.prepare(sql).iterate() as Iterable<{ content: string | null }>) {
        const m = /<newmsgid>\s*(-?\d+)\s*<\/newmsgid>/.exec(r.content ?? "");
        const id = normalizeSvrid(m?.[1]);
        if (id) recalled.add(id);
      }
    }

    if (layout.tree && layout.voiceDbs.length) {
      voices = await VoiceStore.open(layout.tree, layout.voiceDbs, PC3_VOICES, ctx);
      ctx.provideMedia?.(voices);
    }
    const owner = opts.self ?? layout.accountName;
    const book = new ParticipantBook((u) => dir.contacts.get(u), owner);
    const idColumns = shards.filter((s) => columnNames(s.db, "MSG").has("MsgSvrID")).map((s) => ({ db: s.db, copyPath: s.copyPath, table: "MSG", column: "MsgSvrID" }));
    // Prepared on the first row that needs it (rare: a StrContent holding U+FFFD).
    const byteStmts = new Map<string, import("better-sqlite3").Statement>();
    const strContentBytes = (file: string, rowid: bigint): Uint8Array | null => {
      const s = shards.find((x) => x.file === file);
      if (!s || !columnNames(s.db, "MSG").has("StrContent")) return null;
      const stmt = byteStmts.get(file) ?? s.db.prepare("SELECT CAST(StrContent AS BLOB) FROM MSG WHERE rowid = ?").pluck();
      byteStmts.set(file, stmt);
      return (stmt.get(rowid) as Uint8Array | null | undefined) ?? null;
    };
    const conv = new Pc3Conversations(ctx, book, dir, { recalled, repeats: repeatedServerIds(idColumns) }, { tree: layout.tree, bases: layout.mediaBases }, voices, strContentBytes);
    const merge = new ShardMerge(shards);
    try {
      let batch: ChatEvent[] = [];
      for (let c = merge.next(); c; c = merge.next()) {
        const pending = conv.push(c.head!, c.file, batch);
        if (pending) await pending;
        if (batch.length >= BATCH) {
          yield batch;
          batch = [];
        }
      }
      conv.finish(batch);
      if (batch.length) yield batch;
    } finally {
      merge.close();
    }
    ctx.account?.({ ...conv.accounting });
  } finally {
    for (const c of copies) await c.dispose();
    await voices?.dispose();
  }
}
