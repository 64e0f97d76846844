/**
 * Message ids that overflow a double (`1e400`, 400 digits) read as Infinity and became the id
 * "…:Infinity" (then "Infinity~2" …); a 1.5 became "…:1.5". Ids are now the source text of integers
 * (digits beyond 2^53 kept as text), and anything else gets an `invalid-id` diagnostic and a positional
 * id, the original in extra.id: no id is ever "Infinity" and no two messages share one, on the walker
 * and on the fast path (fast-messages.test.ts compares the two).
 */
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { memorySource } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/read-all.js";
import { setFastSplitting } from "./fast-messages.js";

const BIG = "1" + "0".repeat(400);
const msg = (id: string, text: string, more = ""): string => `{"id": ${id}, "type": "message", "date_unixtime": "1704110400", "from": "A", "from_id": "user1", "text": "${text}"${more}}`;
const FILE = `{"name": "X", "type": "personal_chat", "id": 7, "messages": [\n  ${[
  msg("1", "one"),
  msg("1e400", "a"),
  msg("1e400", "b"),
  msg(BIG, "c"),
  msg(BIG, "c again"),
  msg("123456789012345678901234567890", "d"),
  msg("1.5", "e"),
  msg("-1E999", "f"),
  msg("2", "two", ', "reply_to_message_id": 1e400'),
  msg("3", "three"),
  msg("4", "four"),
].join(",\n  ")}\n]}`;

describe("telegram message ids beyond a double", () => {
  for (const fast of [true, false])
    it(`are kept as their text or replaced with a report, never Infinity (${fast ? "fast path" : "walker"})`, async () => {
      setFastSplitting(fast);
      try {
        const diagnostics = new DiagnosticCollector();
        const a = await readAll(memorySource("result.json", FILE), builtinRegistry, { from: "telegram-json", diagnostics });
        const msgs = a.conversations[0]!.messages;
        expect(msgs.map((m) => [m.id, m.text])).toEqual([
          ["tg:user7:1", "one"],
          ["tg:user7:#2", "a"],
          ["tg:user7:#3", "b"],
          [`tg:user7:${BIG}`, "c"],
          [`tg:user7:${BIG}~5`, "c again"],
          ["tg:user7:123456789012345678901234567890", "d"],
          ["tg:user7:#7", "e"],
          ["tg:user7:#8", "f"],
          ["tg:user7:2", "two"],
          ["tg:user7:3", "three"],
          ["tg:user7:4", "four"],
        ]);
        expect(new Set(msgs.map((m) => m.id)).size).toBe(msgs.length);
        expect(msgs.map((m) => m.extra?.id)).toEqual([undefined, "1e400", "1e400", undefined, undefined, undefined, 1.5, "-1E999", undefined, undefined, undefined]);
        expect(msgs[8]!.replyTo).toBe("tg:user7:1e400");
        expect(JSON.stringify(a)).not.toMatch(/Infinity/);
        const invalid = diagnostics.list().filter((d) => d.code === "invalid-id");
        expect(invalid.map((d) => d.place)).toEqual([{ pointer: "/messages/1" }, { pointer: "/messages/2" }, { pointer: "/messages/6" }, { pointer: "/messages/7" }]);
        expect(invalid[0]!.message).toMatch(/message id 1e400 at \/messages\/1 is not an integer.*read as tg:user7:#2/);
        expect(diagnostics.list().filter((d) => d.code === "duplicate-id")).toHaveLength(1);
      } finally {
        setFastSplitting(true);
      }
    });
});

const PEERS = (chatId: string) => `{"name": "G", "type": "private_group", "id": ${chatId}, "messages": [\n  ${[
  `{"id": 1, "type": "message", "date_unixtime": "1704110400", "from": "A", "from_id": 1e400, "text": "a"}`,
  `{"id": 2, "type": "message", "date_unixtime": "1704110401", "from": "B", "from_id": 123456789012345678901234567890, "text": "b"}`,
  `{"id": 3, "type": "message", "date_unixtime": "1704110402", "from": "C", "from_id": 1.5, "text": "c"}`,
  `{"id": 4, "type": "service", "date_unixtime": "1704110403", "actor": "D", "actor_id": "user99999999999999999999", "action": "invite_members", "text": ""}`,
  `{"id": 5, "type": "message", "date_unixtime": "1704110404", "from": "E", "from_id": "user5", "text": "fine"}`,
  `{"id": 6, "type": "message", "date_unixtime": "1704110405", "from": "F", "from_id": 4294967302, "text": "legacy, fine"}`,
].join(",\n  ")}\n]}`;

describe("telegram from_id / actor_id / chat id beyond a double", () => {
  for (const fast of [true, false])
    it(`are read as their text and reported as invalid-id with pointer and value (${fast ? "fast path" : "walker"})`, async () => {
      setFastSplitting(fast);
      try {
        const diagnostics = new DiagnosticCollector();
        const a = await readAll(memorySource("result.json", PEERS("1e400")), builtinRegistry, { from: "telegram-json", diagnostics });
        const conv = a.conversations[0]!;
        expect(conv.id).toBe("tg:chat1e400");
        expect(conv.extra?.telegramId).toBe("1e400");
        expect(conv.messages.map((m) => m.senderId)).toEqual([
          "tg:1e400",
          "tg:peer123456789012345678901234567890",
          "tg:name:C",
          "tg:user99999999999999999999",
          "tg:user5",
          "tg:chat6",
        ]);
        expect(conv.messages.map((m) => m.extra?.from_id ?? m.extra?.actor_id)).toEqual(["1e400", "123456789012345678901234567890", 1.5, "user99999999999999999999", undefined, undefined]);
        const invalid = diagnostics.list().filter((d) => d.code === "invalid-id");
        expect(invalid.map((d) => [d.place, d.raw])).toEqual([
          [{ pointer: "/id" }, "1e400"],
          [{ pointer: "/messages/0/from_id" }, "1e400"],
          [{ pointer: "/messages/1/from_id" }, "123456789012345678901234567890"],
          [{ pointer: "/messages/2/from_id" }, "1.5"],
          [{ pointer: "/messages/3/actor_id" }, "user99999999999999999999"],
        ]);
        expect(invalid[0]!.message).toMatch(/^result\.json: chat id 1e400 at \/id is not a whole number .*read as tg:chat1e400/);
        expect(invalid[1]!.message).toMatch(/from_id 1e400 at \/messages\/0\/from_id is no Telegram peer id .*sender was read as tg:1e400, the original kept in extra\.from_id\./);
        expect(invalid[3]!.message).toMatch(/sender was read by name/);
      } finally {
        setFastSplitting(true);
      }
    });

  it("a chat id of 30 digits is reported too; ordinary ids are not", async () => {
    const diagnostics = new DiagnosticCollector();
    await readAll(memorySource("result.json", PEERS("123456789012345678901234567890")), builtinRegistry, { from: "telegram-json", diagnostics });
    expect(diagnostics.list().filter((d) => d.code === "invalid-id").map((d) => d.place)).toEqual(["/id", "/messages/0/from_id", "/messages/1/from_id", "/messages/2/from_id", "/messages/3/actor_id"].map((pointer) => ({ pointer })));
    const clean = new DiagnosticCollector();
    await readAll(memorySource("result.json", PEERS("7").replace(/"from_id": [^,]*,/g, '"from_id": "user1",').replace("user99999999999999999999", "user9")), builtinRegistry, { from: "telegram-json", diagnostics: clean });
    expect(clean.list().filter((d) => d.code === "invalid-id")).toEqual([]);
  });
});
