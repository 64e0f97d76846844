/** signal-md: which reader a Signal chat.md goes to, and what a chat folder's media become. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { buildProbe } from "../src/pipeline/probe.js";
import { openInput } from "../src/pipeline/open-input.js";
import { readAll } from "../src/pipeline/read-all.js";

function file(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "cp-signal-"));
  const p = join(dir, name);
  mkdirSync(join(p, ".."), { recursive: true });
  writeFileSync(p, text);
  return p;
}

async function best(path: string) {
  const probe = await buildProbe(await openInput(path));
  return builtinRegistry.detect(probe)[0]!;
}

describe("which reader a chat text goes to", () => {
  it("signal-export's older lines (no seconds) are Signal's, whatever the file's name", async () => {
    const p = file("chat-md-2019-style.txt", "[2019-12-24, 12:23] Jane Doe: Hello John!\n[2020-01-17, 21:49] John Doe: Hello\nJane!\n");
    expect((await best(p)).reader.id).toBe("signal-md");
  });

  it("[YYYY-MM-DD HH:MM:SS] lines: Signal in a .md, WhatsApp (Swedish iOS writes them) in a plain .txt", async () => {
    const lines = "[2018-06-13 21:25:15] Anna: Hej\n[2018-06-13 21:26:00] Erik: Hej hej\n";
    expect((await best(file("chat.md", lines))).reader.id).toBe("signal-md");
    expect((await best(file("_chat.txt", lines))).reader.id).toBe("whatsapp-txt");
    // The exporter's own marks decide a .txt too.
    expect((await best(file("_chat.txt", lines + "[2018-06-13 21:27:00] Me: ![a.jpg](./media/a.jpg)  \n"))).reader.id).toBe("signal-md");
  });
});

describe("reading a chat", () => {
  it("accounts for every line, marks Me as you, finds media beside chat.md and reports the rest", async () => {
    const p = file("Jane Doe/chat.md", [
      "",
      "stray line",
      "[2024-05-01 09:15:02] Me: Hi  ",
      "[2024-05-01 09:16:40] Jane Doe:   ![a.jpg](./media/a.jpg)  [b c.pdf](./media/b%20c.pdf)  ",
      "[2024-05-01 09:17:00] No-Sender: who?  ",
      "(- Me: 👍, Jane Doe: 👍 -)",
    ].join("\n") + "\n");
    mkdirSync(join(p, "..", "media"));
    writeFileSync(join(p, "..", "media", "a.jpg"), "jpeg bytes");
    const accounting: Record<string, number>[] = [];
    const archive = await readAll(p, builtinRegistry, { from: "signal-md", onAccounting: (a) => accounting.push(a) });
    expect(accounting).toEqual([{ linesRead: 6, linesInMessages: 4, linesStructural: 1, linesReported: 1 }]);
    const [conv] = archive.conversations;
    expect(conv).toMatchObject({ title: "Jane Doe", kind: "direct", platform: "signal" });
    const [hi, media, who] = conv!.messages;
    expect(archive.participants.find((x) => x.id === hi!.senderId)).toMatchObject({ displayName: "Me", isSelf: true });
    expect(media!.kind).toBe("file");
    expect(media!.attachments.map((a) => [a.kind, a.availability, a.path])).toEqual([
      ["image", "present", "media/a.jpg"],
      ["file", "missing", "media/b c.pdf"],
    ]);
    expect(media!.attachments[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(who).toMatchObject({ senderId: null, text: "who?", extra: { sender: "No-Sender" } });
    expect(who!.reactions).toEqual([{ emoji: "👍", senderIds: ["signal-name:Me", "signal-name:Jane Doe"] }]);
    expect(archive.diagnostics.map((d) => d.code).sort()).toEqual(["attachment-missing", "timezone-floating", "unrecognized-line"]);
  });

  it("links a quote to the one earlier message with its text, and to none when several share it", async () => {
    const p = file("Group/chat.md", [
      "[2024-05-01 09:00:00] Anna: ok  ",
      "[2024-05-01 09:01:00] Ole: Lunch at noon?",
      "Or later?  ",
      "[2024-05-01 09:02:00] Ole: ok  ",
      "[2024-05-01 09:03:00] Me: ",
      "",
      "> Lunch at noon?",
      "> Or later?",
      "",
      "Noon  ",
      "[2024-05-01 09:04:00] Me: ",
      "",
      "> ok",
      "",
      "which ok?  ",
    ].join("\n") + "\n");
    const archive = await readAll(p, builtinRegistry);
    const [, lunch, , noon, which] = archive.conversations[0]!.messages;
    expect(noon).toMatchObject({ text: "Noon", replyTo: lunch!.id, extra: { quote: "Lunch at noon?\nOr later?" } });
    expect(which).toMatchObject({ text: "which ok?", extra: { quote: "ok" } });
    expect(which!.replyTo).toBeUndefined();
    expect(archive.conversations[0]!.kind).toBe("group");
  });

  it("decides the chat's kind from who wrote, not who reacted", async () => {
    const lines = ["[2024-05-01 09:00:00] Me: Hi  ", "[2024-05-01 09:01:00] Jane: Hello  ", "(- Bob: 👍, Carol: 👍 -)"];
    const direct = await readAll(file("Jane/chat.md", lines.join("\n") + "\n"), builtinRegistry);
    expect(direct.conversations[0]!.kind).toBe("direct");
    expect(direct.conversations[0]!.messages[1]!.reactions).toEqual([{ emoji: "👍", senderIds: ["signal-name:Bob", "signal-name:Carol"] }]);
    const group = await readAll(file("Trip/chat.md", [...lines, "[2024-05-01 09:02:00] Bob: me too  "].join("\n") + "\n"), builtinRegistry);
    expect(group.conversations[0]!.kind).toBe("group");
  });

  it("reads signal-export's whole output folder, a conversation per chat folder, with one accounting", async () => {
    const root = mkdtempSync(join(tmpdir(), "cp-signal-export-"));
    for (const [chat, text] of [["Trip", "[2024-05-01 09:00:00] Anna: Who is in?  \n[2024-05-01 09:01:00] Me: ![a.jpg](./media/a.jpg)  \n"], ["Anna", "[2024-05-02 10:00:00] Anna: Hi  \nsecond line\n[2024-05-02 10:01:00] Anna:   [🐱](../exported_stickers/p1/s1.webp)  \n"]]) {
      mkdirSync(join(root, chat!, "media"), { recursive: true });
      writeFileSync(join(root, chat!, "chat.md"), text!);
    }
    writeFileSync(join(root, "Trip", "media", "a.jpg"), "jpeg bytes");
    mkdirSync(join(root, "exported_stickers", "p1"), { recursive: true });
    writeFileSync(join(root, "exported_stickers", "p1", "s1.webp"), "webp bytes");
    expect((await best(root)).reader.id).toBe("signal-md");
    const accounting: Record<string, number>[] = [];
    const archive = await readAll(root, builtinRegistry, { onAccounting: (a) => accounting.push(a) });
    expect(accounting).toEqual([{ linesRead: 5, linesInMessages: 5, linesStructural: 0, linesReported: 0 }]);
    expect(archive.conversations.map((c) => [c.title, c.kind, c.messages.length, c.messages[0]!.provenance.file])).toEqual([
      ["Anna", "direct", 2, "Anna/chat.md"],
      ["Trip", "direct", 2, "Trip/chat.md"],
    ]);
    expect(archive.conversations[1]!.messages[1]!.attachments[0]).toMatchObject({ availability: "present", path: "Trip/media/a.jpg" });
    expect(archive.participants.filter((p) => p.displayName === "Anna")).toHaveLength(1);
    // A sticker's file is linked from the chat folder to the export's exported_stickers/.
    expect(archive.conversations[0]!.messages[1]).toMatchObject({ kind: "sticker", text: "🐱" });
    expect(archive.conversations[0]!.messages[1]!.attachments[0]).toMatchObject({ kind: "sticker", availability: "present", path: "exported_stickers/p1/s1.webp" });
  });
});

