// Generates large decrypted chat databases for measuring the database readers at scale (issue 7):
//   node bench/generate-db.mjs <android|ios|v4|qqnt|pyw> <count> [outDir]
// Writes <outDir>/<kind>-<count>/ (default outDir bench/work; not committed) and prints the input path to
// give `chatport convert`. Shapes follow samples/<reader>/*/input/*.sql: several conversations of unequal
// size (one group holds half the rows, so per-conversation state is stressed), quotes of earlier messages,
// images, system notices and recalls, and server ids that repeat (within a conversation every 100,003rd
// row, across conversations every 250,007th row) where the format has server ids.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";

const BODIES = ["好的", "今天读第三章，记得带笔记本", "哈哈哈哈 /托腮", "http://example.com/a?b=1", "第一行\n第二行", "明天见！", "收到，我带水", "周六早上八点集合，别迟到了"];
const md5 = (s) => createHash("md5").update(s, "utf8").digest("hex");
const BATCH = 50_000;

/** Conversation of row i: 0 = big group (1/2), 1 = second group (1/8), 2..4 = private chats (1/8 each). */
const convOf = (i) => [0, 0, 0, 0, 1, 2, 3, 4][i % 8];
/** Server id of row i: unique, spread like real ids (not consecutive), above 2^53 so precision matters. */
const svrOf = (i) => 7330772355966176000n + BigInt(i) * 7919n + BigInt(i % 13);
/** Server id written for row i: a repeat of an earlier row's id now and then. */
function svrFor(i) {
  if (i > 8 && i % 100_003 === 0) return svrOf(i - 8); // same conversation (i - 8 has the same i % 8)
  if (i > 1 && i % 250_007 === 0) return svrOf(i - 1); // another conversation
  return svrOf(i);
}

async function openDb(path) {
  const { default: Database } = await import("better-sqlite3");
  rmSync(path, { force: true });
  const db = new Database(path);
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  return db;
}

function fill(db, count, insertRow) {
  const many = db.transaction((from, to) => {
    for (let i = from; i < to; i++) insertRow(i);
  });
  for (let i = 0; i < count; i += BATCH) many(i, Math.min(count, i + BATCH));
}

const quoteXml = (svr, from, text) =>
  `<msg><appmsg appid="" sdkver="0"><title>回复：${text}</title><type>57</type><refermsg><type>1</type><svrid>${svr}</svrid><fromusr>${from}</fromusr><displayname>${from}</displayname><content>${BODIES[0]}</content></refermsg></appmsg></msg>`;
const imgXml = (i) => `<msg><img md5="${md5(String(i))}" length="${1000 + (i % 50000)}" /></msg>`;
const revokeXml = (room, svr) => `<sysmsg type="revokemsg"><revokemsg><session>${room}</session><newmsgid>${svr}</newmsgid><replacemsg><![CDATA["Bob" 撤回了一条消息]]></replacemsg></revokemsg></sysmsg>`;

const OWNER = "wxid_owner9";
const TALKERS = ["1000000001@chatroom", "2000000002@chatroom", "wxid_alice01", "wxid_bob02", "wxid_carol3"];
const MEMBERS = ["wxid_alice01", "wxid_bob02", "wxid_carol3", "wxid_dave04"];
const USERS = [...new Set([OWNER, ...TALKERS, ...MEMBERS])];

/** One WeChat row's content and type (shared by android/ios/v4): text, image, quote, recall, system. */
function wechatRow(i) {
  const c = convOf(i);
  const talker = TALKERS[c];
  const group = c < 2;
  const self = i % 5 === 0;
  const sender = self ? OWNER : group ? MEMBERS[i % 4] : talker;
  let type = 1, content = BODIES[i % BODIES.length];
  if (i % 16 === 15) (type = 3), (content = imgXml(i));
  else if (i % 32 === 7 && i > 8) (type = 49), (content = quoteXml(svrOf(i - 8), sender, BODIES[(i - 8) % BODIES.length]));
  else if (i % 5000 === 4001 && i > 8) (type = 10002), (content = revokeXml(talker, svrOf(i - 8)));
  else if (i % 1000 === 503) (type = 10000), (content = `"${sender}"邀请"wxid_dave04"加入了群聊`);
  const prefixed = group && !self && type !== 10000 ? `${sender}:\n${content}` : content;
  return { c, talker, group, self, sender, type, content: prefixed };
}

