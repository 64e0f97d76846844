/** wechat-android and wechat-ios on the project's SQL samples, plus encrypted and foreign databases. */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { isChatportError } from "../src/diagnostics/errors.js";
import { readAll } from "../src/pipeline/read-all.js";
import { openIosMessageDb } from "../formats/wechat-ios/reader.js";
import { fileSource } from "../src/io/source.js";
import { discoverSamples, materialise } from "./helpers/samples.js";

function sample(format: string, name: string): string {
  const c = discoverSamples().find((s) => s.format === format && s.name === name);
  if (!c) throw new Error(`no sample ${format}/${name}`);
  return materialise(c);
}

async function read(path: string, opts: Parameters<typeof readAll>[2] = {}) {
  const accounting: Record<string, number>[] = [];
  const archive = await readAll(path, builtinRegistry, { ...opts, onAccounting: (a) => accounting.push(a) });
  const conv = (id: string) => archive.conversations.find((c) => c.id === id)!;
  return { archive, accounting, conv };
}

async function failure(p: Promise<unknown>) {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(isChatportError(e), String(e)).toBe(true);
  return e as { kind: string; code?: string; message: string };
}

describe("wechat-android", () => {
  it("reads private and group chats with exact ms instants, senders, quote, recalls, media", async () => {
    const { accounting, conv, archive } = await read(sample("wechat-android", "private-and-group"));
    expect(accounting).toEqual([{ rowsRead: 13, rowsInMessages: 13, rowsReported: 0 }]);
    const p = conv("wechat-chat:wxid_carol3").messages;
    expect(conv("wechat-chat:wxid_carol3")).toMatchObject({ kind: "direct", title: "卡罗尔" });
    expect(p[0]).toMatchObject({ id: "9007199254740993", senderId: "wechat:wxid_carol3", sentAt: { raw: "1709251205123", utc: "2024-03-01T00:00:05.123Z", basis: "exact", precision: "millisecond" } });
    expect(p[1]).toMatchObject({ id: "9007199254740995", senderId: "wechat:wxid_owner9" });
    expect(p[2]!.attachments[0]).toMatchObject({ kind: "image", availability: "present", path: "image2/ab/cd/abcdef0123456789abcdef0123456789" });
    expect(p[3]!.attachments[0]!.availability).toBe("missing");
    expect(p[4]).toMatchObject({ kind: "text", text: "去！八点出发", replyTo: "9007199254740995" });
    expect(p[5]).toMatchObject({ kind: "system", status: "recalled", senderId: "wechat:wxid_owner9" });
    expect(p[5]!.id).toMatch(/^wechat-android:[0-9a-f]{16}$/);
    expect(p[6]).toMatchObject({ kind: "unknown", raw: '<msg><futurething a="1"/></msg>' });
    const g = conv("wechat-chat:123456789@chatroom");
    expect([g.kind, g.title]).toEqual(["group", "周末登山群"]);
    expect(g.messages.map((m) => [m.senderId, m.kind, m.status])).toEqual([
      ["wechat:wxid_alice01", "text", "normal"],
      ["wechat:wxid_bob02", "text", "recalled"],
      [null, "system", "normal"],
      ["wechat:wxid_owner9", "text", "normal"],
      [null, "system", "normal"],
      ["wechat:wxid_alice01", "file", "normal"],
    ]);
    expect(g.messages[0]!.text).toBe("周六早上八点集合");
    expect(g.messages[2]!.text).toBe('"鲍勃" 撤回了一条消息');
    expect(archive.participants.find((x) => x.id === "wechat:wxid_owner9")).toMatchObject({ isSelf: true, displayName: "Me" });
    expect(archive.participants.find((x) => x.id === "wechat:wxid_bob02")).toMatchObject({ displayName: "鲍勃", aliases: ["Bob"] });
  });

  it("refuses an encrypted database, saying to decrypt first", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cp-enc-"));
    writeFileSync(join(dir, "EnMicroMsg.db"), randomBytes(4096));
    const e = await failure(readAll(join(dir, "EnMicroMsg.db"), builtinRegistry));
    expect([e.kind, e.code]).toEqual(["input-damaged", "encrypted-database"]);
    expect(e.message).toMatch(/[Dd]ecrypt/);
    const e2 = await failure(readAll(join(dir, "EnMicroMsg.db"), builtinRegistry, { from: "wechat-android" }));
    expect([e2.kind, e2.code]).toEqual(["input-damaged", "encrypted-database"]);
  });

  it("names the tables found when the schema is not EnMicroMsg.db", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cp-schema-"));
    const db = new Database(join(dir, "EnMicroMsg.db"));
    db.exec("CREATE TABLE notes (id INTEGER); CREATE TABLE message (x TEXT);");
    db.close();
    const e = await failure(readAll(join(dir, "EnMicroMsg.db"), builtinRegistry, { from: "wechat-android" }));
    expect(e.kind).toBe("unknown-format");
    expect(e.message).toContain("rcontact");
    expect(e.message).toContain("tables found: message, notes");
  });
});

