import { ChatportError } from "../../src/diagnostics/errors.js";
import type { InputSource, InputTree } from "../../src/io/source.js";
import type { SqliteCopy } from "../../src/io/sqlite.js";
import type { Conversation, Place } from "../../src/model/index.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import type { WechatContact } from "../wechat-shared/contacts.js";
import { openSideDatabase, openWechatDatabase, readSideDatabase } from "../wechat-shared/database.js";
import { bytesToTextReporting, requireTables } from "../wechat-shared/db-open.js";
import { columnNames, quoteIdent, SORTED_READ_CACHE_KIB, tableNames } from "../../src/io/sqlite.js";
import { blameForeignWal, reportIgnoredSidecars } from "../../src/io/sqlite-wal.js";
import { DbPeople } from "../wechat-shared/db-people.js";
import { epochTimestamp } from "../wechat-shared/export-time.js";
import { conversationId, localMessageId, normalizeSvrid } from "../wechat-shared/ids.js";
import { buildWechatMessage } from "../wechat-shared/message.js";
import { recallTargets } from "../wechat-shared/recall-scan.js";
import { RepeatGuard, repeatedServerIds, type IdColumn } from "../wechat-shared/repeats.js";
import { splitSenderPrefix } from "../wechat-shared/sender-prefix.js";
import { loadFriends, usernameMd5 } from "./contacts.js";

/** The files of one iOS account as found in the input. */
interface Located {
  messageDbs: InputSource[];
  contactDb: InputSource | undefined;
  tree: InputTree | undefined;
  /** The account folder (`Documents/<md5(own wxid)>`) relative to the tree, "" when unknown. */
  accountDir: string;
}

const MESSAGE_DB = /(^|\/)(MM|message_\d+)\.sqlite$/i;
/** A chat table as WeChat names it: `Chat_` + md5(username). */
const CHAT_MD5 = /^Chat_[0-9a-f]{32}$/i;

/**
 * Opens a private copy of an iOS message database (MM.sqlite, message_N.sqlite). Every `Chat_<md5>`
 * table is read through an ORDER BY CreateTime, MesLocalID that no index serves: the smaller sorter
 * cache ({@link SORTED_READ_CACHE_KIB}).
 */
export async function openIosMessageDb(src: InputSource): Promise<SqliteCopy> {
  return openWechatDatabase(src, "WeChat iOS MM.sqlite", { cacheKib: SORTED_READ_CACHE_KIB });
}

async function locate(input: InputSource | InputTree): Promise<Located> {
  if (input.kind === "file") {
    const contactDb = input.parent ? await input.parent.open("WCDB_Contact.sqlite") : undefined;
    return { messageDbs: [input], contactDb, tree: input.parent, accountDir: "" };
  }
  const names = await input.list();
  const mm = names.find((n) => /(^|\/)MM\.sqlite$/i.test(n)) ?? names.find((n) => MESSAGE_DB.test(n));
  if (!mm) throw new ChatportError("unknown-format", `${input.name} holds no MM.sqlite; give the WeChat iOS database folder (Documents/<md5>/DB) or MM.sqlite itself.`);
  const dbDir = mm.includes("/") ? mm.slice(0, mm.lastIndexOf("/")) : "";
  const inDir = (n: string) => (dbDir ? n.startsWith(dbDir + "/") && !n.slice(dbDir.length + 1).includes("/") : !n.includes("/"));
  const messageDbs: InputSource[] = [];
  for (const n of names.filter((x) => MESSAGE_DB.test(x) && inDir(x)).sort((a, b) => (/MM\.sqlite$/i.test(a) ? -1 : /MM\.sqlite$/i.test(b) ? 1 : a < b ? -1 : 1))) {
    const s = await input.open(n);
    if (s) messageDbs.push(s);
  }
  const contactDb = await input.open(dbDir ? `${dbDir}/WCDB_Contact.sqlite` : "WCDB_Contact.sqlite");
  const accountDir = /(^|\/)DB$/i.test(dbDir) ? dbDir.replace(/\/?DB$/i, "") : dbDir;
  return { messageDbs, contactDb, tree: input, accountDir };
}

