import { describe, expect, it } from "vitest";
import { join } from "node:path";
import Database from "better-sqlite3";
import { builtinRegistry } from "../src/builtin.js";
import { buildProbe } from "../src/pipeline/probe.js";
import { openInput } from "../src/pipeline/open-input.js";
import type { Archive } from "../src/model/index.js";
import { readBoth } from "./helpers/read.js";
import { REPO, materialise, type SampleCase } from "./helpers/samples.js";
import { convertIntoTemp } from "./helpers/convert-temp.js";

const caseOf = (name: string, input: string): SampleCase => {
  const dir = join(REPO, "samples", "wechat-v4", name);
  return { format: "wechat-v4", name, dir, input: join(dir, input), options: {}, expectedPath: join(dir, "expected.json") };
};
const byId = (a: Archive) => new Map(a.conversations.flatMap((c) => c.messages).map((m) => [m.id, m] as const));
const GROUP = "wechat-chat:20481234567@chatroom";
const PRIV = "wechat-chat:wxid_friend01";

describe("wechat-v4: db_storage with two message databases and contact.db", async () => {
  const path = materialise(caseOf("db-storage-group", "input"));
  const { archive, accounting } = await readBoth(path, { tz: "Asia/Shanghai" });
  const msgs = byId(archive);
  const conv = (id: string) => archive.conversations.find((c) => c.id === id)!;

  it("is detected from the folder listing and accounts for every row", async () => {
    const [best] = builtinRegistry.detect(await buildProbe(await openInput(path)));
    expect(best?.reader.id).toBe("wechat-v4");
    expect(accounting).toEqual({ rowsRead: 13, rowsInMessages: 13, rowsReported: 0 });
    expect(archive.conversations.map((c) => [c.id, c.kind, c.title, c.messages.length])).toEqual([
      [GROUP, "group", "周末爬山群", 5],
      [PRIV, "direct", "Alice", 8],
    ]);
  });

  it("merges a conversation's Msg_<md5> tables across databases in time order", () => {
    expect(conv(PRIV).messages.map((m) => [m.id, m.provenance.file.split("/").pop()])).toEqual([
      ["8100000000000000001", "message_0.db"],
      ["8100000000000000002", "message_0.db"],
      ["8100000000000000004", "message_1.db"],
      ["8100000000000000003", "message_0.db"],
      ["8100000000000000005", "message_1.db"],
      ["8100000000000000006", "message_1.db"],
      ["8100000000000000007", "message_1.db"],
      ["8100000000000000008", "message_1.db"],
    ]);
    expect(conv(PRIV).messages[0]!.provenance.at).toEqual({ table: "Msg_84c495fc4279ef9e04dc45b1c31b6fab", rowid: 1 });
  });

  it("resolves senders through each file's own Name2Id and strips the wxid:\\n prefix", () => {
    expect(archive.participants.find((p) => p.isSelf)?.id).toBe("wechat:wxid_owner001");
    expect(conv(GROUP).messages.map((m) => [m.senderId, m.text])).toEqual([
      ["wechat:wxid_bob002", "大家好"],
      ["wechat:wxid_owner001", "周六几点出发？"],
      ["wechat:wxid_friend01", "九点，南门集合"],
      ["wechat:wxid_carol03", "我带水"],
      ["wechat:wxid_bob002", "路线.pdf"],
    ]);
    expect(conv(PRIV).messages.map((m) => m.senderId?.replace("wechat:", "") ?? null)).toEqual([
      "wxid_friend01", "wxid_owner001", "wxid_friend01", "wxid_friend01", "wxid_owner001", "wxid_friend01", null, "wxid_friend01",
    ]);
  });

  it("gives exact instants from create_time seconds", () => {
    expect(msgs.get("8100000000000000001")!.sentAt).toEqual({
      raw: "1705285200", wall: "2024-01-15T10:20:00", utc: "2024-01-15T02:20:00Z", offset: "+08:00", zone: "Asia/Shanghai", basis: "exact", precision: "second",
    });
  });

  it("decodes zstd content: quote linked, merged record nested, recall marked", () => {
    const q = msgs.get("8100000000000000103")!;
    expect([q.kind, q.text, q.replyTo, q.extra?.wechatType]).toEqual(["text", "九点，南门集合", "8100000000000000102", { type: 49, subType: 57, label: "quote" }]);
    expect(msgs.get(q.replyTo!)!.text).toBe("周六几点出发？");
    const r = msgs.get("8100000000000000005")!;
    expect(r.kind).toBe("merged");
    expect(r.inner!.map((i) => [i.text, i.forwarded?.fromName, i.sentAt.wall])).toEqual([["大家好", "Bobby", "2024-01-15T11:40:00"]]);
    expect(msgs.get("8100000000000000006")!.status).toBe("recalled");
    expect(msgs.get("8100000000000000007")!.text).toBe(`"Alice" 撤回了一条消息`);
  });

  it("splits local_type into type and subtype (file = 6<<32|49)", () => {
    const f = msgs.get("8100000000000000105")!;
    expect([f.kind, f.attachments[0]?.fileName, f.attachments[0]?.availability]).toEqual(["file", "路线.pdf", "missing"]);
    expect(f.attachments[0]?.extra?.statedBytes).toBe(20480);
    expect(msgs.get("8100000000000000008")!.kind).toBe("unknown");
    expect(archive.diagnostics.map((d) => d.code).sort()).toEqual(["attachment-missing", "attachment-missing", "unknown-message-type"]);
  });
});

