import { columnNames, type SqliteDatabase } from "../../src/io/sqlite.js";
import type { ReadContext } from "../../src/plugin/types.js";
import type { WechatContact } from "../wechat-shared/contacts.js";
import { cellBytes } from "../../src/plugin/cell-bytes.js";
import { ProtoError, toHex } from "../wechat-shared/protobuf.js";
import { decodeRoomData, type RoomMember } from "../wechat-shared/roomdata.js";

/** What contact.db says: contacts by username and group members by chat room. */
export interface V4Directory {
  contacts: Map<string, WechatContact>;
  rooms: Map<string, RoomMember[]>;
}

/**
 * Loads `contact(username, alias, remark, nick_name, …)` and `chat_room(username, ext_buffer)` (RoomData
 * protobuf, as in 3.x) from contact.db (formats-cn.md §6). Held in memory: contacts are few.
 */
export function loadV4Directory(db: SqliteDatabase, file: string, ctx: ReadContext): V4Directory {
  const contacts = new Map<string, WechatContact>();
  const rooms = new Map<string, RoomMember[]>();
  const cc = columnNames(db, "contact");
  if (cc.has("username")) {
    const col = (n: string) => (cc.has(n) ? `CAST("${n}" AS TEXT)` : "NULL");
    const sql = `SELECT CAST(username AS TEXT) AS username, ${col("alias")} AS alias, ${col("remark")} AS remark, ${col("nick_name")} AS nickname FROM contact`;
    for (const r of db.prepare(sql).iterate() as Iterable<WechatContact>) if (r.username) contacts.set(r.username, r);
  } else ctx.report("contacts-missing", { message: `${file} has no contact table; participants carry wxids only.`, file });
  const rc = columnNames(db, "chat_room");
  if (rc.has("username") && rc.has("ext_buffer")) {
    for (const r of db.prepare("SELECT rowid AS rid, CAST(username AS TEXT) AS username, ext_buffer AS buf FROM chat_room").iterate() as Iterable<{ rid: number; username: string; buf: unknown }>) {
      const buf = cellBytes(r.buf);
      if (!buf) continue;
      try {
        rooms.set(r.username, decodeRoomData(buf));
      } catch (e) {
        if (!(e instanceof ProtoError)) throw e;
        ctx.report("malformed-payload", { message: `The ext_buffer of group ${r.username} is not valid protobuf (${e.message}); its member list is unknown.`, file, place: { table: "chat_room", rowid: r.rid }, raw: toHex(buf) });
      }
    }
  }
  return { contacts, rooms };
}
