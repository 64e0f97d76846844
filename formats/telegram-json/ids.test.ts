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
