import { createHash } from "node:crypto";
import { columnNames, type SqliteDatabase } from "../../src/io/sqlite.js";
import type { WechatContact } from "../wechat-shared/contacts.js";
import { decodeProto, protoGet, protoString } from "../wechat-shared/protobuf.js";

/** md5 of a username, lowercase hex: what names its `Chat_<md5>` table (formats-cn.md §8). */
export function usernameMd5(username: string): string {
  return createHash("md5").update(username, "utf8").digest("hex");
}

/**
 * Contacts of `WCDB_Contact.sqlite` `Friend`: userName plus the `dbContactRemark` protobuf (field 1
 * nickname, 2 alias / WeChat id, 3 remark; third-party: wechat-exporter). Held as md5 → contact, the size of
 * the contact list (not of the messages), so every `Chat_<md5>` table can be named.
 */
export function loadFriends(db: SqliteDatabase): Map<string, WechatContact> {
  const out = new Map<string, WechatContact>();
  const cols = columnNames(db, "Friend");
  const remarkCol = cols.has("dbContactRemark") ? "dbContactRemark" : "NULL";
  for (const r of db.prepare(`SELECT userName, ${remarkCol} AS remark FROM Friend`).iterate() as Iterable<{ userName: unknown; remark: unknown }>) {
    if (typeof r.userName !== "string" || r.userName === "") continue;
    const c: WechatContact = { username: r.userName };
    if (r.remark instanceof Uint8Array) {
      try {
        const f = decodeProto(r.remark);
        c.nickname = protoString(protoGet(f, 1)) ?? null;
        c.alias = protoString(protoGet(f, 2)) ?? null;
        c.remark = protoString(protoGet(f, 3)) ?? null;
      } catch {
        /* not protobuf: the username alone names the contact */
      }
    }
    out.set(usernameMd5(r.userName), c);
  }
  return out;
}