describe("wechat-v4: a single message database", async () => {
  const path = materialise(caseOf("single-message-db", "input.db.sql"));
  const { archive, accounting } = await readBoth(path, { tz: "Asia/Shanghai" });

  it("is detected from its tables; the owner is inferred from a private chat", async () => {
    const [best] = builtinRegistry.detect(await buildProbe(await openInput(path)));
    expect(best?.reader.id).toBe("wechat-v4");
    expect(accounting).toEqual({ rowsRead: 6, rowsInMessages: 6, rowsReported: 0 });
    expect(archive.participants.find((p) => p.isSelf)?.id).toBe("wechat:wxid_owner001");
    expect(archive.diagnostics.some((d) => d.code === "contacts-missing")).toBe(true);
    expect(archive.conversations.map((c) => c.title)).toEqual(["20481234567@chatroom", "wxid_friend01"]);
  });
});

describe("wechat-v4: create_time that is not a number", () => {
  it("is kept raw as its SQL literal and reported, never silently floating", async () => {
    const path = materialise(caseOf("single-message-db", "input.db.sql"));
    const db = new Database(path);
    const table = (db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'Msg_%' ORDER BY name").get() as { name: string }).name;
    const ids = (db.prepare(`SELECT rowid AS r FROM "${table}" ORDER BY rowid LIMIT 2`).all() as { r: number }[]).map((x) => x.r);
    db.prepare(`UPDATE "${table}" SET create_time = 'abc' WHERE rowid = ?`).run(ids[0]);
    db.prepare(`UPDATE "${table}" SET create_time = NULL WHERE rowid = ?`).run(ids[1]);
    db.close();
    const { archive } = await readBoth(path);
    const bad = archive.diagnostics.filter((d) => d.code === "invalid-timestamp").map((d) => d.raw);
    expect(bad.sort()).toEqual(["'abc'", "NULL"]);
    expect(archive.conversations.flatMap((c) => c.messages).filter((m) => m.sentAt.basis === "floating").map((m) => m.sentAt.raw).sort()).toEqual(["'abc'", "NULL"]);
  });
});

describe("wechat-v4: a view in a message table's place", () => {
  it("is reported; with nothing else to read, the run fails saying so", async () => {
    const path = materialise(caseOf("single-message-db", "input.db.sql"));
    const db = new Database(path);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'Msg_%'").all() as { name: string }[]).map((r) => r.name);
    for (const t of tables) db.exec(`ALTER TABLE "${t}" RENAME TO "old_${t}"; CREATE VIEW "${t}" AS SELECT * FROM "old_${t}";`);
    db.close();
    const err = await readBoth(path, { from: "wechat-v4" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "unknown-format", message: expect.stringContaining(`no message could be read as wechat-v4; ${tables.length} line(s) or record(s) were not recognised`) });
  });
});

describe("wechat-v4: refusals", () => {
  it("refuses an encrypted database, saying to decrypt it first", async () => {
    const err = await readBoth(join(REPO, "samples/wechat-v4/encrypted-db/input.db"), { from: "wechat-v4" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "input-damaged", code: "encrypted-database" });
  });

  it("names the tables of a database with an unknown schema", async () => {
    const err = await readBoth(materialise(caseOf("unknown-schema", "input.db.sql")), { from: "wechat-v4" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "unknown-format" });
    expect(String((err as Error).message)).toContain("SessionTable, VoiceInfo");
  });
});

describe("wechat-v4: voice audio from message/media_<n>.db", async () => {
  const { sha256Hex } = await import("../src/io/hash.js");
  const path = materialise(caseOf("voice-media-db", "input"));
  const { archive } = await readBoth(path, { tz: "Asia/Shanghai" });
  const voice = (id: string) => byId(archive).get(id)!.attachments[0]!;
  // The voice_data cells of samples/wechat-v4/voice-media-db/.../media_0.db.sql, joined here independently.
  const whole = Buffer.from("02232153494C4B5F56330A0B0C0D0E0F101112131415", "hex");
  const pieces = Buffer.concat([Buffer.from("02232153494C4B5F5633", "hex"), Buffer.from("3031323334353637", "hex")]);

  it("marks a voice present with its VoiceInfo audio, pieces joined in data_index order", () => {
    expect(voice("8200000000000000001")).toMatchObject({ availability: "present", mediaType: "audio/silk", sha256: sha256Hex(whole), bytes: whole.length });
    expect(voice("8200000000000000002")).toMatchObject({ availability: "present", sha256: sha256Hex(pieces), bytes: pieces.length });
    expect(voice("8200000000000000002").path).toBe("xwechat_files/wxid_owner003_1a2b/db_storage/message/media_0.db:VoiceInfo/8200000000000000002");
  });

  it("marks a voice without audio missing, saying which databases were searched", () => {
    expect(voice("8200000000000000003").availability).toBe("missing");
    expect(archive.diagnostics.find((d) => d.code === "attachment-missing")?.message).toContain("not in the media_<n>.db files given");
  });

  it("hands the joined clip to writers through its media store", async () => {
    const { readFileSync } = await import("node:fs");
    const dir = await convertIntoTemp(path, "json", { tz: "Asia/Shanghai" });
    expect(readFileSync(join(dir, "out.media", `${sha256Hex(pieces)}.silk`))).toEqual(pieces);
  });
});

describe("wechat-v4: media located through hardlink/hardlink.db", async () => {
  const { sha256Hex } = await import("../src/io/hash.js");
  const { readFileSync } = await import("node:fs");
  const path = materialise(caseOf("media-hardlink", "input"));
  const { archive } = await readBoth(path, { tz: "Asia/Shanghai" });
  const att = (id: string) => byId(archive).get(id)!.attachments[0]!;
  const account = "xwechat_files/wxid_owner004_9c0d";
  const onDisk = (rel: string) => readFileSync(join(REPO, "samples", "wechat-v4", "media-hardlink", "input", account, rel));

  it("finds an image by the md5 its XML states (case aside), preferring the _h.dat copy, hashed as stored", () => {
    const hd = "msg/attach/84c495fc4279ef9e04dc45b1c31b6fab/2024-01/Img/f0e1d2c3b4a59687_h.dat";
    expect(att("8300000000000000001")).toMatchObject({ availability: "present", path: `${account}/${hd}`, sha256: sha256Hex(onDisk(hd)), bytes: onDisk(hd).length });
  });

  it("finds a video under msg/video/<dir1>/", () => {
    const v = "msg/video/2024-01/a1b2c3d4e5f60718.mp4";
    expect(att("8300000000000000002")).toMatchObject({ availability: "present", path: `${account}/${v}`, sha256: sha256Hex(onDisk(v)) });
  });

  it("says why the others are missing: listed but not on disk, or not listed", () => {
    expect(att("8300000000000000003")).toMatchObject({ availability: "missing", extra: { sourcePath: "msg/file/2024-01/合同.pdf" } });
    const why = archive.diagnostics.filter((d) => d.code === "attachment-missing").map((d) => d.message);
    expect(why).toContain("The file of a message is missing: not found under the input folder (msg/file/2024-01/合同.pdf).");
    expect(why).toContain("The image of a message is missing: hardlink.db lists no file for the md5 the message states.");
  });

  it("looks a hostile file name (climbing out with ..) up inside the input folder only", () => {
    const a = att("8300000000000000005");
    expect(a.availability).toBe("missing");
    expect(a.path).toBeUndefined();
    expect(archive.diagnostics.some((d) => d.code === "attachment-missing" && d.message.includes("not found under the input folder") && d.raw?.includes("../../"))).toBe(true);
  });
});