describe("wechat-android: a row without a talker", () => {
  it("is kept under '(no talker)' and said so", async () => {
    const root = sample("wechat-android", "private-and-group");
    const db = new Database(root.endsWith(".db") ? root : join(root, "EnMicroMsg.db"));
    db.prepare("UPDATE message SET talker = NULL WHERE msgId = (SELECT min(msgId) FROM message)").run();
    db.close();
    const { archive } = await read(root);
    expect(archive.conversations.find((c) => c.title === "(no talker)")?.messages).toHaveLength(1);
    expect(archive.diagnostics.find((d) => d.code === "unresolved-name")?.message).toContain("messages with an empty talker");
  });
});

describe("wechat-ios", () => {
  it("opens message databases with a 1 MiB page cache, main and temp (each Chat_ table's ORDER BY sorter holds up to that)", async () => {
    const mm = join(sample("wechat-ios", "private-and-group"), "Documents", "9e9bff777c072daab34a88aa09d6e971", "DB", "MM.sqlite");
    const copy = await openIosMessageDb(fileSource(mm, "MM.sqlite", statSync(mm).size));
    try {
      expect(copy.db.pragma("main.cache_size", { simple: true })).toBe(-1024);
      expect(copy.db.pragma("temp.cache_size", { simple: true })).toBe(-1024);
    } finally {
      await copy.dispose();
    }
  });

  it("reads the messages when WCDB_Contact.sqlite cannot be read (encrypted, cut short), reporting the contacts", async () => {
    for (const [damage, code] of [[(b: Buffer) => Buffer.from(b.map((x, i) => (x + i * 31) & 255)), "encrypted-database"], [(b: Buffer) => b.subarray(0, b.length / 2), "damaged-database"]] as const) {
      const root = sample("wechat-ios", "private-and-group");
      const contacts = join(root, "Documents", "9e9bff777c072daab34a88aa09d6e971", "DB", "WCDB_Contact.sqlite");
      writeFileSync(contacts, damage(readFileSync(contacts)));
      const { accounting, archive } = await read(root);
      expect(accounting).toEqual([{ rowsRead: 12, rowsInMessages: 12, rowsReported: 0 }]);
      expect(archive.diagnostics.find((d) => d.code === code)?.message).toContain("(contacts) could not be read");
    }
  });

  it("calls an empty MM.sqlite empty, not encrypted", async () => {
    const root = sample("wechat-ios", "private-and-group");
    writeFileSync(join(root, "Documents", "9e9bff777c072daab34a88aa09d6e971", "DB", "MM.sqlite"), "");
    const e = await failure(read(root));
    expect(e).toMatchObject({ kind: "input-damaged", message: expect.stringContaining("MM.sqlite is empty (0 bytes)") });
  });

  it("names Chat_<md5> tables from contacts; Des 0 is the owner; seconds; recalls; media", async () => {
    const { accounting, conv, archive } = await read(sample("wechat-ios", "private-and-group"));
    expect(accounting).toEqual([{ rowsRead: 12, rowsInMessages: 12, rowsReported: 0 }]);
    const p = conv("wechat-chat:wxid_carol3");
    expect([p.kind, p.title]).toEqual(["direct", "卡罗尔"]);
    expect(p.messages.map((m) => m.senderId)).toEqual([
      "wechat:wxid_carol3", "wechat:wxid_owner9", "wechat:wxid_carol3", "wechat:wxid_carol3", "wechat:wxid_owner9", "wechat:wxid_owner9", "wechat:wxid_carol3",
    ]);
    expect(p.messages[0]!.sentAt).toEqual({ raw: "1709251205", utc: "2024-03-01T00:00:05Z", basis: "exact", precision: "second" });
    expect(p.messages[2]!.attachments[0]).toMatchObject({ availability: "present", bytes: 18 });
    expect(p.messages[3]!.attachments[0]!.availability).toBe("missing");
    expect(p.messages[4]).toMatchObject({ replyTo: "9007199254740995", text: "去！八点出发" });
    expect(p.messages[5]).toMatchObject({ kind: "system", status: "recalled" });
    expect(p.messages[6]!.kind).toBe("unknown");
    const g = conv("wechat-chat:123456789@chatroom");
    expect(g.messages.map((m) => [m.senderId, m.status])).toEqual([
      ["wechat:wxid_alice01", "normal"], ["wechat:wxid_bob02", "recalled"], [null, "normal"], ["wechat:wxid_owner9", "normal"],
    ]);
    const orphan = conv("wechat-ios:Chat_ffffffffffffffffffffffffffffffff");
    expect(orphan.messages).toHaveLength(1);
    expect(archive.diagnostics.map((d) => d.code)).toContain("unresolved-name");
    expect(archive.participants.find((x) => x.id === "wechat:wxid_owner9")?.isSelf).toBe(true);
  });

  it("with --tz shows the wall clock in that zone", async () => {
    const { conv } = await read(sample("wechat-ios", "private-and-group"), { tz: "Asia/Shanghai" });
    expect(conv("wechat-chat:wxid_carol3").messages[0]!.sentAt).toEqual({
      raw: "1709251205", wall: "2024-03-01T08:00:05", utc: "2024-03-01T00:00:05Z", offset: "+08:00", zone: "Asia/Shanghai", basis: "exact", precision: "second",
    });
  });
});
