/**
 * whatsapp-txt writer against a peer parser (whatsapp-chat-parser, the library Telegram-import tools and
 * chat viewers use): the text it writes must parse back into the same messages, authors and texts,
 * multi-line messages and odd names included.
 */
import { describe, expect, it } from "vitest";
import { parseString } from "whatsapp-chat-parser";
import { builtinRegistry } from "../src/builtin.js";
import { memorySink } from "../src/io/sink.js";
import { memorySource } from "../src/io/source.js";
import { convert, readAll } from "../src/pipeline/index.js";

const NAMES = ["Alice", "Dr: Who", "a:\tb", "Zoë: the 2nd: junior", "Bob:", "x:y", "A - B", "+1 555 123 4567", "名字 张三", "👩🏻‍⚖️ Judge", "[admin] Carl", "Ann (work)", "12/12/2020, 10:00 - Eve"];
const TEXTS = ["hello", "multi\nline\nmessage", "line with: colon", "Dr: Who said", "  leading spaces", "emoji 👍🏽", "tab\there", "\nstarts with newline", "1/2/20, 10:00 - X: looks like a header"];

function telegramExport(): string {
  const messages = [];
  let id = 1;
  for (const [n, from] of NAMES.entries())
    for (const text of TEXTS) {
      messages.push({ id, type: "message", date: `2020-01-02T10:${String(id % 60).padStart(2, "0")}:00`, date_unixtime: String(1577959200 + id * 60), from, from_id: `user${n + 1}`, text });
      id++;
    }
  return JSON.stringify({ name: "Peer round trip", type: "personal_chat", id: 42, messages });
}

describe("whatsapp-txt writer → whatsapp-chat-parser", () => {
  it("parses back into the same count, authors and texts, names with ': ' included", async () => {
    const input = memorySource("result.json", telegramExport());
    const sink = memorySink("chat.txt");
    await convert(input, builtinRegistry, { from: "telegram-json", to: "whatsapp-txt", output: sink, generatedAt: "2024-01-01T00:00:00Z" });
    const written = Buffer.from(sink.bytes()).toString("utf8");
    const peer = parseString(written);
    expect(peer).toHaveLength(NAMES.length * TEXTS.length);
    let i = 0;
    for (const name of NAMES)
      for (const text of TEXTS) {
        const p = peer[i++]!;
        // The writer puts a zero-width space between a colon and a following space in names; it is invisible.
        expect(p.author?.replace(/\u200B/g, "")).toBe(name);
        expect(p.message.replace(/\n$/, "")).toBe(text);
      }
    // chatport's own reader reads the names back exactly.
    const back = await readAll(memorySource("_chat.txt", written), builtinRegistry, { from: "whatsapp-txt", readerOptions: { dateOrder: "dmy" } });
    const names = new Map(back.participants.map((p) => [p.id, p.displayName]));
    const msgs = back.conversations[0]!.messages;
    expect(msgs).toHaveLength(NAMES.length * TEXTS.length);
    expect(msgs.map((m) => names.get(m.senderId!))).toEqual(NAMES.flatMap((n) => TEXTS.map(() => n)));
    expect(msgs.map((m) => m.text)).toEqual(NAMES.flatMap(() => TEXTS));
  });
});
