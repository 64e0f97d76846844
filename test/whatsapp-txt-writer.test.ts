/** whatsapp-txt writer: exact text, QQ TXT round trip, zip with media, deterministic bytes under any TZ. */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { memorySink } from "../src/io/sink.js";
import { memorySource } from "../src/io/source.js";
import { zipTree } from "../src/io/zip.js";
import { sha256Hex } from "../src/io/hash.js";
import type { Archive, Message } from "../src/model/index.js";
import { convert, readAll } from "../src/pipeline/index.js";
import { rawZip } from "./helpers/raw-zip.js";
import { REPO } from "./helpers/samples.js";

const GEN = "2024-01-01T00:00:00Z";

async function toWhatsApp(input: Parameters<typeof convert>[0], name: string, opts: { from?: string; writerOptions?: Record<string, unknown>; readerOptions?: Record<string, unknown> } = {}) {
  const sink = memorySink(name);
  const result = await convert(input, builtinRegistry, { to: "whatsapp-txt", output: sink, generatedAt: GEN, ...opts });
  return { bytes: Buffer.from(sink.bytes()), result };
}

const senderName = (a: Archive, m: Message) => (m.senderId === null ? null : a.participants.find((p) => p.id === m.senderId)!.displayName);

describe("whatsapp-txt writer", () => {
  it("writes the Android shape with seconds, system lines without author, files and captions", async () => {
    const src = [
      "[20.06.19, 15:58:47] Loris created group “Example”",
      "[20.06.19, 15:59:00] Loris: hello\r\nsecond line",
      "[20.06.19, 16:00:15] Loris: <attached: 00000001-PHOTO-2019-06-20-16-00-15.jpg>",
      "[20.06.19, 16:01:00] Emily: This message was deleted",
      "[20.06.19, 16:02:00] Emily: image omitted",
    ].join("\r\n");
    const { bytes, result } = await toWhatsApp(memorySource("_chat.txt", src), "out.txt");
    expect(bytes.toString("utf8")).toBe(
      [
        "20/06/2019, 15:58:47 - Loris created group “Example”",
        "20/06/2019, 15:59:00 - Loris: hello",
        "second line",
        "20/06/2019, 16:00:15 - Loris: <Media omitted>",
        "20/06/2019, 16:01:00 - Emily: This message was deleted",
        "20/06/2019, 16:02:00 - Emily: <Media omitted>",
        "",
      ].join("\n"),
    );
    expect(result.diagnostics.filter((d) => d.origin === "whatsapp-txt" && d.code === "lossy-output")).toHaveLength(0);
  });

  it.each(["group-basic", "en-gb-dmy", "en-us-12h"])("round-trips the QQ TXT sample %s: count, senders, texts, wall times", async (name) => {
    const dir = join(REPO, "samples", "qq-txt", name);
    const opts = (existsSync(join(dir, "options.json")) ? JSON.parse(readFileSync(join(dir, "options.json"), "utf8")) : {}) as { readerOptions?: Record<string, unknown> };
    const qq = await readAll(join(dir, "input.txt"), builtinRegistry, { from: "qq-txt", ...(opts.readerOptions ? { readerOptions: opts.readerOptions } : {}) });
    const { bytes } = await toWhatsApp(join(dir, "input.txt"), "chat.txt", { from: "qq-txt", ...(opts.readerOptions ? { readerOptions: opts.readerOptions } : {}) });
    const back = await readAll(memorySource("_chat.txt", bytes), builtinRegistry, { from: "whatsapp-txt", readerOptions: { dateOrder: "dmy" } });
    const a = qq.conversations.flatMap((c) => c.messages);
    const b = back.conversations[0]!.messages;
    expect(b).toHaveLength(a.length);
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!, y = b[i]!;
      expect(y.text, `text of message ${i + 1}`).toBe(x.text);
      expect(y.sentAt.wall, `time of message ${i + 1}`).toBe(x.sentAt.wall);
      if (x.kind === "system") expect(y.kind).toBe("system");
      else expect(senderName(back, y), `sender of message ${i + 1}`).toBe(senderName(qq, x));
    }
  });

  it("writes a zip with _chat.txt and the media, byte-identical under any TZ, readable back with media", async () => {
    const photo = new Uint8Array([0xff, 0xd8, 0xff, 9, 8, 7]);
    const input = rawZip([
      { name: "_chat.txt", data: new TextEncoder().encode("[20.06.19, 16:00:15] Loris: <attached: 00000001-PHOTO-2019-06-20-16-00-15.jpg>\r\n[20.06.19, 16:00:20] Loris: caption?"), deflate: true },
      { name: "00000001-PHOTO-2019-06-20-16-00-15.jpg", data: photo },
    ]);
    const runs: Buffer[] = [];
    for (const tz of ["UTC", "Pacific/Kiritimati", "America/Los_Angeles"]) {
      const before = process.env.TZ;
      process.env.TZ = tz;
      try {
        runs.push((await toWhatsApp(memorySource("WhatsApp Chat - Loris.zip", input), "out.zip")).bytes);
      } finally {
        if (before === undefined) delete process.env.TZ;
        else process.env.TZ = before;
      }
    }
    expect(runs[1]!.equals(runs[0]!)).toBe(true);
    expect(runs[2]!.equals(runs[0]!)).toBe(true);
    const tree = zipTree(memorySource("out.zip", runs[0]!));
    expect(await tree.list()).toEqual(["00000001-PHOTO-2019-06-20-16-00-15.jpg", "_chat.txt"]);
    // Telegram's importer expects _chat.txt first in the archive.
    expect(runs[0]!.subarray(30, 39).toString()).toBe("_chat.txt");
    const back = await readAll(memorySource("out.zip", runs[0]!), builtinRegistry, {});
    const [m1, m2] = back.conversations[0]!.messages;
    expect(m1!.attachments[0]).toMatchObject({ availability: "present", sha256: sha256Hex(photo), fileName: "00000001-PHOTO-2019-06-20-16-00-15.jpg" });
    expect(m1!.sentAt.wall).toBe("2019-06-20T16:00:15");
    expect(m2!.text).toBe("caption?");
    // DOS date/time of the first entry: 1980-01-01 12:00:00.
    expect(runs[0]!.readUInt16LE(10)).toBe(12 << 11);
    expect(runs[0]!.readUInt16LE(12)).toBe((0 << 9) | (1 << 5) | 1);
  });

  it("writes a text-only export's media as <Media omitted> and says so", async () => {
    const input = rawZip([
      { name: "_chat.txt", data: new TextEncoder().encode("[20.06.19, 16:00:15] Loris: <attached: 00000001-PHOTO-2019-06-20-16-00-15.jpg>") },
      { name: "00000001-PHOTO-2019-06-20-16-00-15.jpg", data: new Uint8Array([1]) },
    ]);
    const { bytes, result } = await toWhatsApp(memorySource("x.zip", input), "out.txt");
    expect(bytes.toString()).toBe("20/06/2019, 16:00:15 - Loris: <Media omitted>\n");
    expect(result.diagnostics.find((d) => d.origin === "whatsapp-txt" && d.code === "lossy-output")?.message).toMatch(/only included in a \.zip/);
  });

  it("keeps one export per conversation: a second one goes to a sibling file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatport-wa-"));
    const out = join(dir, "chats.txt");
    const result = await convert(join(REPO, "samples", "qq-txt", "two-sections", "input.txt"), builtinRegistry, { to: "whatsapp-txt", output: out, generatedAt: GEN });
    expect(result.conversations).toBe(2);
    expect(readdirSync(dir).filter((f) => !f.endsWith(".manifest.json")).sort()).toEqual(["chats-2.txt", "chats.txt"]);
    expect(readdirSync(dir)).toContain("chats.txt.manifest.json");
    for (const f of ["chats.txt", "chats-2.txt"]) {
      const back = await readAll(join(dir, f), builtinRegistry, { from: "whatsapp-txt" });
      expect(back.conversations[0]!.messages.length).toBeGreaterThan(0);
    }
  });

  it("can write the iOS shape", async () => {
    const { bytes } = await toWhatsApp(memorySource("_chat.txt", "[20.06.19, 15:59:00] Loris: hello"), "out.txt", { writerOptions: { shape: "ios" } });
    expect(bytes.toString()).toBe("[20/06/2019, 15:59:00] Loris: hello\n");
  });

  it("refuses to write over its own input", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatport-wa-"));
    const path = join(dir, "chat.zip");
    const { writeFileSync } = await import("node:fs");
    const bytes = rawZip([{ name: "_chat.txt", data: new TextEncoder().encode("[20.06.19, 15:59:00] Loris: hello") }]);
    writeFileSync(path, bytes);
    const err = await convert(path, builtinRegistry, { to: "whatsapp-txt", output: path }).then(() => undefined, (e: unknown) => e);
    expect((err as { kind?: string }).kind).toBe("usage");
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });
});