/** A `Chat_<md5>` row (64-bit ids as text). */
interface ChatRow {
  localId: string;
  svrId: string | null;
  createTime: string | null;
  message: Uint8Array | string | null;
  status: bigint | null;
  type: bigint | null;
  des: bigint | null;
}

/**
 * Reads WeChat iOS `MM.sqlite` (+ `message_N.sqlite`) with `WCDB_Contact.sqlite` (formats-cn.md §8): one
 * conversation per `Chat_<md5>` table, its username found by hashing every contact's username.
 */
export async function* readWechatIos(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent> {
  const loc = await locate(input);
  const copies: { src: InputSource; copy: SqliteCopy; tables: string[] }[] = [];
  let contactCopy: SqliteCopy | undefined;
  try {
    for (const src of loc.messageDbs) {
      const copy = await openIosMessageDb(src);
      copies.push({ src, copy, tables: tableNames(copy.db) });
      reportIgnoredSidecars(copy, src.name, ctx);
    }
    const first = copies[0]!;
    await blameForeignWal(first.copy, first.src.name, (db) => {
      const tables = tableNames(db);
      if (!tables.some((t) => /^Chat_[0-9a-f]{32}$/i.test(t))) requireTables(first.src.name, tables, ["Chat_<md5>"], "WeChat iOS MM.sqlite");
    });
    let friends = new Map<string, WechatContact>();
    if (!loc.contactDb)
      ctx.report("contacts-missing", {
        message: `No WCDB_Contact.sqlite beside ${first.src.name}: chat tables cannot be named and participants carry ids only; give the DB folder to read contacts.`,
        file: first.src.name,
      });
    if (loc.contactDb) {
      // Contacts name the chats; without them (encrypted, damaged, another schema) the messages are still read.
      const consequence = "Chat tables cannot be named and participants carry ids only.";
      contactCopy = await openSideDatabase(loc.contactDb, "contacts", consequence, ctx);
      const contactName = loc.contactDb.name;
      if (contactCopy && !tableNames(contactCopy.db).includes("Friend"))
        ctx.report("contacts-missing", { message: `${contactName} has no Friend table (tables: ${tableNames(contactCopy.db).join(", ") || "none"}). ${consequence}`, file: contactName });
      else if (contactCopy) friends = readSideDatabase(() => loadFriends(contactCopy!.db), friends, contactName, "contacts", consequence, ctx);
    }
    const byName = new Map<string, WechatContact>();
    for (const c of friends.values()) byName.set(c.username, c);
    const ownerMd5 = /(?:^|\/)([0-9a-f]{32})$/i.exec(loc.accountDir)?.[1]?.toLowerCase();
    const owner = ownerMd5 ? friends.get(ownerMd5)?.username : undefined;
    yield* readChats(copies, friends, new DbPeople((u) => byName.get(u), owner), loc, ctx);
  } finally {
    for (const c of copies) await c.copy.dispose();
    if (contactCopy) await contactCopy.dispose();
  }
}

async function* readChats(
  copies: { src: InputSource; copy: SqliteCopy; tables: string[] }[],
  friends: Map<string, WechatContact>,
  people: DbPeople,
  loc: Located,
  ctx: ReadContext,
): AsyncIterable<ChatEvent> {
  const acc = { rowsRead: 0, rowsInMessages: 0, rowsReported: 0 };
  const tables = [...new Set(copies.flatMap((c) => c.tables.filter((t) => CHAT_MD5.test(t) || isOddChatTable(c, t, ctx))))].sort();
  // Server ids are unique over every chat table of every file; only those stored on more than one row
  // need remembering (found by SQLite first, repeats.ts).
  const idColumns: IdColumn[] = [];
  for (const table of tables)
    for (const { copy } of copies.filter((c) => c.tables.includes(table))) {
      const column = [...columnNames(copy.db, table)].find((c) => c.toLowerCase() === "messvrid");
      if (column) idColumns.push({ db: copy.db, copyPath: copy.copyPath, table, column });
    }
  const ids = new RepeatGuard(repeatedServerIds(idColumns));
  const unresolved: string[] = [];
  const bases = loc.accountDir ? [loc.accountDir, ""] : [""];
  let replaced = false;
  for (const table of tables) {
    // Only a real md5 names media folders (an odd table name must not become a path).
    const md5 = CHAT_MD5.test(table) ? table.slice(5).toLowerCase() : undefined;
    const username = md5 ? friends.get(md5)?.username : undefined;
    if (!username) unresolved.push(table);
    const conv: Conversation = {
      id: username ? conversationId(username) : `wechat-ios:${table}`,
      platform: "wechat",
      kind: username?.endsWith("@chatroom") ? "group" : username?.startsWith("gh_") ? "channel" : username ? "direct" : "unknown",
      title: username ? people.title(username) : table,
      participantIds: [],
      source: copies[0]!.src.name,
      extra: { table, ...(username ? { username } : {}) },
    };
    yield { type: "conversation", conversation: conv };
    let seq = 0;
    for (const { src, copy } of copies.filter((c) => c.tables.includes(table))) {
      const file = src.name;
      const cols = new Set([...columnNames(copy.db, table)].map((c) => c.toLowerCase()));
      if (!cols.has("createtime") || !cols.has("message") || !cols.has("meslocalid"))
        throw new ChatportError("unknown-format", `${file} table ${table} has columns ${[...cols].join(", ")}, not the iOS Chat_ layout (MesLocalID, CreateTime, Message, Type, Des); macOS 3.x tables are not read by wechat-ios.`);
      const sel = (c: string, expr = c) => (cols.has(c.toLowerCase()) ? expr : "NULL");
      const q = quoteIdent(table);
      const notices = copy.db.prepare(`SELECT CAST(Message AS BLOB) AS m FROM ${q} WHERE Message LIKE '%newmsgid%'`);
      const recalled = recallTargets(
        (function* () {
          for (const n of notices.iterate() as Iterable<{ m: Uint8Array | string | null }>) yield bytesToTextReporting(n.m, () => {});
        })(),
        ctx,
        file,
      );
      // ORDER BY names the table's columns: a bare CreateTime is the CAST(… AS TEXT) alias above (aliases
      // match case-insensitively), which sorted 999 after 1000. The rowid makes the order total even where
      // MesLocalID is not the table's key (sqlite.ts SORTER_THREADS).
      const stmt = copy.db
        .prepare(
          `SELECT CAST(MesLocalID AS TEXT) AS localId, ${sel("MesSvrID", "CAST(MesSvrID AS TEXT)")} AS svrId, CAST(CreateTime AS TEXT) AS createTime,
            CAST(Message AS BLOB) AS message, ${sel("Status")} AS status, ${sel("Type")} AS type, ${sel("Des")} AS des
           FROM ${q} ORDER BY ${q}.CreateTime, ${q}.MesLocalID, ${q}.rowid`,
        )
        .safeIntegers(true);
      for (const r of stmt.iterate() as Iterable<ChatRow>) {
        acc.rowsRead++;
        const place: Place = { table, rowid: r.localId };
        const out: ChatEvent[] = [];
        const type = r.type === null ? -1 : Number(r.type);
        let content = bytesToTextReporting(r.message, () => {
          if (!replaced) ctx.report("encoding-replacement", { message: `Some message text in ${file} is not valid UTF-8; bad bytes were replaced by U+FFFD.`, file, place });
          replaced = true;
        });
        // Des 0 = sent by the owner, 1 = received (formats-cn.md §8: two independent tools agree).
        const des = r.des === null ? undefined : Number(r.des);
        let senderId: string | null;
        let prefix: string | undefined;
        if (des === 0) senderId = people.self(out);
        else if (conv.kind === "group" || (!username && /^[A-Za-z0-9_\-.@]+:\n/.test(content))) {
          const split = splitSenderPrefix(content);
          content = split.body;
          prefix = split.sender;
          senderId = split.sender && type !== 10000 && type !== 10002 ? people.user(split.sender, out) : null;
        } else senderId = username && type !== 10000 && type !== 10002 ? people.user(username, out) : null;
        const svr = normalizeSvrid(r.svrId);
        const id = svr && ids.claim(svr) ? svr : localMessageId("wechat-ios", file, table, r.localId);
        // 0 or less is an unset or damaged cell, not 1970: kept raw, like a value that is no epoch.
        const notPositive = r.createTime !== null && Number(r.createTime) <= 0;
        const sentAt = (notPositive ? undefined : epochTimestamp(r.createTime ?? "", "s", ctx)) ?? { raw: r.createTime ?? "", basis: "floating" as const, precision: "second" as const };
        if (!sentAt.utc)
          ctx.report("invalid-timestamp", { message: `CreateTime "${r.createTime ?? ""}" ${notPositive ? "is 0 or less, not a real time (an unset or damaged cell)" : "is not an epoch in seconds"}; kept raw only.`, file, place, raw: r.createTime ?? "" });
        const extra: Record<string, unknown> = { mesLocalId: r.localId };
        if (svr) extra.mesSvrId = svr;
        if (des !== undefined) extra.des = des;
        if (r.status !== null) extra.status = Number(r.status);
        if (prefix) extra.senderPrefix = prefix;
        const mediaPath = md5 ? await pickMedia(loc.tree, bases, type, md5, r.localId) : undefined;
        const { message, recalls } = await buildWechatMessage(
          {
            id, conversationId: conv.id, seq: ++seq, senderId, sentAt, type, subType: 0, content, file, place,
            provenance: ctx.provenance(file, place), extra, ...(mediaPath ? { mediaPath } : {}),
            ...(svr && recalled.has(svr) ? { recalled: true } : {}),
          },
          { ctx, tree: loc.tree, bases },
        );
        const label = (message.extra?.wechatType as { label?: string } | undefined)?.label;
        if (!recalls && (label === "recall" || (type === 10000 && /撤回了一条消息/.test(message.text)))) message.status = "recalled";
        for (const ev of out) yield ev;
        yield { type: "message", message };
        acc.rowsInMessages++;
      }
    }
    yield { type: "conversation-end", conversation: conv };
  }
  if (unresolved.length)
    ctx.report("unresolved-name", {
      message: `${unresolved.length} chat table(s) match no contact username (${loc.contactDb ? "not in WCDB_Contact.sqlite" : "no WCDB_Contact.sqlite beside the database"}); kept under their table names: ${unresolved.slice(0, 5).join(", ")}${unresolved.length > 5 ? " …" : ""}.`,
      file: copies[0]!.src.name,
    });
  ctx.account?.({ ...acc });
}

/**
 * A `Chat_` table not named by an md5 (a hand-edited or damaged database: quotes, spaces, any name): read
 * as a chat when it has the iOS columns (kept under its table name), else reported as not read.
 */
function isOddChatTable(c: { src: InputSource; copy: SqliteCopy }, table: string, ctx: ReadContext): boolean {
  if (!table.startsWith("Chat_")) return false;
  const cols = new Set([...columnNames(c.copy.db, table)].map((x) => x.toLowerCase()));
  if (cols.has("createtime") && cols.has("message") && cols.has("meslocalid")) return true;
  ctx.report("unrecognized-record", { message: `${c.src.name}: table ${table} is named like a chat table but lacks the iOS Chat_ columns (MesLocalID, CreateTime, Message); not read.`, file: c.src.name, raw: table });
  return false;
}

/**
 * iOS media next to the database (third-party, unverified: wechat-exporter): `Img/<chat md5>/<MesLocalID>.pic`
 * (`.pic_thum` thumbnail), `Audio/<chat md5>/<MesLocalID>.aud`, `Video/<chat md5>/<MesLocalID>.mp4`, under
 * the account folder. Returns the first present candidate, else the first candidate.
 */
async function pickMedia(tree: InputTree | undefined, bases: string[], type: number, md5: string, localId: string): Promise<string | undefined> {
  const cands =
    type === 3 ? [`Img/${md5}/${localId}.pic`, `Img/${md5}/${localId}.pic_thum`]
    : type === 34 ? [`Audio/${md5}/${localId}.aud`]
    : type === 43 || type === 62 ? [`Video/${md5}/${localId}.mp4`]
    : [];
  if (!cands.length) return undefined;
  if (tree) for (const c of cands) for (const b of bases) if (await tree.open(b ? `${b}/${c}` : c)) return c;
  return cands[0];
}