async function android(count, dir) {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "EnMicroMsg.db");
  const db = await openDb(path + ".part");
  db.exec(`CREATE TABLE message (msgId INTEGER PRIMARY KEY, msgSvrId INTEGER, type INT, status INT, isSend INT,
  isShowTimer INTEGER, createTime INTEGER, talker TEXT, content TEXT, imgPath TEXT, reserved TEXT, lvbuffer BLOB,
  transContent TEXT, transBrandWording TEXT, talkerId INTEGER, bizClientMsgId TEXT, bizChatId INTEGER DEFAULT -1,
  bizChatUserId TEXT, msgSeq INTEGER, flag INT, solitaireFoldInfo BLOB, historyId TEXT);
CREATE TABLE rcontact (username TEXT PRIMARY KEY, alias TEXT, conRemark TEXT, domainList TEXT, nickname TEXT, type INT);
CREATE TABLE chatroom (chatroomname TEXT PRIMARY KEY, memberlist TEXT, displayname TEXT, roomowner TEXT, memberCount INTEGER);
CREATE TABLE userinfo (id INTEGER PRIMARY KEY, type INT, value TEXT);
INSERT INTO userinfo VALUES (2, 3, '${OWNER}');`);
  const con = db.prepare("INSERT INTO rcontact (username, alias, conRemark, nickname, type) VALUES (?, '', ?, ?, 3)");
  for (const u of USERS) con.run(u, u.startsWith("wxid_b") ? "鲍勃" : "", `Nick ${u}`);
  const ins = db.prepare("INSERT INTO message (msgId, msgSvrId, type, status, isSend, createTime, talker, content, imgPath) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  fill(db, count, (i) => {
    const r = wechatRow(i);
    // local notices have no server id (-1); android type 49 quotes are stored as 822083633 (57 << 24 | 49)
    const svr = r.type === 10000 ? -1n : svrFor(i);
    const type = r.type === 49 ? 822083633 : r.type;
    ins.run(i + 1, svr, type, r.self ? 2 : 4, r.self ? 1 : 0, 1483228800000 + i * 3000 + (i % 1000), r.talker, r.content, r.type === 3 ? `THUMBNAIL_DIRPATH://th_${md5(String(i))}` : null);
  });
  db.close();
  renameSync(path + ".part", path);
  return path;
}

/** protobuf bytes of a Friend.dbContactRemark: 1 nickname, 2 alias, 3 remark. */
function remarkProto(nick) {
  const b = Buffer.from(nick, "utf8");
  return Buffer.concat([Buffer.from([0x0a, b.length]), b, Buffer.from([0x12, 0, 0x1a, 0])]);
}

async function ios(count, dir) {
  const dbDir = join(dir, "Documents", md5(OWNER), "DB");
  mkdirSync(dbDir, { recursive: true });
  const contacts = await openDb(join(dbDir, "WCDB_Contact.sqlite"));
  contacts.exec("CREATE TABLE Friend (userName TEXT PRIMARY KEY, type INTEGER, dbContactRemark BLOB)");
  for (const u of USERS) contacts.prepare("INSERT INTO Friend VALUES (?, 3, ?)").run(u, remarkProto(`Nick ${u}`));
  contacts.close();
  const path = join(dbDir, "MM.sqlite");
  const db = await openDb(path + ".part");
  const ins = TALKERS.map((t) => {
    const table = `Chat_${md5(t)}`;
    db.exec(`CREATE TABLE "${table}" (TableVer INTEGER DEFAULT 1, MesLocalID INTEGER PRIMARY KEY AUTOINCREMENT, MesSvrID INTEGER DEFAULT 0, CreateTime INTEGER DEFAULT 0, Message TEXT, Status INTEGER DEFAULT 0, ImgStatus INTEGER DEFAULT 0, Type INTEGER, Des INTEGER)`);
    return db.prepare(`INSERT INTO "${table}" (MesSvrID, CreateTime, Message, Status, Type, Des) VALUES (?, ?, ?, ?, ?, ?)`);
  });
  db.exec("CREATE TABLE Hello (Id INTEGER)");
  fill(db, count, (i) => {
    const r = wechatRow(i);
    ins[r.c].run(r.type === 10000 ? 0n : svrFor(i), 1483228800 + i * 3, r.content, r.self ? 2 : 4, r.type, r.self ? 0 : 1);
  });
  db.close();
  renameSync(path + ".part", path);
  return join(dir, "Documents", md5(OWNER));
}

