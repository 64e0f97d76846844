import { ChatportError } from "../../src/diagnostics/errors.js";
import type { InputSource, InputTree } from "../../src/io/source.js";
import type { SqliteDatabase } from "../../src/io/sqlite.js";
import type { Conversation, Place } from "../../src/model/index.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { openWechatDatabase } from "../wechat-shared/database.js";
import { bytesToTextReporting, requireTables } from "../wechat-shared/db-open.js";
import { columnNames, tableNames } from "../../src/io/sqlite.js";
import { blameForeignWal, reportIgnoredSidecars } from "../../src/io/sqlite-wal.js";
import { DbPeople } from "../wechat-shared/db-people.js";
import { epochTimestamp } from "../wechat-shared/export-time.js";
import { conversationId, localMessageId, normalizeSvrid } from "../wechat-shared/ids.js";
import { buildWechatMessage } from "../wechat-shared/message.js";
import { recallTargets } from "../wechat-shared/recall-scan.js";
import { RepeatGuard, repeatedServerIds } from "../wechat-shared/repeats.js";
import { splitSenderPrefix } from "../wechat-shared/sender-prefix.js";
import { androidMediaPaths } from "./media-paths.js";
import { androidType } from "./type-codes.js";

/** A `message` row as selected (64-bit ids as text). */
interface MessageRow {
  msgId: string;
  msgSvrId: string | null;
  type: bigint;
  status: bigint | null;
  isSend: bigint | null;
  createTime: string | null;
  talker: string | null;
  content: Uint8Array | string | null;
  imgPath: string | null;
}

/** Finds EnMicroMsg.db in the input: the file itself, or the first one in a folder (account folder = its folder). */
async function locate(input: InputSource | InputTree): Promise<{ db: InputSource; tree: InputTree | undefined; base: string }> {
  if (input.kind === "file") return { db: input, tree: input.parent, base: "" };
  const names = await input.list();
  const hit = names.find((n) => /(^|\/)EnMicroMsg\.db$/i.test(n)) ?? names.find((n) => /\.db$/i.test(n) && !/-(wal|shm|journal)$/.test(n));
  const src = hit ? await input.open(hit) : undefined;
  if (!src) throw new ChatportError("unknown-format", `${input.name} holds no EnMicroMsg.db; give the decrypted database or the folder that contains it.`);
  return { db: src, tree: input, base: hit!.includes("/") ? hit!.slice(0, hit!.lastIndexOf("/")) : "" };
}

/**
 * Reads a decrypted WeChat Android `EnMicroMsg.db` (formats-cn.md §7): one conversation per `talker`,
 * rows iterated in (talker, createTime, msgId) order. See FORMAT.md.
 */
