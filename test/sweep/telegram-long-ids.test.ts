/**
 * invalid-id with hostile values: a chat id of 100,000 digits was the conversation id, so it was copied
 * into every message's id and conversationId (a 100 KB id and 200 small messages: 40 MB of output); a
 * 1 MB from_id object was quoted whole in the diagnostic message, and a from_id with a line break or a
 * bidi control was quoted raw. Both the walker and the fast path.
 */
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { memorySource } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/index.js";
import { setFastSplitting } from "../../formats/telegram-json/fast-messages.js";

const LONG = "7".repeat(100_000);
const msg = (i: number, fromId: string) => `{"id": ${i}, "type": "message", "date_unixtime": "1704110400", "from": "A", "from_id": ${fromId}, "text": "t${i}"}`;

describe("telegram-json: long and odd ids", () => {
  for (const fast of [true, false])
    it(`a 100,000-digit chat id gives a short conversation id; messages quote values cut and escaped (${fast ? "fast path" : "walker"})`, async () => {
      setFastSplitting(fast);
      try {
        const big = `{"a": "${"x".repeat(20_000)}"}`;
        const text = `{"name": "G", "type": "private_group", "id": ${LONG}, "messages": [${[msg(1, '"user1"'), msg(2, big), msg(3, '"user1\\n\\u202eevil"'), msg(4, `"user${LONG}"`)].join(",")}]}`;
        const diagnostics = new DiagnosticCollector();
        const a = await readAll(memorySource("result.json", text), builtinRegistry, { from: "telegram-json", diagnostics });
        const conv = a.conversations[0]!;
        expect(conv.id).toMatch(/^tg:chat#[0-9a-f]{16}$/);
        expect(conv.extra?.telegramId).toBe(LONG);
        expect(conv.messages.map((m) => m.id)).toEqual([1, 2, 3, 4].map((n) => `${conv.id}:${n}`));
        const invalid = diagnostics.list().filter((d) => d.code === "invalid-id");
        expect(invalid.map((d) => d.place)).toEqual([{ pointer: "/id" }, { pointer: "/messages/1/from_id" }, { pointer: "/messages/2/from_id" }, { pointer: "/messages/3/from_id" }]);
        // The value is in raw (as far as the collector keeps raw text); the message quotes at most 64 characters of it.
        expect(invalid.map((d) => d.raw!.slice(0, 12))).toEqual(["777777777777", '{"a":"xxxxxx', "user1\n\u202eevil", "user77777777"]);
        for (const d of invalid) expect(d.message.length).toBeLessThan(400);
        expect(invalid[0]!.message).toContain(`chat id ${"7".repeat(64)}… (100000 characters) at /id`);
        expect(invalid[2]!.message).toContain('from_id "user1\\n\\u202eevil" at');
        expect(invalid[2]!.message).not.toMatch(/[\n\u202e]/);
      } finally {
        setFastSplitting(true);
      }
    });
});