// A zstd frame of a quote XML, written without its content size (8 MiB window) (from samples/wechat-v4/db-storage-group): 4.x stores long content compressed.
const ZSTD_QUOTE = Buffer.from(
  "28b52ffd0468fd0800b20f382c606f1bd08ee792249135dd5bf401d3fcc7510b59816bad099813a2680a86011065d740028d564d2975340c7396b1c1397f3e25506ad036cad5cc31f7b0fe7ebe6815f370ba0ad347986eb27492a75b1e621e8adfcf3fa17a09f3f2645a16835e48f11ee3cef7e7574a350e25e2cf07455173aff12538c2361068b530a09ad51b028a7af1f3355a692dd89b7564578d1758ff7c6eb378a4f0f976e3fbf3339d7e01c1481fd867d335ab58aae20aa558163f78e66f25959de3ee4ccaeee66c1cbdb78c0d3ec022240d54d98562de1a47b20738413ce050e90d71d60bc5cd13491808a00a295848072c41d69a4b3704eb3c5db52334cf6d4a0008ebd4f1d76021d8e43da83a9f5ae3723bb919c28953583c2937038ac754a7e23abe65be733227",
  "hex",
);

/**
 * The same frame as WeChat's own encoder likely writes it (single-shot compression records the content
 * size, so decoders allocate just that): single segment, 2-byte content size, same blocks and checksum.
 */
async function sizedFrame(unsized) {
  const { decompress } = await import("fzstd");
  const size = decompress(unsized).length;
  if (size < 256 || size > 65791 || unsized[4] !== 0x04) throw new Error("unexpected fixture frame");
  return Buffer.concat([unsized.subarray(0, 4), Buffer.from([0x64, (size - 256) & 255, (size - 256) >> 8]), unsized.subarray(6)]);
}

