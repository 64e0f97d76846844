// Generates large synthetic inputs for `npm run bench` into bench/work/ (not committed).
import { createWriteStream, mkdirSync, existsSync, statSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";

const WORK = join(import.meta.dirname, "work");
mkdirSync(WORK, { recursive: true });

const NAMES = ["林小满", "周一", "阿哲", "小鱼干Ｏ(≧▽≦)Ｏ", "Alice", "Bob", "大熊", "阿宁"];
const BODIES = ["好的", "今天读第三章，记得带笔记本", "[图片]", "[表情]", "哈哈哈哈 /托腮", "http://example.com/a?b=1", "第一行\n第二行", "明天见！"];

async function writeLines(path, count, lineFor) {
  const out = createWriteStream(path);
  let buf = "";
  for (let i = 0; i < count; i++) {
    buf += lineFor(i);
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, "drain");
      buf = "";
    }
  }
  out.end(buf);
  await once(out, "close");
}

const pad = (n) => String(n).padStart(2, "0");
function wall(i) {
  // one message every ~3 s starting 2017-01-01; calendar via UTC arithmetic (no host zone)
  const d = new Date(Date.UTC(2017, 0, 1) + i * 3000);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() };
}

/** QQ TXT: BOM, CRLF structure, bare LF inside bodies. */
export async function qqTxt(count, name = `qq-${count}.txt`) {
  const path = join(WORK, name);
  if (existsSync(path)) return path;
  const head = "\uFEFF消息记录（此消息记录为文本格式，不支持重新导入）\r\n\r\n" + "=".repeat(64) + "\r\n消息分组:我的QQ群\r\n" + "=".repeat(64) + "\r\n消息对象:基准测试群\r\n" + "=".repeat(64) + "\r\n\r\n";
  await writeLines(path, count + 1, (i) => {
    if (i === 0) return head;
    const t = wall(i);
    const who = i % NAMES.length;
    return `${t.y}-${pad(t.mo)}-${pad(t.d)} ${t.h}:${pad(t.mi)}:${pad(t.s)} ${NAMES[who]}(${800000000 + who})\r\n${BODIES[i % BODIES.length]}\r\n\r\n`;
  });
  return path;
}

/** WhatsApp Android TXT (dd/mm/yyyy, HH:MM - Name: text). */
export async function whatsappTxt(count, name = `whatsapp-${count}.txt`) {
  const path = join(WORK, name);
  if (existsSync(path)) return path;
  await writeLines(path, count, (i) => {
    const t = wall(i);
    return `${pad(t.d)}/${pad(t.mo)}/${t.y}, ${pad(t.h)}:${pad(t.mi)} - ${NAMES[i % 4 + 4]}: ${BODIES[i % BODIES.length].replace("[图片]", "<Media omitted>")}\n`;
  });
  return path;
}

/** Telegram Desktop single-chat result.json. */
export async function telegramJson(count, name = `telegram-${count}.json`) {
  const path = join(WORK, name);
  if (existsSync(path)) return path;
  await writeLines(path, count + 2, (i) => {
    if (i === 0) return '{\n "name": "Bench",\n "type": "personal_chat",\n "id": 4242,\n "messages": [\n';
    if (i === count + 1) return "\n ]\n}\n";
    const n = i - 1;
    const unix = 1483228800 + n * 3;
    const t = wall(n);
    const msg = { id: n + 1, type: "message", date: `${t.y}-${pad(t.mo)}-${pad(t.d)}T${pad(t.h)}:${pad(t.mi)}:${pad(t.s)}`, date_unixtime: String(unix), from: NAMES[n % 2 + 4], from_id: `user${100 + (n % 2)}`, text: BODIES[n % BODIES.length], text_entities: [{ type: "plain", text: BODIES[n % BODIES.length] }] };
    return (n ? ",\n" : "") + "  " + JSON.stringify(msg);
  });
  return path;
}

export function sizeOf(p) {
  return statSync(p).size;
}

/**
 * WeChat PC 3.x account folder `wechat-<n>/wxid_bench/Msg/{Multi/MSG0.db,MicroMsg.db}` with `count` MSG
 * rows in the shape formats/wechat-pc3 reads (samples/wechat-pc3/folder-shards-group): two private
 * chats and one group, texts with BytesExtra (group sender item type 1), every 16th row an image XML.
 */