describe("whatsapp-txt writer: text the format cannot carry back is reported", () => {
  const telegram = (texts: string[]) =>
    memorySource(
      "result.json",
      JSON.stringify({
        name: "Bob",
        type: "personal_chat",
        id: 1,
        messages: texts.map((text, i) => ({ id: i + 1, type: "message", date: `2024-01-01T10:00:0${i}`, date_unixtime: String(1704103200 + i), from: "Bob", from_id: "user1", text })),
      }),
    );
  const lossy = (r: { diagnostics: { origin?: string; code: string; message: string }[] }) =>
    r.diagnostics.filter((d) => d.origin === "whatsapp-txt" && d.code === "lossy-output").map((d) => d.message);

  it("trailing blank lines and edge direction marks: written, reported, and indeed not read back", async () => {
    const texts = ["line one\n\n", "\u200eleading mark", "plain\ntwo lines", "inner\n\nblank"];
    const { bytes, result } = await toWhatsApp(telegram(texts), "chat.txt", { from: "telegram-json" });
    const notes = lossy(result);
    expect(notes.some((m) => /ends in blank lines/.test(m))).toBe(true);
    expect(notes.some((m) => /direction mark/.test(m))).toBe(true);
    const back = await readAll(memorySource("_chat.txt", bytes), builtinRegistry, { from: "whatsapp-txt" });
    // What the notes announce: the first two differ, the others come back as written.
    expect(back.conversations[0]!.messages.map((m) => m.text)).toEqual(["line one", "leading mark", "plain\ntwo lines", "inner\n\nblank"]);
  });

  it("text that reads back the same gets no such note", async () => {
    const { result } = await toWhatsApp(telegram(["plain\ntwo lines", "inner\n\nblank", "mid\u200emark"]), "chat.txt", { from: "telegram-json" });
    expect(lossy(result)).toEqual([]);
  });
});

