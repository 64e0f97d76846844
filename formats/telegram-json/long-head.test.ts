/**
 * A value before `messages` longer than the detection probe (a 1 MB chat name) pushed every Telegram
 * marker out of the head: `chatport convert result.json` said "not a chat export" (exit 4) unless
 * `--from telegram-json` was given.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { buildProbe } from "../../src/pipeline/probe.js";
import { memorySource } from "../../src/io/source.js";
import { runCapture } from "../../test/helpers/cli.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { readAll } from "../../src/pipeline/read-all.js";
import { readRootHead } from "../../src/io/json-root-head.js";

const LONG = "名".repeat(400_000) + "x".repeat(200_000); // ~1.4 MB of UTF-8
const MESSAGES = `"messages": [\n  {\n   "id": 1,\n   "type": "message",\n   "date": "2023-07-22T07:26:40",\n   "date_unixtime": "1690000000",\n   "from": "Kate",\n   "from_id": "user4001",\n   "text": "hi",\n   "text_entities": [{"type": "plain", "text": "hi"}]\n  }\n ]`;
const chat = (head: string) => `{\n${head},\n ${MESSAGES}\n}\n`;

async function detect(text: string, name = "result.json") {
  const probe = await buildProbe(memorySource(name, text));
  return builtinRegistry.detect(probe)[0];
}

describe("telegram-json detection with a long value before messages", () => {
  it("a 1.4 MB chat name first (tdesktop's order): recognised, and converts without --from", async () => {
    const text = chat(` "name": "${LONG}",\n "type": "personal_chat",\n "id": 4001`);
    const best = await detect(text);
    expect(best?.reader.id).toBe("telegram-json");
    expect(best?.reason).toMatch(/name longer than the probe/);

    const dir = mkdtempSync(join(tmpdir(), "tg-long-name-"));
    const input = join(dir, "result.json");
    writeFileSync(input, text);
    const out = join(dir, "out.json");
    const r = await runCapture(["convert", input, "--to", "json", "-o", out]);
    expect(r.err).toMatch(/Read 1 conversation, 1 message/);
    expect(r.code).toBe(0);
    const archive = JSON.parse(readFileSync(out, "utf8")) as { conversations: { title: string; messages: { text: string }[] }[] };
    expect(archive.conversations[0]!.title).toBe(LONG);
    expect(archive.conversations[0]!.messages.map((m) => m.text)).toEqual(["hi"]);
  });

  it("a long unknown value after a Telegram chat type: recognised with the stronger rule", async () => {
    const best = await detect(chat(` "type": "private_supergroup",\n "about": "${"a".repeat(100_000)}",\n "id": 7`));
    expect(best?.reader.id).toBe("telegram-json");
    expect(best?.confidence).toBe(0.9);
  });

  it("a whole-account export without personal_information whose contacts fill the head: recognised and read", async () => {
    const contacts = Array.from({ length: 1500 }, (_, i) => `{"user_id": ${i + 10}, "first_name": "C${i}", "last_name": "", "phone_number": "", "date": "2024-01-01T10:00:00", "date_unixtime": "1704103200"}`).join(",\n   ");
    const chats = `"chats": {\n  "about": "This page lists all chats from this export.",\n  "list": [\n   {\n ${`"name": "Bob", "type": "personal_chat", "id": 5,\n ${MESSAGES}`}\n   }\n  ]\n }`;
    const about = ` "about": "Here is the data you requested. Remember: Telegram is ad free, it doesn't sell your data.",\n`;
    const body = ` "contacts": {\n  "about": "This page shows your contacts.",\n  "list": [\n   ${contacts}\n  ]\n },\n "frequent_contacts": {"about": "frequent", "list": []},\n ${chats}\n}\n`;
    const withAbout = `{\n${about}${body}`;
    expect(withAbout.length).toBeGreaterThan(128 * 1024);
    const best = await detect(withAbout);
    expect([best?.reader.id, best?.variant, best?.confidence]).toEqual(["telegram-json", "full-export", 0.95]);
    const noAbout = await detect(`{\n "profile_pictures": [],\n${body}`);
    expect([noAbout?.reader.id, noAbout?.confidence]).toEqual(["telegram-json", 0.7]);
    const diagnostics = new DiagnosticCollector();
    const archive = await readAll(memorySource("result.json", withAbout), builtinRegistry, { diagnostics });
    expect(archive.conversations.map((c) => [c.title, c.messages.length])).toEqual([["Bob", 1]]);
  });

  it("does not claim other JSON whose head is one long value", async () => {
    // QCE JSON and chatport JSON open with other keys; a name first with a foreign key after it is no chat object.
    const qce = `{\n  "metadata": {\n    "name": "${"q".repeat(100_000)}"\n  },\n  "chatInfo": {}, "messages": []\n}`;
    expect((await detect(qce, "qce.json"))?.reader.id).not.toBe("telegram-json");
    const other = `{"name": "n", "description": "${"d".repeat(100_000)}", "messages": []}`;
    expect((await detect(other, "x.json"))?.reader.id).not.toBe("telegram-json");
    // A short file that is all one name: nothing goes on past the head, nothing to claim.
    expect(await detect(`{"name": "${"n".repeat(100)}`, "x.json")).toBeUndefined();
  });
});

describe("readRootHead", () => {
  it("reads the root keys and where the head is cut", () => {
    expect(readRootHead(`{\n "name": "Bob",\n "type": "personal_chat",\n "id": 12,\n "messages": [ {"id": 1`)).toEqual({
      keys: [{ key: "name", value: "Bob" }, { key: "type", value: "personal_chat" }, { key: "id", value: 12 }, { key: "messages" }],
      cutIn: "messages",
    });
    expect(readRootHead(`{"name": "Bo\\"b and on`)).toEqual({ keys: [{ key: "name" }], cutIn: "name" });
    expect(readRootHead(`{"a": {"b": [1, "}"]}, "c": 12`)).toEqual({ keys: [{ key: "a" }, { key: "c", value: 12 }] });
    expect(readRootHead(`{"a": 1}`)).toBeUndefined();
    expect(readRootHead(`["a"`)).toBeUndefined();
    expect(readRootHead(`{"a" 1`)).toBeUndefined();
  });
});