async function v4(count, dir) {
  const zstdSized = await sizedFrame(ZSTD_QUOTE);
  const account = join(dir, "xwechat_files", `${OWNER}_8f3e`, "db_storage");
  mkdirSync(join(account, "message"), { recursive: true });
  mkdirSync(join(account, "contact"), { recursive: true });
  const contacts = await openDb(join(account, "contact", "contact.db"));
  contacts.exec(`CREATE TABLE contact (id INTEGER PRIMARY KEY, username TEXT, local_type INTEGER, alias TEXT, remark TEXT, nick_name TEXT);
CREATE TABLE chat_room (id INTEGER PRIMARY KEY, username TEXT, owner TEXT, ext_buffer BLOB);`);
  for (const u of USERS) contacts.prepare("INSERT INTO contact (username, local_type, alias, remark, nick_name) VALUES (?, 1, '', '', ?)").run(u, `Nick ${u}`);
  contacts.close();
  // Two message databases: rows alternate between them in blocks of 100k (older/newer shards), so the
  // big conversations are merged across files.
  const users = USERS;
  const shards = [0, 1].map(async (n) => {
    const path = join(account, "message", `message_${n}.db`);
    const db = await openDb(path);
    db.exec("CREATE TABLE Name2Id (user_name TEXT PRIMARY KEY, is_session INTEGER)");
    users.forEach((u, k) => db.prepare("INSERT INTO Name2Id (rowid, user_name, is_session) VALUES (?, ?, ?)").run(k + 1 + n, u, TALKERS.includes(u) ? 1 : 0));
    const ins = TALKERS.map((t) => {
      const table = `Msg_${md5(t)}`;
      db.exec(`CREATE TABLE "${table}" ("local_id" INTEGER, "server_id" INTEGER, "local_type" INTEGER, "sort_seq" INTEGER,
 "real_sender_id" INTEGER, "create_time" INTEGER, "status" INTEGER, "upload_status" INTEGER, "download_status" INTEGER,
 "server_seq" INTEGER, "origin_source" INTEGER, "source" TEXT, "message_content" TEXT, "compress_content" TEXT,
 "packed_info_data" BLOB, "WCDB_CT_message_content" INTEGER DEFAULT NULL, "WCDB_CT_source" INTEGER DEFAULT NULL,
 PRIMARY KEY("local_id" AUTOINCREMENT))`);
      return db.prepare(`INSERT INTO "${table}" (server_id, local_type, sort_seq, real_sender_id, create_time, status, message_content, WCDB_CT_message_content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    });
    return { db, ins, n };
  });
  const dbs = await Promise.all(shards);
  for (let from = 0; from < count; from += 100_000) {
    const { db, ins, n } = dbs[(from / 100_000) % 2];
    fill(db, Math.min(100_000, count - from), (k) => {
      const i = from + k;
      const r = wechatRow(i);
      const t = 1483228800 + i * 3;
      const zst = r.type === 49;
      // every 1024th quote keeps the streaming frame (no content size, 8 MiB window): the costly kind to decode
      const content = zst ? (i % 32768 === 7 ? ZSTD_QUOTE : zstdSized) : r.content;
      const localType = zst ? 244813135921n : BigInt(r.type);
      ins[r.c].run(r.type === 10000 ? 0n : svrFor(i), localType, BigInt(t) * 1000n + BigInt(i % 1000), users.indexOf(r.sender) + 1 + n, t, r.self ? 2 : 4, content, zst ? 4 : 0);
    });
  }
  for (const { db } of dbs) db.close();
  return join(dir, "xwechat_files", `${OWNER}_8f3e`);
}

// 40800 bodies (protobuf) from samples/qqnt-db/private-and-group: text+face, reply, image, file, @mention, voice.
const QQ_BODIES = [
  "82f61315c8fc1501d0fc1501ea821609e697a9e4b88ae5a5bd82f61317c8fc1503d0fc1506889f170e929f17072fe5beaee7ac91",
  "82f6133ac8fc1507d0fc1507c89217e58090cfb09985d966d0921700d89217a29c01e09217c0a188b406aa931710e697a9e4b88ae5a5bd2fe5beaee7ac9182f61312c8fc1501d0fc1501ea821606e697a9efbc81",
  "82f61319c8fc1501d0fc1501ea82160d20e6988ee5a4a9e99b86e59088",
  "82f6131cc8fc1505d0fc1503d295160ae68aa5e5918a2e706466e8951680a006",
  "82f6132bc8fc1502d0fc1501ea82160740e998bfe4b999f0821602f88216c4b8028a83160a755f6d656d6265725f4282f61317c8fc1501d0fc1501ea82160b20e79c8be8bf99e4b8aa2082f61318c8fc1503d0fc1506889f17d401929f17072fe68998e885ae",
  "82f61327c8fc1506d0fc1504d2951608613162322e616d72e89516b81790b516059ab61606e5a5bde79a84",
  "82f61315c8fc1501d0fc1501ea821609e697a9e4b88ae5a5bd82f61317c8fc1503d0fc1506889f170e929f17072fe5beaee7ac91",
].map((h) => Buffer.from(h, "hex"));

async function qqnt(count, dir) {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "nt_msg.db");
  const db = await openDb(path + ".part");
  const cols = `("40001" INTEGER PRIMARY KEY, "40002" INTEGER, "40003" INTEGER, "40010" INTEGER, "40011" INTEGER, "40012" INTEGER, "40013" INTEGER, "40020" TEXT, "40021" TEXT, "40027" INTEGER, "40030" INTEGER, "40033" INTEGER, "40041" INTEGER, "40050" INTEGER, "40058" INTEGER, "40090" TEXT, "40093" TEXT, "40100" INTEGER, "40600" BLOB, "40800" BLOB, "40850" INTEGER)`;
  db.exec(`CREATE TABLE c2c_msg_table ${cols}; CREATE TABLE group_msg_table ${cols};`);
  const q = "VALUES (?, ?, ?, ?, 2, 1, ?, ?, ?, ?, ?, ?, 2, ?, ?, ?, ?, NULL, ?, ?, ?)";
  const c2c = db.prepare(`INSERT INTO c2c_msg_table ${q}`);
  const grp = db.prepare(`INSERT INTO group_msg_table ${q}`);
  const peers = [20002, 20003, 20004];
  const members = [30003, 40004, 50005, 60006];
  const seqs = [0, 0];
  fill(db, count, (i) => {
    const c = convOf(i);
    const t = 1719800000 + i * 3;
    const body = QQ_BODIES[i % QQ_BODIES.length];
    const recalled = i % 5000 === 4001;
    const id = 7400000000000000000n + BigInt(i) * 131n;
    if (c < 2) {
      const group = c === 0 ? 123456789 : 987654321;
      const seq = ++seqs[c];
      const self = i % 5 === 0;
      const who = self ? 10001 : members[i % 4];
      const reply = i % 32 === 7 && seq > 2 ? seq - 1 : null;
      grp.run(id, i, seq, 2, self ? 1 : 0, `u_${who}`, String(group), group, group, who, t, t - (t % 86400), self ? "小明" : `成员${who}(${who})`, `nick${who}`, recalled ? Buffer.from("c2e91304a8d11401", "hex") : null, recalled ? null : body, reply);
    } else {
      const peer = peers[c - 2];
      const self = i % 5 === 0;
      c2c.run(id, i, 0, 1, self ? 1 : 0, self ? "u_self" : `u_${peer}`, `u_${peer}`, 1000 + c, peer, self ? 10001 : peer, t, t - (t % 86400), null, self ? "小明" : `好友${peer}`, recalled ? Buffer.from("c2e91304a8d11401", "hex") : null, recalled ? null : body, null);
    }
  });
  db.close();
  renameSync(path + ".part", path);
  return path;
}

/** PyWxDump CSV (v3 columns) of one private chat: not a database, but its reader keeps every MsgSvrID too. */
async function pyw(count, dir) {
  const { createWriteStream } = await import("node:fs");
  const { once } = await import("node:events");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "chat.csv");
  const out = createWriteStream(path);
  let buf = "id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime\n";
  for (let i = 0; i < count; i++) {
    const self = i % 5 === 0;
    const t = new Date(Date.UTC(2017, 0, 1) + i * 60_000);
    const when = `${t.getUTCFullYear()}/${t.getUTCMonth() + 1}/${t.getUTCDate()} ${t.getUTCHours()}:${String(t.getUTCMinutes()).padStart(2, "0")}`;
    buf += `${i + 1},${svrFor(i)},文本,${self ? 1 : 0},${self ? OWNER : "wxid_alice01"},wxid_alice01,"${BODIES[i % BODIES.length]}",,${when}\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, "drain");
      buf = "";
    }
  }
  out.end(buf);
  await once(out, "close");
  return path;
}

const KINDS = { android, ios, v4, qqnt, pyw };

if (import.meta.url === `file://${process.argv[1]}`) {
  const [kind, n, out = join(import.meta.dirname, "work")] = process.argv.slice(2);
  const make = KINDS[kind];
  const count = Number(n);
  if (!make || !Number.isInteger(count) || count <= 0) {
    console.error("usage: node bench/generate-db.mjs <android|ios|v4|qqnt|pyw> <count> [outDir]");
    process.exit(2);
  }
  const dir = join(out, `${kind}-${count}`);
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  console.log(await make(count, dir));
}
