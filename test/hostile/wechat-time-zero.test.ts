/**
 * Hostile input: a WeChat message time of 0 or −1 (an unset or damaged cell). It is no real time: the
 * readers took it for 1970-01-01 / 1969-12-31 without a word (session-14 hostile-input sweep). Now it is
 * kept raw, with no instant or wall clock invented, and reported `invalid-timestamp` with its place.
 */
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { readAll } from "../../src/pipeline/index.js";
import { discoverSamples, materialise } from "../helpers/samples.js";

/** A scratch copy of a sample's input with `sql` run on the database at `db` inside it ("" for a file input). */
function edited(format: string, name: string, db: string, sql: string): { path: string; tz: string | undefined } {
  const c = discoverSamples().find((s) => s.format === format && s.name === name)!;
  const src = materialise(c);
  const path = join(mkdtempSync(join(tmpdir(), "chatport-time-zero-")), basename(src));
  cpSync(src, path, { recursive: true });
  const d = new Database(db ? join(path, db) : path);
  d.exec(sql);
  d.close();
  return { path, tz: c.options.tz };
}

const V4 = "Msg_84c495fc4279ef9e04dc45b1c31b6fab";
const IOS_DB = "Documents/9e9bff777c072daab34a88aa09d6e971/DB/MM.sqlite";
const IOS = "Chat_df18c3a56973e739d9e389411a4282a5";
const two = (table: string, col: string) =>
  `UPDATE "${table}" SET ${col} = 0 WHERE rowid = (SELECT min(rowid) FROM "${table}");
   UPDATE "${table}" SET ${col} = -1 WHERE rowid = (SELECT max(rowid) FROM "${table}");`;

describe("a message time of 0 or −1", () => {
  it.each([
    ["wechat-pc3", "single-msg-db", "", "MSG", two("MSG", "CreateTime")],
    ["wechat-v4", "single-message-db", "", V4, two(V4, "create_time")],
    ["wechat-ios", "private-and-group", IOS_DB, IOS, two(IOS, "CreateTime")],
    ["wechat-android", "private-and-group", "EnMicroMsg.db", "message", two("message", "createTime")],
  ])("%s (%s): kept raw, no instant, reported with its place", async (format, name, db, table, sql) => {
    const { path, tz } = edited(format, name, db, sql);
    for (const opts of [{}, { tz: tz ?? "Asia/Shanghai" }]) {
      const a = await readAll(path, builtinRegistry, { from: format, ...opts });
      const bad = a.conversations.flatMap((c) => c.messages).filter((m) => m.sentAt.raw === "0" || m.sentAt.raw === "-1");
      expect(bad.map((m) => m.sentAt.raw).sort()).toEqual(["-1", "0"]);
      for (const m of bad) {
        expect(m.sentAt.utc).toBeUndefined();
        expect(m.sentAt.wall).toBeUndefined();
        expect(m.sentAt.basis).toBe("floating");
      }
      const diags = a.diagnostics.filter((d) => d.code === "invalid-timestamp");
      expect(diags.map((d) => d.raw).sort()).toEqual(["-1", "0"]);
      for (const d of diags) {
        expect(d.message).toMatch(/is 0 or less, not a real time/);
        expect(d.place).toMatchObject({ table });
      }
    }
  });
});
