import { mkdtempSync, readFileSync, writeFileSync, existsSync, mkdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { DiagnosticCollector } from "../src/diagnostics/collector.js";
import { isChatportError } from "../src/diagnostics/errors.js";
import { convert, readAll } from "../src/pipeline/index.js";
import { openNtDb } from "../formats/qqnt-db/open.js";
import { fileSource } from "../src/io/source.js";
import { buildPrivateAndGroupSql } from "./fixtures/qqnt-build.js";
import { REPO } from "./helpers/samples.js";

const SQL_PATH = join(REPO, "samples", "qqnt-db", "private-and-group", "input", "nt_msg.db.sql");

/** Builds the sample SQL into a database file in a fresh folder; `prefix` bytes are put before it. */
function buildDb(prefix?: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), "chatport-qqnt-"));
  const plain = join(dir, "plain.db");
  const db = new Database(plain);
  db.exec(readFileSync(SQL_PATH, "utf8"));
  db.close();
  const target = join(dir, "nt_msg.db");
  writeFileSync(target, prefix ? Buffer.concat([prefix, readFileSync(plain)]) : readFileSync(plain));
  return target;
}

async function read(path: string, opts: { tz?: string; from?: string } = {}) {
  let accounting: Record<string, number> | undefined;
  const archive = await readAll(path, builtinRegistry, { ...opts, diagnostics: new DiagnosticCollector(), onAccounting: (a) => (accounting = a) });
  return { archive, accounting };
}

describe("qqnt-db fixture", () => {
  it("is exactly what test/fixtures/qqnt-build.ts builds (reproducible hex)", () => {
    const built = buildPrivateAndGroupSql();
    if (process.env.QQNT_WRITE_FIXTURE === "1" || !existsSync(SQL_PATH)) {
      mkdirSync(join(SQL_PATH, ".."), { recursive: true });
      writeFileSync(SQL_PATH, built);
    }
    expect(readFileSync(SQL_PATH, "utf8")).toBe(built);
  });
});

