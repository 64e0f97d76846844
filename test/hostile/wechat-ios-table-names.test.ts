/**
 * Hostile input: iOS `Chat_` tables whose names are not `Chat_<md5>` and need quoting in SQL (a
 * hand-edited or damaged MM.sqlite: a `"`, a space). They were skipped without a word (session-14
 * hostile-input sweep). Now one with the iOS columns is read as a chat under its table name (names are
 * quoted, `"` doubled), and one without them is reported as not read.
 */
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { readAll } from "../../src/pipeline/index.js";
import { discoverSamples, materialise } from "../helpers/samples.js";

const COLS = "(TableVer INTEGER DEFAULT 1, MesLocalID INTEGER PRIMARY KEY AUTOINCREMENT, MesSvrID INTEGER DEFAULT 0, CreateTime INTEGER DEFAULT 0, Message TEXT, Status INTEGER DEFAULT 0, ImgStatus INTEGER DEFAULT 0, Type INTEGER, Des INTEGER)";

describe("wechat-ios: Chat_ tables whose names need quoting", () => {
  it("are read under their table names; a Chat_ table of another layout is reported, not read", async () => {
    const src = materialise(discoverSamples().find((s) => s.format === "wechat-ios" && s.name === "private-and-group")!);
    const path = join(mkdtempSync(join(tmpdir(), "chatport-ios-names-")), basename(src));
    cpSync(src, path, { recursive: true });
    const db = new Database(join(path, "Documents/9e9bff777c072daab34a88aa09d6e971/DB/MM.sqlite"));
    db.exec(`CREATE TABLE "Chat_ab""cd" ${COLS}; INSERT INTO "Chat_ab""cd" (MesLocalID, MesSvrID, CreateTime, Message, Type, Des) VALUES (1, 0, 1705285200, 'quoted table', 1, 1);
      CREATE TABLE "Chat_a b" ${COLS}; INSERT INTO "Chat_a b" (MesLocalID, MesSvrID, CreateTime, Message, Type, Des) VALUES (1, 0, 1705285260, 'spaced table', 1, 0);
      CREATE TABLE "Chat_other" (x INTEGER);`);
    db.close();
    const before = await readAll(src, builtinRegistry, { from: "wechat-ios" });
    const a = await readAll(path, builtinRegistry, { from: "wechat-ios" });
    expect(a.conversations.length).toBe(before.conversations.length + 2);
    const odd = a.conversations.filter((c) => /^Chat_a/.test(String(c.extra?.table)));
    expect(odd.map((c) => [c.id, c.kind, c.title, c.messages.map((m) => m.text)])).toEqual([
      ["wechat-ios:Chat_a b", "unknown", "Chat_a b", ["spaced table"]],
      ['wechat-ios:Chat_ab"cd', "unknown", 'Chat_ab"cd', ["quoted table"]],
    ]);
    expect(odd.flatMap((c) => c.messages.map((m) => m.provenance.at))).toEqual([{ table: "Chat_a b", rowid: "1" }, { table: 'Chat_ab"cd', rowid: "1" }]);
    expect(a.diagnostics.find((d) => d.code === "unrecognized-record")?.message).toMatch(/table Chat_other is named like a chat table but lacks the iOS Chat_ columns/);
    // The real chats are read as before.
    const real = (x: typeof a) => x.conversations.filter((c) => !/^Chat_a/.test(String(c.extra?.table))).map((c) => c.messages.map((m) => m.id));
    expect(real(a)).toEqual(real(before));
  });
});