export async function wechatPc3(count, name = `wechat-${count}`) {
  const root = join(WORK, name);
  const msgDir = join(root, "wxid_bench", "Msg");
  const msgPath = join(msgDir, "Multi", "MSG0.db");
  if (existsSync(msgPath)) return root;
  mkdirSync(join(msgDir, "Multi"), { recursive: true });
  const { default: Database } = await import("better-sqlite3");
  const tmp = msgPath + ".part";
  const db = new Database(tmp);
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.exec(`CREATE TABLE MSG (localId INTEGER PRIMARY KEY AUTOINCREMENT, TalkerId INT DEFAULT 0, MsgSvrID INT,
 Type INT, SubType INT, IsSender INT, CreateTime INT, Sequence INT DEFAULT 0, StatusEx INT DEFAULT 0,
 FlagEx INT, Status INT, MsgServerSeq INT, MsgSequence INT, StrTalker TEXT, StrContent TEXT,
 DisplayContent TEXT, Reserved0 INT DEFAULT 0, Reserved1 INT DEFAULT 0, Reserved2 INT DEFAULT 0,
 Reserved3 INT DEFAULT 0, Reserved4 TEXT, Reserved5 TEXT, Reserved6 TEXT, CompressContent BLOB,
 BytesExtra BLOB, BytesTrans BLOB);
CREATE TABLE Name2ID (UsrName TEXT PRIMARY KEY);`);
  const talkers = ["wxid_friend01", "wxid_friend02", "20481234567@chatroom"];
  const members = ["wxid_friend01", "wxid_bob002", "wxid_carol03"];
  for (const t of talkers) db.prepare("INSERT INTO Name2ID (UsrName) VALUES (?)").run(t);
  const ins = db.prepare(`INSERT INTO MSG (localId, TalkerId, MsgSvrID, Type, SubType, IsSender, CreateTime, Sequence, Status, StrTalker, StrContent, DisplayContent, CompressContent, BytesExtra)
    VALUES (?, ?, ?, ?, 0, ?, ?, ?, 2, ?, ?, '', NULL, ?)`);
  const base = Buffer.from("0a0408101000", "hex");
  const senderExtra = members.map((w) => Buffer.concat([base, Buffer.from([0x1a, w.length + 4, 0x08, 0x01, 0x12, w.length]), Buffer.from(w)]));
  const img = '<?xml version="1.0"?>\n<msg>\n\t<img aeskey="00112233445566778899aabbccddeeff" encryver="1" length="61074" md5="0badc0ffee0badc0ffee0badc0ffee00" />\n</msg>\n';
  const insertMany = db.transaction((from, to) => {
    for (let i = from; i < to; i++) {
      const ti = i % 3;
      const self = i % 5 === 0 ? 1 : 0;
      const type = i % 16 === 15 ? 3 : 1;
      const t = 1483228800 + i * 3;
      const content = type === 3 ? img : BODIES[i % BODIES.length];
      const extra = ti === 2 && !self ? senderExtra[i % 3] : base;
      ins.run(i + 1, ti + 1, 7330772355966176000n + BigInt(i), type, self, t, t * 1000 + (i % 1000), talkers[ti], content, extra);
    }
  });
  for (let i = 0; i < count; i += 50_000) insertMany(i, Math.min(count, i + 50_000));
  db.close();
  const { renameSync } = await import("node:fs");
  renameSync(tmp, msgPath);

  const mm = new Database(join(msgDir, "MicroMsg.db"));
  mm.exec(`CREATE TABLE Contact (UserName TEXT PRIMARY KEY, Alias TEXT, EncryptUserName TEXT, DelFlag INTEGER DEFAULT 0,
 Type INTEGER DEFAULT 0, VerifyFlag INTEGER DEFAULT 0, Reserved1 INTEGER DEFAULT 0, Reserved2 INTEGER DEFAULT 0,
 Reserved3 TEXT, Reserved4 TEXT, Remark TEXT, NickName TEXT);
CREATE TABLE ChatRoom (ChatRoomName TEXT PRIMARY KEY, UserNameList TEXT, DisplayNameList TEXT, ChatRoomFlag INT DEFAULT 0,
 Owner INTEGER DEFAULT 0, IsShowName INTEGER DEFAULT 0, SelfDisplayName TEXT, RoomData BLOB, Reserved2 TEXT);
INSERT INTO Contact (UserName, Alias, Remark, NickName, Reserved1) VALUES ('wxid_bench', 'bench_w', '', '我自己', 1);
INSERT INTO Contact (UserName, Alias, Remark, NickName, Reserved1) VALUES ('wxid_friend01', 'alice_w', 'Alice', 'Alice Wang', 1);
INSERT INTO Contact (UserName, Alias, Remark, NickName, Reserved1) VALUES ('wxid_friend02', '', '', '林小满', 1);
INSERT INTO Contact (UserName, Alias, Remark, NickName, Reserved1) VALUES ('wxid_bob002', '', '', 'Bob Li', 1);
INSERT INTO Contact (UserName, Alias, Remark, NickName, Reserved1) VALUES ('20481234567@chatroom', '', '', '周末爬山群', 1);
INSERT INTO ChatRoom (ChatRoomName, UserNameList, DisplayNameList, Owner) VALUES ('20481234567@chatroom', 'wxid_bench^Gwxid_friend01^Gwxid_bob002^Gwxid_carol03', '^G^G^GCarol', 0);`);
  mm.close();
  return root;
}