describe("qqnt-db reader", () => {
  it("opens its private copy with a 1 MiB page cache, main and temp (the ORDER BY sorter holds up to that; 4 MiB was ~14 MiB of peak RSS at 1M rows)", async () => {
    const path = buildDb(new Uint8Array(1024));
    const { copy, offset } = await openNtDb(fileSource(path, "nt_msg.db", statSync(path).size));
    try {
      expect(offset).toBe(1024);
      expect(copy.db.pragma("main.cache_size", { simple: true })).toBe(-1024);
      expect(copy.db.pragma("temp.cache_size", { simple: true })).toBe(-1024);
    } finally {
      await copy.dispose();
    }
  });

  it("reads private and group chats with ids, times, senders, faces, mentions and replies", async () => {
    const { archive, accounting } = await read(buildDb());
    expect(archive.sources[0]!.reader).toBe("qqnt-db");
    const [c2c, group] = archive.conversations;
    expect(c2c!.id).toBe("qqnt:c2c:1001");
    expect(c2c!.kind).toBe("direct");
    expect(c2c!.title).toBe("老王 (20002)");
    expect(group!.id).toBe("qqnt:group:123456789");
    expect(group!.kind).toBe("group");
    expect(c2c!.messages.map((m) => m.id)).toEqual(["7400000000000000101", "7400000000000000102", "7400000000000000103", "7400000000000000104", "7400000000000000105", "7400000000000000106", "7400000000000000107"]);

    const [m1, m2, m3, m4, m5, m6, m7] = c2c!.messages;
    expect(m1!.sentAt).toEqual({ raw: "1719800000", utc: "2024-07-01T02:13:20Z", basis: "exact", precision: "second" });
    expect(m1!.text).toBe("早上好/微笑");
    expect(m1!.parts).toEqual([{ type: "text", text: "早上好" }, { type: "face", text: "/微笑", extra: { id: "14" } }]);
    expect(m1!.senderId).toBe("qq:20002");
    expect(m2!.senderId).toBe("qq:10001");
    expect(m2!.replyTo).toBe("7400000000000000101");
    expect(m2!.text).toBe("早！");
    expect(m3!.kind).toBe("image");
    expect(m3!.attachments[0]).toMatchObject({ kind: "image", fileName: "0F343B0931126A20F133D67C2B018A3B.jpg", bytes: 20480, availability: "missing", extra: { md5: "0f343b0931126a20f133d67c2b018a3b" } });
    expect(m4!.status).toBe("recalled");
    expect(m5!.kind).toBe("system");
    expect(m5!.senderId).toBe("qq-system");
    expect(m5!.text).toBe("老王 撤回了一条消息");
    expect(m6!.kind).toBe("file");
    expect(m7!.kind).toBe("unknown");
    expect(m7!.extra?.unknownElements).toEqual([{ index: 0, type: 99, hex: expect.stringMatching(/^c8fc150a/) }]);

    const [g1, g2, g3, g4, g5, g6] = group!.messages;
    expect(g1!.text).toBe("@阿乙 看这个 /托腮");
    expect(g1!.parts?.[0]).toEqual({ type: "mention", text: "@阿乙", userId: "qq:40004" });
    expect(g2!.replyTo).toBe("7500000000000000201"); // resolved through seq 5001
    expect(g3!.parts?.[0]).toEqual({ type: "mention", text: "@全体成员", extra: { all: true } });
    expect(g4!.kind).toBe("voice");
    expect(g4!.attachments[0]).toMatchObject({ kind: "voice", fileName: "a1b2.amr", extra: { voiceSeconds: 5, voiceText: "好的" } });
    expect(g5!.kind).toBe("mini-program");
    expect(g5!.text).toBe("[QQ小程序]哔哩哔哩");
    expect(g6!.kind).toBe("unknown");

    const me = archive.participants.find((p) => p.id === "qq:10001")!;
    expect(me.isSelf).toBe(true);
    expect(me.handles).toEqual([{ kind: "qq", value: "10001" }, { kind: "other", value: "u_self_Xm9" }]);
    const a = archive.participants.find((p) => p.id === "qq:30003")!;
    expect(a.displayName).toBe("阿甲"); // migrated card "阿甲(30003)"

    const codes = archive.diagnostics.map((d) => d.code).sort();
    expect(codes).toEqual(["attachment-missing", "attachment-missing", "attachment-missing", "malformed-payload", "unknown-element"]);
    expect(accounting).toEqual({ rowsRead: 13, rowsInMessages: 12, rowsReported: 1 });
  });

  it("reads a decrypted file that still carries the 1024-byte QQNT header", async () => {
    const header = new Uint8Array(1024);
    header.set(new TextEncoder().encode("QQ_NT DB header (test)"));
    const { archive } = await read(buildDb(header));
    expect(archive.sources[0]!.variant).toBe("with-qqnt-header");
    expect(archive.conversations.map((c) => c.messages.length)).toEqual([7, 6]);
  });

  it("refuses an encrypted nt_msg.db with the decrypt-first error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatport-qqnt-enc-"));
    const bytes = new Uint8Array(8192);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761 + (i >> 3) * 40503) >>> 24;
    writeFileSync(join(dir, "nt_msg.db"), bytes);
    for (const from of [undefined, "qqnt-db"]) {
      const err = await read(join(dir, "nt_msg.db"), from ? { from } : {}).catch((e: unknown) => e);
      expect(isChatportError(err)).toBe(true);
      expect((err as { kind: string; code: string }).kind).toBe("input-damaged");
      expect((err as { code: string }).code).toBe("encrypted-database");
      expect((err as Error).message).toMatch(/decrypt it first/);
    }
  });

  it("keeps faces as text through the csv and html writers", async () => {
    const out = mkdtempSync(join(tmpdir(), "chatport-qqnt-out-"));
    const db = buildDb();
    for (const to of ["csv", "html"]) {
      await convert(db, builtinRegistry, { to, output: join(out, `o.${to}`), generatedAt: "2024-01-01T00:00:00Z" });
      const text = readFileSync(join(out, `o.${to}`), "utf8");
      expect(text, to).toContain("/微笑");
      expect(text, to).toContain("/托腮");
    }
  });
});

describe("qqnt-db: message tables replaced by views (a hand-edited database)", () => {
  function withViews(names: string[]): string {
    const path = buildDb();
    const db = new Database(path);
    for (const t of names) db.exec(`ALTER TABLE ${t} RENAME TO old_${t}; CREATE VIEW ${t} AS SELECT * FROM old_${t};`);
    db.close();
    return path;
  }

  it("reports a view in one table's place and reads the other table", async () => {
    const archive = await readAll(withViews(["c2c_msg_table"]), builtinRegistry, { from: "qqnt-db" });
    expect(archive.conversations.length).toBeGreaterThan(0);
    expect(archive.diagnostics.find((d) => d.code === "unrecognized-record")?.message).toContain("c2c_msg_table is a view, not a table; its messages are not read.");
  });

  it("refuses a database whose message tables are all views, saying so", async () => {
    const err = await readAll(withViews(["c2c_msg_table", "group_msg_table"]), builtinRegistry, { from: "qqnt-db" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "unknown-format", message: expect.stringContaining("holds QQNT's message tables only as views (c2c_msg_table, group_msg_table)") });
  });
});
