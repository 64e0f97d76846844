/**
 * Hostile input: decrypted databases whose cells hold the wrong storage class (a BLOB where WeChat
 * writes text or an integer, as a damaged or hand-edited file can) or an epoch no date can hold. Every
 * row must still become a message (with an `invalid-timestamp` diagnostic where the time is unusable),
 * never an internal error. Regressions found by the QA sweep (/tmp/qa): "talker.endsWith is not a
 * function" (wechat-android, wechat-pc3), "c?.remark?.trim is not a function" (rcontact),
 * "v.charCodeAt is not a function" (wechat-v4 Name2Id), "Cannot mix BigInt and other types" hidden
 * behind "This database connection is busy" (wechat-v4 Msg_ tables), "Invalid time value" (pc3, v4, qqnt).
 */
import { cpSync, mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { readAll } from "../../src/pipeline/index.js";
import { discoverSamples, materialise } from "../helpers/samples.js";

const Database = createRequire(import.meta.url)("better-sqlite3") as new (p: string) => {
  exec(sql: string): void;
  prepare(sql: string): { all(): Record<string, unknown>[]; get(): Record<string, unknown> | undefined };
  close(): void;
};

/** A scratch copy of a sample's input with `sql(db)` applied to the database at `db` inside it. */
function edited(format: string, name: string, db: string, sql: (d: InstanceType<typeof Database>) => string) {
  const c = discoverSamples().find((s) => s.format === format && s.name === name)!;
  const src = materialise(c);
  const dir = mkdtempSync(join(tmpdir(), "chatport-odd-cells-"));
  const path = join(dir, basename(src));
  cpSync(src, path, { recursive: true });
  const d = new Database(db ? join(path, db) : path);
  d.exec(sql(d));
  d.close();
  return { path, tz: c.options.tz };
}

/** Every column of `table` but an INTEGER PRIMARY KEY set to a BLOB (a WeChat text/integer cell read as bytes). */
const blobEverywhere = (table: string) => (d: InstanceType<typeof Database>) =>
  d.prepare(`SELECT name FROM pragma_table_info('${table}') WHERE NOT (pk > 0 AND upper(type) = 'INTEGER')`).all().map((r) => `UPDATE OR IGNORE "${table}" SET "${String(r.name)}" = X'DEADBEEF00FF';`).join("\n");

const count = (format: string, name: string, db: string, table: string) => {
  const c = discoverSamples().find((s) => s.format === format && s.name === name)!;
  const d = new Database(db ? join(materialise(c), db) : materialise(c));
  const n = Number(d.prepare(`SELECT count(*) AS n FROM "${table}"`).get()!.n);
  d.close();
  return n;
};

describe("cells of the wrong storage class", () => {
  it.each([
    ["wechat-android", "private-and-group", "EnMicroMsg.db", "message", true],
    ["wechat-android", "private-and-group", "EnMicroMsg.db", "rcontact", false],
    ["wechat-pc3", "single-msg-db", "", "MSG", true],
    ["wechat-v4", "single-message-db", "", "Msg_84c495fc4279ef9e04dc45b1c31b6fab", true],
    ["wechat-v4", "single-message-db", "", "Name2Id", false],
  ])("%s (%s %s): every column of %s a BLOB → rows kept, no internal error", async (format, name, db, table, isMessages) => {
    const { path, tz } = edited(format, name, db, blobEverywhere(table));
    for (const from of [format, undefined]) {
      const a = await readAll(path, builtinRegistry, { ...(from ? { from } : { }), ...(tz ? { tz } : {}) });
      const msgs = a.conversations.flatMap((c) => c.messages);
      if (isMessages) {
        const all = await readAll(materialise(discoverSamples().find((s) => s.format === format && s.name === name)!), builtinRegistry, { from: format, ...(tz ? { tz } : {}) });
        // The edited table's rows are all kept (as messages); the other tables' messages are unchanged.
        const total = all.conversations.flatMap((c) => c.messages).length;
        const inTable = count(format, name, db, table);
        expect(msgs.length).toBe(total);
        expect(inTable).toBeGreaterThan(0);
        expect(a.diagnostics.some((d) => d.code === "invalid-timestamp" || d.code === "unknown-message-type")).toBe(true);
      } else expect(msgs.length).toBeGreaterThan(0);
    }
  });
});

describe("epochs no date can hold", () => {
  it.each([
    ["wechat-pc3", "single-msg-db", "", "UPDATE MSG SET CreateTime = 99999999999999 WHERE rowid = (SELECT min(rowid) FROM MSG)"],
    ["wechat-v4", "single-message-db", "", "UPDATE Msg_84c495fc4279ef9e04dc45b1c31b6fab SET create_time = 99999999999999 WHERE rowid = (SELECT min(rowid) FROM Msg_84c495fc4279ef9e04dc45b1c31b6fab)"],
    ["qqnt-db", "private-and-group", "nt_msg.db", `UPDATE c2c_msg_table SET "40050" = 99999999999999 WHERE rowid = (SELECT min(rowid) FROM c2c_msg_table)`],
  ])("%s: a create time of 99999999999999 s is kept raw with invalid-timestamp", async (format, name, db, sql) => {
    const { path, tz } = edited(format, name, db, () => sql);
    const a = await readAll(path, builtinRegistry, { from: format, ...(tz ? { tz } : {}) });
    const bad = a.conversations.flatMap((c) => c.messages).filter((m) => m.sentAt.raw === "99999999999999");
    expect(bad).toHaveLength(1);
    expect(bad[0]!.sentAt.utc).toBeUndefined();
    expect(a.diagnostics.filter((d) => d.code === "invalid-timestamp").map((d) => d.raw)).toContain("99999999999999");
  });
});
