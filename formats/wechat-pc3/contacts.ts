import { columnNames, type SqliteDatabase } from "../../src/io/sqlite.js";
import type { ReadContext } from "../../src/plugin/types.js";
import type { WechatContact } from "../wechat-shared/contacts.js";
import { ProtoError } from "../wechat-shared/protobuf.js";
import { decodeRoomData, type RoomMember } from "../wechat-shared/roomdata.js";
import { cellBytes } from "../../src/plugin/cell-bytes.js";
import { toHex } from "../wechat-shared/protobuf.js";

/** What MicroMsg.db says: contacts by username and group members by chat room. */
export interface Pc3Directory {
  contacts: Map<string, WechatContact>;
  rooms: Map<string, RoomMember[]>;
}

/**
 * Loads `Contact` (UserName, Alias, Remark, NickName) and `ChatRoom` (RoomData protobuf, else
 * UserNameList) from MicroMsg.db (formats-cn.md §5.3). Contacts are few compared with messages, so they
 * are held in memory.
 */
export function loadDirectory(db: SqliteDatabase, file: string, ctx: ReadContext): Pc3Directory {
  const contacts = new Map<string, WechatContact>();
  const rooms = new Map<string, RoomMember[]>();
  const cc = columnNames(db, "Contact");
  if (cc.has("UserName")) {
    const col = (n: string) => (cc.has(n) ? `CAST(${n} AS TEXT)` : "NULL");
    const stmt = db.prepare(`SELECT CAST(UserName AS TEXT) AS username, ${col("Alias")} AS alias, ${col("Remark")} AS remark, ${col("NickName")} AS nickname FROM Contact`);
    for (const r of stmt.iterate() as Iterable<WechatContact>) if (r.username) contacts.set(r.username, r);
  } else
    ctx.report("contacts-missing", { message: `${file} has no Contact table; participants carry wxids only.`, file });
  const rc = columnNames(db, "ChatRoom");
  if (rc.has("ChatRoomName")) {
    const col = (n: string) => (rc.has(n) ? n : "NULL");
    const stmt = db.prepare(`SELECT rowid AS rid, CAST(ChatRoomName AS TEXT) AS name, ${col("RoomData")} AS roomData, ${rc.has("UserNameList") ? "CAST(UserNameList AS TEXT)" : "NULL"} AS list FROM ChatRoom`);
    for (const r of stmt.iterate() as Iterable<{ rid: number; name: string; roomData: unknown; list: string | null }>) {
      let members: RoomMember[] | undefined;
      const roomData = cellBytes(r.roomData);
      if (roomData) {
        try {
          members = decodeRoomData(roomData);
        } catch (e) {
          if (!(e instanceof ProtoError)) throw e;
          ctx.report("malformed-payload", { message: `The RoomData of group ${r.name} is not valid protobuf (${e.message}); members taken from UserNameList.`, file, place: { table: "ChatRoom", rowid: r.rid }, raw: toHex(roomData) });
        }
      }
      if (!members?.length && r.list) members = r.list.split(/\^G|[\u0007;]/).filter((s) => s.trim()).map((userName) => ({ userName: userName.trim() }));
      rooms.set(r.name, members ?? []);
    }
  }
  return { contacts, rooms };
}
