import { describe, expect, it } from "vitest";
import { join } from "node:path";
import Database from "better-sqlite3";
import { builtinRegistry } from "../src/builtin.js";
import { buildProbe } from "../src/pipeline/probe.js";
import { openInput } from "../src/pipeline/open-input.js";
import type { Archive, Message } from "../src/model/index.js";
import { readBoth } from "./helpers/read.js";
import { REPO, materialise, type SampleCase } from "./helpers/samples.js";
import { sha256Hex } from "../src/io/hash.js";
import { readdirSync, readFileSync } from "node:fs";
import { convertIntoTemp } from "./helpers/convert-temp.js";

const caseOf = (name: string, input: string): SampleCase => {
  const dir = join(REPO, "samples", "wechat-pc3", name);
  return { format: "wechat-pc3", name, dir, input: join(dir, input), options: {}, expectedPath: join(dir, "expected.json") };
};
const byId = (a: Archive) => new Map(a.conversations.flatMap((c) => c.messages).map((m) => [m.id, m] as const));
const GROUP = "wechat-chat:20481234567@chatroom";
const PRIV = "wechat-chat:wxid_friend01";

describe("wechat-pc3: account folder with two MSG shards and MicroMsg.db", async () => {
  const path = materialise(caseOf("folder-shards-group", "input"));
  const { archive, accounting } = await readBoth(path, { tz: "Asia/Shanghai" });
  const msgs = byId(archive);
  const conv = (id: string) => archive.conversations.find((c) => c.id === id)!;

  it("is detected from the folder listing", async () => {
    const [best] = builtinRegistry.detect(await buildProbe(await openInput(path)));
    expect(best?.reader.id).toBe("wechat-pc3");
  });

  it("accounts for every row of both shards", () => {
    expect(accounting).toEqual({ rowsRead: 15, rowsInMessages: 15, rowsReported: 0 });
    expect(archive.conversations.map((c) => [c.id, c.kind, c.title, c.messages.length])).toEqual([
      [GROUP, "group", "周末爬山群", 6],
      [PRIV, "direct", "Alice", 9],
    ]);
  });

  it("merges the shards of a conversation in time order", () => {
    expect(conv(PRIV).messages.map((m) => [m.id, m.provenance.file.split("/").pop(), m.provenance.at])).toEqual([
      ["7330772355966176001", "MSG0.db", { table: "MSG", rowid: 1 }],
      ["7330772355966176002", "MSG0.db", { table: "MSG", rowid: 2 }],
      ["7330772355966176005", "MSG1.db", { table: "MSG", rowid: 1 }],
      ["7330772355966176003", "MSG0.db", { table: "MSG", rowid: 3 }],
      ["7330772355966176004", "MSG0.db", { table: "MSG", rowid: 4 }],
      ["7330772355966176006", "MSG1.db", { table: "MSG", rowid: 2 }],
      ["7330772355966176010", "MSG1.db", { table: "MSG", rowid: 3 }],
      ["7330772355966176011", "MSG1.db", { table: "MSG", rowid: 4 }],
      ["7330772355966176012", "MSG1.db", { table: "MSG", rowid: 5 }],
    ]);
    expect(conv(PRIV).messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("gives exact instants from CreateTime seconds, wall clock in the --tz zone", () => {
    expect(msgs.get("7330772355966176001")!.sentAt).toEqual({
      raw: "1705285200", wall: "2024-01-15T10:20:00", utc: "2024-01-15T02:20:00Z", offset: "+08:00", zone: "Asia/Shanghai", basis: "exact", precision: "second",
    });
  });

  it("resolves senders: owner from IsSender, partner in private chats, BytesExtra in groups", () => {
    const owner = archive.participants.find((p) => p.isSelf)!;
    expect(owner.id).toBe("wechat:wxid_owner001");
    expect(owner.displayName).toBe("我自己");
    expect(conv(GROUP).messages.map((m) => m.senderId)).toEqual([
      "wechat:wxid_bob002", "wechat:wxid_owner001", "wechat:wxid_friend01", "wechat:wxid_carol03", null, "wechat:wxid_bob002",
    ]);
    expect(msgs.get("7330772355966176001")!.senderId).toBe("wechat:wxid_friend01");
    expect(msgs.get("7330772355966176002")!.senderId).toBe("wechat:wxid_owner001");
    const p = new Map(archive.participants.map((x) => [x.id, x]));
    expect(p.get("wechat:wxid_friend01")).toMatchObject({ displayName: "Alice", aliases: ["Alice Wang"], handles: [{ kind: "wxid", value: "wxid_friend01" }, { kind: "username", value: "alice_w" }] });
    expect(p.get("wechat:wxid_bob002")).toMatchObject({ displayName: "Bob Li", aliases: ["Bobby"] });
    expect(p.get("wechat:wxid_carol03")).toMatchObject({ displayName: "wxid_carol03", aliases: ["Carol"] });
    expect(conv(GROUP).participantIds).toEqual(["wechat:wxid_owner001", "wechat:wxid_friend01", "wechat:wxid_bob002", "wechat:wxid_carol03"]);
  });

  it("links a quote (LZ4 CompressContent) to the owner's message with a negative MsgSvrID", () => {
    const q = msgs.get("7330772355966177003")!;
    expect(q.text).toBe("九点，南门集合");
    expect(q.replyTo).toBe("17212176183586094827");
    expect(msgs.get(q.replyTo!)?.text).toBe("周六几点出发？");
  });

  it("marks the recalled message and keeps the notice", () => {
    expect(msgs.get("7330772355966176010")!.status).toBe("recalled");
    const n = msgs.get("7330772355966176011")!;
    expect([n.kind, n.text, n.senderId]).toEqual(["system", `"Alice" 撤回了一条消息`, null]);
    expect(msgs.get("7330772355966177005")!.kind).toBe("system");
  });

  it("nests the merged record's inner messages", () => {
    const m = msgs.get("7330772355966176006")!;
    expect(m.kind).toBe("merged");
    expect(m.inner!.map((i: Message) => [i.id, i.kind, i.text, i.forwarded?.fromName, i.sentAt.utc])).toEqual([
      ["7330772355966176006:1", "text", "大家好", "Bobby", "2024-01-15T03:40:00Z"],
      ["7330772355966176006:2", "image", "", "Carol", "2024-01-15T03:42Z"],
    ]);
  });

  it("hashes a present image and reports a missing one", () => {
    const [a] = msgs.get("7330772355966176003")!.attachments;
    const file = join(path, a!.path!);
    expect(a).toMatchObject({ kind: "image", availability: "present", bytes: 10, sha256: sha256Hex(readFileSync(file)) });
    expect(msgs.get("7330772355966176004")!.attachments[0]!.availability).toBe("missing");
    expect(archive.diagnostics.filter((d) => d.code === "attachment-missing")).toHaveLength(1);
  });

  it("keeps unknown types and malformed XML raw, with diagnostics", () => {
    const u = msgs.get("7330772355966176012")!;
    expect([u.kind, u.raw]).toEqual(["unknown", `<msg><futurething kind="x">?</futurething></msg>`]);
    const l = msgs.get("7330772355966177006")!;
    expect([l.kind, l.text, l.extra?.url]).toEqual(["link", "爬山路线", "https://example.org/route?a=1&b=2"]);
    expect(archive.diagnostics.map((d) => d.code).sort()).toEqual(["attachment-missing", "malformed-payload", "unknown-message-type"]);
  });

  it("never changes the input databases", () => {
    const db = new Database(join(path, "wxid_owner001/Msg/Multi/MSG0.db"), { readonly: true });
    expect((db.prepare("SELECT count(*) AS n FROM MSG").get() as { n: number }).n).toBe(7);
    db.close();
  });
});

describe("wechat-pc3: a single MSG database", async () => {
  const path = materialise(caseOf("single-msg-db", "input.db.sql"));
  const { archive, accounting } = await readBoth(path, { tz: "Asia/Shanghai" });

  it("is detected from its tables and read with wxids only", async () => {
    const [best] = builtinRegistry.detect(await buildProbe(await openInput(path)));
    expect(best?.reader.id).toBe("wechat-pc3");
    expect(accounting).toEqual({ rowsRead: 7, rowsInMessages: 7, rowsReported: 0 });
    expect(archive.diagnostics.some((d) => d.code === "contacts-missing")).toBe(true);
    const group = archive.conversations.find((c) => c.id === GROUP)!;
    expect(group.title).toBe("20481234567@chatroom");
    expect(group.messages.map((m) => m.senderId)).toEqual(["wechat:wxid_bob002", "wechat:owner", "wechat:wxid_friend01"]);
    expect(archive.participants.find((p) => p.id === "wechat:owner")?.isSelf).toBe(true);
    // no folder: every image is missing
    const imgs = archive.conversations.flatMap((c) => c.messages).filter((m) => m.kind === "image");
    expect(imgs.map((m) => m.attachments[0]!.availability)).toEqual(["missing", "missing"]);
  });
});

describe("wechat-pc3: refusals", () => {
  it("refuses an encrypted database, saying to decrypt it first", async () => {
    const err = await readBoth(join(REPO, "samples/wechat-pc3/encrypted-db/input.db"), { from: "wechat-pc3" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "input-damaged", code: "encrypted-database" });
    expect(String((err as Error).message)).toMatch(/decrypt it first.*does not decrypt/);
  });

  it("names the tables of a database with an unknown schema", async () => {
    const err = await readBoth(materialise(caseOf("unknown-schema", "input.db.sql")), { from: "wechat-pc3" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "unknown-format" });
    expect(String((err as Error).message)).toContain("ContactHeadImgUrl, Session");
  });
});

describe("wechat-pc3: an older MSG without StrTalker", () => {
  it("finds the conversation through TalkerId → Name2ID", async () => {
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const file = join(mkdtempSync(join(tmpdir(), "pc3-old-")), "MSG0.db");
    const db = new Database(file);
    db.exec(`CREATE TABLE MSG (localId INTEGER PRIMARY KEY AUTOINCREMENT, TalkerId INT DEFAULT 0, MsgSvrID INT, Type INT, SubType INT,
      IsSender INT, CreateTime INT, StrContent TEXT);
      CREATE TABLE Name2ID (UsrName TEXT PRIMARY KEY);
      INSERT INTO Name2ID VALUES ('wxid_friend01');
      INSERT INTO MSG VALUES (1, 1, 9007199254740993, 1, 0, 0, 1705285200, 'hi');`);
    db.close();
    const { archive, accounting } = await readBoth(file);
    expect(accounting).toEqual({ rowsRead: 1, rowsInMessages: 1, rowsReported: 0 });
    expect(archive.conversations[0]!.id).toBe(PRIV);
    // 2^53 + 1: would become ...992 through a JS number
    expect(archive.conversations[0]!.messages[0]).toMatchObject({ id: "9007199254740993", senderId: "wechat:wxid_friend01", text: "hi" });
  });
});

describe("wechat-pc3: blob columns holding TEXT, a NULL time (a damaged or hand-edited database)", () => {
  it("reads them as their bytes and reports what is not LZ4 or protobuf or a time, keeping the messages", async () => {
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const file = join(mkdtempSync(join(tmpdir(), "pc3-text-blobs-")), "MSG0.db");
    const db = new Database(file);
    db.exec(`CREATE TABLE MSG (localId INTEGER PRIMARY KEY AUTOINCREMENT, StrTalker TEXT, MsgSvrID INT, Type INT, SubType INT,
      IsSender INT, CreateTime INT, StrContent TEXT, CompressContent BLOB, BytesExtra BLOB);
      INSERT INTO MSG VALUES (1, 'wxid_friend01', 11, 1, 0, 0, 1705285200, 'hi', NULL, 'not protobuf');
      INSERT INTO MSG VALUES (2, 'wxid_friend01', 12, 49, 57, 0, 1705285260, '', 'ÿÿ', 12345);
      INSERT INTO MSG VALUES (3, 'wxid_friend01', 13, 1, 0, 0, NULL, 'no time', NULL, NULL);`);
    db.close();
    const { archive, accounting } = await readBoth(file);
    expect(accounting).toEqual({ rowsRead: 3, rowsInMessages: 3, rowsReported: 0 });
    const [hi, app] = archive.conversations[0]!.messages.filter((m) => m.text !== "no time");
    // A NULL CreateTime: no time, said so (it was silent).
    expect(archive.diagnostics.find((d) => d.code === "invalid-timestamp")).toMatchObject({ message: "CreateTime is NULL; the message has no time.", raw: "NULL" });
    expect(hi).toMatchObject({ text: "hi", extra: { bytesExtraHex: Buffer.from("not protobuf").toString("hex") } });
    expect(app!.extra).toMatchObject({ compressContentHex: Buffer.from("ÿÿ").toString("hex"), bytesExtraHex: Buffer.from("12345").toString("hex") });
    expect(archive.diagnostics.filter((d) => d.code === "malformed-payload")).toHaveLength(3);
  });
});

describe("wechat-pc3: an account folder whose MicroMsg.db cannot be read", () => {
  it.each([
    ["encrypted (no SQLite header)", "encrypted-database", (b: Buffer) => Buffer.from(b.map((x, i) => (x + i * 31) & 255))],
    ["cut in half", "damaged-database", (b: Buffer) => b.subarray(0, b.length / 2)],
  ] as const)("%s: the messages are read by wxid, the contacts reported", async (_what, code, damage) => {
    const { readFileSync, writeFileSync } = await import("node:fs");
    const path = materialise(caseOf("folder-shards-group", "input"));
    const micro = join(path, "wxid_owner001/Msg/MicroMsg.db");
    writeFileSync(micro, damage(readFileSync(micro)));
    const { archive } = await readBoth(path, { tz: "Asia/Shanghai" });
    expect(archive.conversations.reduce((n, c) => n + c.messages.length, 0)).toBe(15);
    expect(archive.diagnostics.find((d) => d.code === code)?.message).toMatch(/MicroMsg\.db \(contacts\) could not be read: .* Participants and chats carry wxids only\./);
  });
});

describe("wechat-pc3: a database copied with a hot -journal (a write interrupted)", () => {
  it("is read as SQLite leaves it after rolling the journal back, on the private copy only", async () => {
    const { copyFileSync, existsSync, mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const live = join(mkdtempSync(join(tmpdir(), "pc3-journal-live-")), "MSG0.db");
    const db = new Database(live);
    db.exec(`CREATE TABLE MSG (localId INTEGER PRIMARY KEY AUTOINCREMENT, StrTalker TEXT, MsgSvrID INT, Type INT, SubType INT,
      IsSender INT, CreateTime INT, StrContent TEXT);
      INSERT INTO MSG VALUES (1, 'wxid_friend01', 11, 1, 0, 0, 1705285200, 'kept');`);
    // A tiny cache makes the open transaction write its pages to the file: copied now, the journal is hot.
    db.pragma("journal_mode = DELETE");
    db.pragma("cache_size = 1");
    db.exec("BEGIN");
    const ins = db.prepare("INSERT INTO MSG (StrTalker, MsgSvrID, Type, SubType, IsSender, CreateTime, StrContent) VALUES ('wxid_friend01', ?, 1, 0, 0, 1705285300, ?)");
    for (let i = 0; i < 2000; i++) ins.run(100 + i, "x".repeat(500));
    const copy = join(mkdtempSync(join(tmpdir(), "pc3-journal-copy-")), "MSG0.db");
    copyFileSync(live, copy);
    copyFileSync(`${live}-journal`, `${copy}-journal`);
    db.exec("ROLLBACK");
    db.close();
    const before = [readFileSync(copy), readFileSync(`${copy}-journal`)].map((b) => sha256Hex(b));
    const { archive } = await readBoth(copy);
    expect(archive.conversations[0]!.messages.map((m) => m.text)).toEqual(["kept"]);
    expect(existsSync(`${copy}-journal`)).toBe(true);
    expect([readFileSync(copy), readFileSync(`${copy}-journal`)].map((b) => sha256Hex(b))).toEqual(before);
  });
});

describe("wechat-pc3: voice audio from MediaMSG*.db", async () => {
  const path = materialise(caseOf("voice-mediamsg", "input"));
  const { archive } = await readBoth(path, { tz: "Asia/Shanghai" });
  const voice = (id: string) => byId(archive).get(id)!.attachments[0]!;
  // The Buf cells of samples/wechat-pc3/voice-mediamsg/.../MediaMSG0.db.sql, hashed here independently.
  const friendClip = Buffer.from("02232153494C4B5F56330A0B0C0D0E0F101112131415", "hex");
  const ownerClip = Buffer.from("02232153494C4B5F5633202122232425262728", "hex");

  it("marks a voice present with the SHA-256 and size of its Media row, found by MsgSvrID (negative ones too)", () => {
    expect(voice("7330772355966178001")).toMatchObject({ availability: "present", mediaType: "audio/silk", sha256: sha256Hex(friendClip), bytes: friendClip.length });
    expect(voice("7330772355966178001").path).toBe("wxid_owner002/Msg/Multi/MediaMSG0.db:Media/7330772355966178001");
    expect(voice("17212176183586095615")).toMatchObject({ availability: "present", sha256: sha256Hex(ownerClip), bytes: ownerClip.length });
  });

  it("marks a voice missing when no Media row holds audio for it, and reports an unreadable voice database", () => {
    expect(voice("7330772355966178003").availability).toBe("missing");
    const codes = archive.diagnostics.map((d) => [d.code, d.file]);
    expect(codes).toContainEqual(["encrypted-database", "wxid_owner002/Msg/Multi/MediaMSG1.db"]);
    expect(archive.diagnostics.find((d) => d.code === "attachment-missing")?.message).toContain("not in the MediaMSG*.db files given");
  });

  it("writes the clips beside a converted output, byte for byte", async () => {
    const dir = await convertIntoTemp(path, "json", { tz: "Asia/Shanghai" });
    const media = join(dir, "out.media");
    expect(readdirSync(media).sort()).toEqual([`${sha256Hex(friendClip)}.silk`, `${sha256Hex(ownerClip)}.silk`].sort());
    expect(readFileSync(join(media, `${sha256Hex(ownerClip)}.silk`))).toEqual(ownerClip);
    const out = JSON.parse(readFileSync(join(dir, "out.json"), "utf8")) as Archive;
    const a = out.conversations[0]!.messages[0]!.attachments[0]!;
    expect(a.path).toBe(`out.media/${sha256Hex(friendClip)}.silk`);
    expect(a.extra?.sourcePath).toBe("wxid_owner002/Msg/Multi/MediaMSG0.db:Media/7330772355966178001");
  });
});
