/**
 * A chat object with the key "messages" twice: both arrays' messages were read, but silently and with
 * the same pointers (`/messages/0` twice). Every array is read, the later ones at pointers of their own
 * (`/messages[2]/0`), and `duplicate-key` names the key and the place; walker and fast path agree
 * (fast-messages.test.ts compares them at every chunk size).
 */
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { memorySource } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/read-all.js";
import { setFastSplitting } from "./fast-messages.js";

const msg = (id: number): string => `{"id": ${id}, "type": "message", "date_unixtime": "1704110400", "from": "A", "from_id": "user1", "text": "m${id}"}`;
const list = (ids: number[]): string => `[\n  ${ids.map(msg).join(",\n  ")}\n ]`;

async function read(text: string, fast: boolean) {
  setFastSplitting(fast);
  try {
    const diagnostics = new DiagnosticCollector();
    const a = await readAll(memorySource("result.json", text), builtinRegistry, { from: "telegram-json", diagnostics });
    return {
      messages: a.conversations.map((c) => c.messages.map((m) => [m.id, m.text, (m.provenance.at as { pointer: string }).pointer])),
      duplicates: diagnostics.list().filter((d) => d.code === "duplicate-key").map((d) => [d.message, d.place]),
    };
  } finally {
    setFastSplitting(true);
  }
}

describe('a chat with "messages" twice', () => {
  for (const fast of [true, false]) {
    it(`reads both arrays and reports the second (single chat, ${fast ? "fast path" : "walker"})`, async () => {
      const r = await read(`{"name": "X", "type": "personal_chat", "id": 7,\n "messages": ${list([1, 2, 3, 4])},\n "messages": ${list([5, 6, 7, 8])}\n}`, fast);
      expect(r.messages).toEqual([
        [1, 2, 3, 4].map((i) => [`tg:user7:${i}`, `m${i}`, `/messages/${i - 1}`]).concat([5, 6, 7, 8].map((i) => [`tg:user7:${i}`, `m${i}`, `/messages[2]/${i - 5}`])),
      ]);
      expect(r.duplicates).toEqual([[expect.stringMatching(/result\.json: the chat at \/ has the key "messages" twice .*array 2 is read too, its messages placed at \/messages\[2\]\/<index>/), { pointer: "/messages[2]" }]]);
    });

    it(`reads both arrays and reports the second (full-account export, ${fast ? "fast path" : "walker"})`, async () => {
      const chat = (id: number, a: number[], b: number[]) => `{"name": "C${id}", "type": "personal_chat", "id": ${id}, "messages": ${list(a)}, "messages": ${list(b)}}`;
      const r = await read(`{"chats": {"about": "", "list": [${chat(1, [1, 2, 3], [1, 4])}, ${chat(2, [9], [10, 11, 12])}]}}`, fast);
      expect(r.messages).toEqual([
        [["tg:user1:1", "m1", "/chats/list/0/messages/0"], ["tg:user1:2", "m2", "/chats/list/0/messages/1"], ["tg:user1:3", "m3", "/chats/list/0/messages/2"], ["tg:user1:1~4", "m1", "/chats/list/0/messages[2]/0"], ["tg:user1:4", "m4", "/chats/list/0/messages[2]/1"]],
        [["tg:user2:9", "m9", "/chats/list/1/messages/0"], ["tg:user2:10", "m10", "/chats/list/1/messages[2]/0"], ["tg:user2:11", "m11", "/chats/list/1/messages[2]/1"], ["tg:user2:12", "m12", "/chats/list/1/messages[2]/2"]],
      ]);
      expect(r.duplicates.map((d) => d[1])).toEqual([{ pointer: "/chats/list/0/messages[2]" }, { pointer: "/chats/list/1/messages[2]" }]);
    });
  }
});