describe("media entry names in the zip", () => {
  it("unzip as themselves everywhere: no device names, bidi tricks, trailing dots, overlong or case-clashing names", async () => {
    const { uniqueName } = await import("../formats/whatsapp-txt/writer.js");
    const used = new Set(["_chat.txt"]);
    const names = ["CON", "aux.jpg", "com1.txt", "evil.jpg.", "photo \u202Egpj.exe", "../../x.jpg", "a.jpg", "A.JPG", "x".repeat(300) + ".jpg", "\u200Einvisible.png", "_CHAT.TXT"].map((n) => uniqueName(n, used));
    expect(names).toEqual(["_CON", "_aux.jpg", "_com1.txt", "evil.jpg", "photo gpj.exe", "x.jpg", "a.jpg", "A (2).JPG", "x".repeat(76) + ".jpg", "invisible.png", "_CHAT (2).TXT"]);
  });
});

describe("whatsapp-txt writer: lone surrogates", () => {
  // JSON escapes can spell half a UTF-16 pair; UTF-8 has no bytes for it, so the writer writes U+FFFD.
  const tg = (texts: string[]) =>
    `{"name": "S", "type": "personal_chat", "id": 1, "messages": [${texts.map((t, i) => `{"id": ${i + 1}, "type": "message", "date": "2024-01-0${i + 1}T10:00:00", "date_unixtime": "${1704103200 + i * 86400}", "from": "A", "from_id": "user1", "text": "${t}"}`).join(",")}]}`;

  it("reports the messages once, with their count and the first message, and writes U+FFFD (it was silent)", async () => {
    const { bytes, result } = await toWhatsApp(memorySource("result.json", tg(["ok", "a\\ud800b", "\\udc00 c", "pair \\ud83d\\ude00 fine"])), "out.txt");
    const text = bytes.toString("utf8");
    expect(text).toContain("A: a\uFFFDb");
    expect(text).toContain("A: \uFFFD c");
    expect(text).toContain("A: pair 😀 fine");
    const notes = result.diagnostics.filter((d) => d.origin === "whatsapp-txt" && d.code === "lossy-output");
    expect(notes.map((d) => d.message)).toEqual([
      "2 messages (the first: tg:user1:2) held lone surrogates (half of a UTF-16 pair, no character), which UTF-8 cannot encode; each was written as U+FFFD (\uFFFD).",
    ]);
    expect(notes[0]!.place).toEqual({ pointer: "/messages/1" });
    expect(builtinRegistry.writer("whatsapp-txt").transformations?.join(" ")).toMatch(/lone surrogate/);
  });

  it("says nothing when every surrogate is paired", async () => {
    const { result } = await toWhatsApp(memorySource("result.json", tg(["pair \\ud83d\\ude00 fine"])), "out.txt");
    expect(result.diagnostics.filter((d) => d.origin === "whatsapp-txt" && d.code === "lossy-output")).toEqual([]);
  });
});