export async function* readWechatAndroid(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent> {
  const { db: src, tree, base } = await locate(input);
  const file = src.name;
  const copy = await openWechatDatabase(src, "EnMicroMsg.db");
  try {
    const db = copy.db;
    reportIgnoredSidecars(copy, file, ctx);
    await blameForeignWal(copy, file, (d) => requireTables(file, tableNames(d), ["message", "rcontact"], "WeChat Android EnMicroMsg.db"));
    yield* readMessages(db, copy.copyPath, file, tree, base, ctx, input.kind === "file" ? input.name : src.name);
  } finally {
    await copy.dispose();
  }
}

async function* readMessages(db: SqliteDatabase, copyPath: string, file: string, tree: InputTree | undefined, base: string, ctx: ReadContext, _display: string): AsyncIterable<ChatEvent> {
  const acc = { rowsRead: 0, rowsInMessages: 0, rowsReported: 0 };
  const cols = columnNames(db, "message");
  const contactStmt = db.prepare("SELECT CAST(username AS TEXT) AS username, CAST(alias AS TEXT) AS alias, CAST(conRemark AS TEXT) AS conRemark, CAST(nickname AS TEXT) AS nickname FROM rcontact WHERE username = ?");
  const lookup = (username: string) => {
    const r = contactStmt.get(username) as { username: string; alias: string | null; conRemark: string | null; nickname: string | null } | undefined;
    return r ? { username: r.username, alias: r.alias, remark: r.conRemark, nickname: r.nickname } : undefined;
  };
  const owner = ownerUsername(db);
  const people = new DbPeople(lookup, owner);
  const recalled = recallScan(db, ctx, file);
  // Only server ids stored on more than one row need remembering (found by SQLite first, repeats.ts).
  const ids = new RepeatGuard(cols.has("msgSvrId") ? repeatedServerIds([{ db, copyPath, table: "message", column: "msgSvrId" }], { minusOneIsNone: true }) : new Set());
  const bases = base ? [base, ""] : [""];
  const sel = (c: string, expr = c) => (cols.has(c) ? expr : `NULL`);
  // ORDER BY names the table's columns (message.x): bare names would be the CAST(… AS TEXT) aliases
  // above, and msgId 10 would sort before 9 at equal times. The rowid makes the order total even where
  // msgId is not the table's key (sqlite.ts SORTER_THREADS).
  const stmt = db
    .prepare(
      `SELECT CAST(msgId AS TEXT) AS msgId, ${sel("msgSvrId", "CAST(msgSvrId AS TEXT)")} AS msgSvrId, type, ${sel("status")} AS status,
        ${sel("isSend")} AS isSend, CAST(createTime AS TEXT) AS createTime, CAST(talker AS TEXT) AS talker, CAST(content AS BLOB) AS content, ${sel("imgPath", "CAST(imgPath AS TEXT)")} AS imgPath
       FROM message ORDER BY message.talker, message.createTime, message.msgId, message.rowid`,
    )
    .safeIntegers(true);
  let conv: Conversation | undefined;
  let seq = 0;
  let replaced = false;
  for (const r of stmt.iterate() as Iterable<MessageRow>) {
    acc.rowsRead++;
    const place: Place = { table: "message", rowid: r.msgId };
    const talker = r.talker ?? "";
    const out: ChatEvent[] = [];
    if (!conv || conv.extra?.username !== talker) {
      if (conv) yield { type: "conversation-end", conversation: conv };
      conv = {
        id: conversationId(talker || "unknown"),
        platform: "wechat",
        kind: talker.endsWith("@chatroom") ? "group" : talker.startsWith("gh_") ? "channel" : talker ? "direct" : "unknown",
        title: talker ? people.title(talker) : "(no talker)",
        participantIds: [],
        source: file,
        extra: { username: talker },
      };
      seq = 0;
      // Messages without a talker (a damaged row) are kept together under "(no talker)"; said once.
      if (!talker)
        ctx.report("unresolved-name", { message: `${file}: messages with an empty talker (a damaged or edited row) are kept in one conversation titled "(no talker)".`, file, place });
      yield { type: "conversation", conversation: conv };
    }
    const code = Number(r.type);
    const { type, subType, combined } = androidType(code);
    let content = bytesToTextReporting(r.content, () => {
      if (!replaced) ctx.report("encoding-replacement", { message: `Some message content in ${file} is not valid UTF-8; bad bytes were replaced by U+FFFD.`, file, place });
      replaced = true;
    });
    const isSend = r.isSend === null ? undefined : Number(r.isSend);
    let senderId: string | null;
    let prefixSender: string | undefined;
    if (isSend === 1) senderId = people.self(out);
    else if (conv.kind === "group") {
      // Received group rows start with "senderWxid:\n"; system rows usually have none, and when one does
      // (a 10002 recall notice) it names who acted, not a sender of text: kept in extra only.
      const split = splitSenderPrefix(content);
      content = split.body;
      prefixSender = split.sender;
      senderId = split.sender && type !== 10000 && type !== 10002 ? people.user(split.sender, out) : null;
    } else senderId = talker && type !== 10000 && type !== 10002 ? people.user(talker, out) : null;
    // -1 marks rows that never had a server id (local notices); other negative values are signed ids.
    const svr = r.msgSvrId === "-1" ? undefined : normalizeSvrid(r.msgSvrId);
    const id = svr && ids.claim(svr) ? svr : localMessageId("wechat-android", file, "message", r.msgId);
    // 0 or less is an unset or damaged cell, not 1970: kept raw like any unusable time.
    const unset = r.createTime !== null && Number(r.createTime) <= 0;
    const sentAt = (unset ? undefined : epochTimestamp(r.createTime ?? "", "ms", ctx)) ?? { raw: r.createTime ?? "", basis: "floating" as const, precision: "millisecond" as const };
    if (!sentAt.utc)
      ctx.report("invalid-timestamp", { message: unset ? `createTime "${r.createTime}" is 0 or less, not a real time (an unset or damaged cell); kept raw only.` : `createTime "${r.createTime ?? ""}" is not an epoch in milliseconds; kept raw only.`, file, place, raw: r.createTime ?? "" });
    const extra: Record<string, unknown> = { msgId: r.msgId, androidType: code };
    if (svr) extra.msgSvrId = svr;
    if (r.status !== null) extra.status = Number(r.status);
    if (isSend !== undefined) extra.isSend = isSend;
    if (prefixSender) extra.senderPrefix = prefixSender;
    if (r.imgPath) extra.imgPath = r.imgPath;
    if (combined) extra.combinedType = true;
    const mediaPath = await pickMedia(tree, bases, type, r.imgPath ?? "");
    const { message, recalls } = await buildWechatMessage(
      {
        id, conversationId: conv.id, seq: ++seq, senderId, sentAt, type, subType, content, file, place,
        provenance: ctx.provenance(file, place), extra,
        ...(mediaPath ? { mediaPath } : {}),
        ...(svr && recalled.has(svr) ? { recalled: true } : {}),
      },
      { ctx, tree, bases },
    );
    const label = (message.extra?.wechatType as { label?: string } | undefined)?.label;
    // A notice naming its target (10002 <newmsgid>) marks that message instead; a notice that names none
    // took the recalled message's place in the database, so it is the recalled message.
    if (!recalls && (code === 268445456 || label === "recall" || (type === 10000 && /撤回了一条消息/.test(message.text)))) message.status = "recalled";
    for (const ev of out) yield ev;
    yield { type: "message", message };
    acc.rowsInMessages++;
  }
  if (conv) yield { type: "conversation-end", conversation: conv };
  ctx.account?.({ ...acc });
}

/** The owner's username: `userinfo` id 2 (third-party convention, unverified); undefined when absent. */
function ownerUsername(db: SqliteDatabase): string | undefined {
  try {
    const r = db.prepare("SELECT value FROM userinfo WHERE id = 2").get() as { value: unknown } | undefined;
    const v = typeof r?.value === "string" ? r.value.trim() : "";
    return /^[A-Za-z0-9_\-.@]+$/.test(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Server ids named by `<sysmsg type="revokemsg"><newmsgid>` notices (a small set, scanned up front). */
function recallScan(db: SqliteDatabase, ctx: ReadContext, file: string): Set<string> {
  const stmt = db.prepare("SELECT CAST(content AS BLOB) AS content FROM message WHERE type IN (10000, 10002, 268445456) AND content LIKE '%newmsgid%'");
  const contents = (function* () {
    for (const r of stmt.iterate() as Iterable<{ content: Uint8Array | string | null }>) yield bytesToTextReporting(r.content, () => {});
  })();
  return recallTargets(contents, ctx, file);
}

/** The media path to look up: the first candidate present under a base, else the first candidate. */
async function pickMedia(tree: InputTree | undefined, bases: string[], type: number, imgPath: string): Promise<string | undefined> {
  const cands = androidMediaPaths(type, imgPath);
  if (!cands.length) return undefined;
  if (tree)
    for (const c of cands)
      for (const b of bases) if (await tree.open(b ? `${b}/${c}` : c)) return c;
  return cands[0];
}
