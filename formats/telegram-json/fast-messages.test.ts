/**
 * The fast message splitter must read every file exactly as the token walker alone does: same events,
 * same diagnostics (byte offsets included), wherever the chunk boundaries fall.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import type { InputSource } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/read-all.js";
import { fastStats, quoteBigIntegers, setFastSplitting } from "./fast-messages.js";

/** A source that yields its bytes in chunks of `size` (the reader must not care). */
function chunkedSource(name: string, text: string, size: number): InputSource {
  const bytes = new TextEncoder().encode(text);
  return {
    kind: "file",
    name,
    size: bytes.length,
    async head(n: number) {
      return bytes.subarray(0, n);
    },
    async *stream() {
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    },
  } as InputSource;
}

async function readBoth(text: string, size: number) {
  setFastSplitting(false);
  const slow = await readAll(chunkedSource("result.json", text, size), builtinRegistry, { from: "telegram-json" }).catch((e: Error) => e.message);
  setFastSplitting(true);
  const fast = await readAll(chunkedSource("result.json", text, size), builtinRegistry, { from: "telegram-json" }).catch((e: Error) => e.message);
  return { slow, fast };
}

afterEach(() => setFastSplitting(true));

const msg = (id: number | string, text: string, extra = ""): string =>
  `{"id": ${id}, "type": "message", "date": "2024-01-01T12:00:0${Number(String(id).slice(-1)) % 10}", "date_unixtime": "170411040${Number(String(id).slice(-1)) % 10}", "from": "A", "from_id": "user1", "text": ${JSON.stringify(text)}${extra}}`;

const CASES: Record<string, string> = {
  plain: `{"name": "X", "type": "personal_chat", "id": 7, "messages": [${[1, 2, 3].map((i) => msg(i, `t${i}`)).join(",\n ")}]}`,
  escapes: `{"name": "X", "type": "personal_chat", "id": 7, "messages": [${msg(1, 'a "quoted" \\ back}slash{ [x]')}, ${msg(2, "\\\\\"")}, {"id": 3, "type": "message", "date_unixtime": "1", "text": "ctl \\x07 and \\\\x41 \\"}"}]}`,
  bigIntegers: `{"name": "X", "type": "private_channel", "id": 12345678901234567890, "messages": [{"id": 98765432109876543210, "type": "message", "date_unixtime": "1704110400", "from": "A", "from_id": "channel98765432109876543210", "reply_to_message_id": 9007199254740993, "text": "12345678901234567890 in text", "n": 9007199254740991, "f": 1.5e300}]}`,
  truncated: `{"name": "X", "type": "personal_chat", "id": 7, "messages": [${msg(1, "one")}, ${msg(2, "two")}, {"id": 3, "type": "message", "text": "thr`,
  syntaxError: `{"name": "X", "type": "personal_chat", "id": 7, "messages": [${msg(1, "one")}, {"id": 2, "type": "message", "text": "two",}, ${msg(3, "three")}]}`,
  oddElements: `{"name": "X", "type": "personal_chat", "id": 7, "messages": [${msg(1, "one")}, 42, "str", null, [1], ${msg(2, "two")}]}`,
  headerAfter: `{"messages": [${msg(1, "one")}, ${msg(2, "two")}], "name": "Late", "type": "personal_chat", "id": 9}`,
  emptyArray: `{"name": "X", "type": "personal_chat", "id": 7, "messages": [ ]}`,
  nestedMessagesKey: `{"name": "X", "type": "personal_chat", "id": 7, "extra": {"messages": [1, 2]}, "messages": [${msg(1, "one", ', "messages": [{"id": 5}]')}]}`,
  fullAccount: `{"about": "a", "personal_information": {"user_id": 5}, "chats": {"about": "c", "list": [{"name": "A", "type": "personal_chat", "id": 1, "messages": [${msg(1, "a1")}, ${msg(2, "a2")}]}, {"name": "B", "type": "private_group", "id": 2, "messages": [${msg(1, "b1")}]}]}, "left_chats": {"list": [{"name": "C", "type": "private_supergroup", "id": 3, "messages": []}]}}`,
  trailingGarbage: `{"name": "X", "type": "personal_chat", "id": 7, "messages": [${msg(1, "one")}] } }`,
  deep: `{"name": "X", "type": "personal_chat", "id": 7, "messages": [${msg(1, "one")}, {"id": 2, "type": "message", "text": ${"[".repeat(300)}"deep"${"]".repeat(300)}}, ${msg(3, "three")}]}`,
  // Runs of escaped backslashes before quotes, cut at every place by the small chunk sizes (the \x filter
  // holds a trailing run back, so the splitter sees each run whole).
  backslashRuns: `{"name": "X", "type": "personal_chat", "id": 7, "messages": [${msg(1, '\\\\\\\\\\"' + "\\\\".repeat(3) + '"}x')}, ${msg(2, "\\\\\\\\")}, ${msg(3, '"\\"\\\\"')}]}`,
  overflowIds: `{"name": "X", "type": "personal_chat", "id": 7, "messages": [${msg(1, "one")}, ${msg("1e400", "a")}, ${msg("1e400", "b")}, ${msg("1" + "0".repeat(400), "c")}, ${msg("123456789012345678901234567890", "d")}, ${msg("1.5", "e")}, ${msg("-1E999", "f")}, ${msg(2, "two", ', "reply_to_message_id": 1e400')}]}`,
  duplicateMessagesKey: `{"name": "X", "type": "personal_chat", "id": 7, "messages": [${msg(1, "one")}, ${msg(2, "two")}], "messages": [${msg(3, "three")}, ${msg(1, "one again")}], "messages": []}`,
  protoKey: `{"name": "X", "type": "personal_chat", "id": 7, "messages": [{"id": 1, "type": "message", "date_unixtime": "1", "__proto__": {"x": 1}, "text": "p"}]}`,
};

/** A message as tdesktop lays it out: one key per line, text runs as indented objects. */
const pretty = (id: number | string, text: string, ind = "  ", extra = ""): string => {
  const i2 = ind + " ";
  const i3 = i2 + " ";
  return `${ind}{\n${i2}"id": ${id},\n${i2}"type": "message",\n${i2}"date": "2024-01-01T12:00:00",\n${i2}"date_unixtime": "1704110400",\n${i2}"from": "A",\n${i2}"from_id": "user1",${extra}\n${i2}"text": [\n${i3}${JSON.stringify(text)},\n${i3}{\n${i3} "type": "bold",\n${i3} "text": "b"\n${i3}}\n${i2}],\n${i2}"text_entities": [\n${i3}{\n${i3} "type": "plain",\n${i3} "text": ${JSON.stringify(text)}\n${i3}},\n${i3}{\n${i3} "type": "bold",\n${i3} "text": "b"\n${i3}}\n${i2}]\n${ind}}`;
};
const prettyChat = (name: string, id: number, msgs: string[], ind = ""): string =>
  `${ind}{\n${ind} "name": "${name}",\n${ind} "type": "personal_chat",\n${ind} "id": ${id},\n${ind} "messages": [\n${msgs.join(",\n")}\n${ind} ]\n${ind}}`;
const many = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i + 1));

/** Files laid out as tdesktop writes them, where whole runs of messages are parsed at once. */
const RUN_CASES: Record<string, string> = {
  prettyChat: prettyChat("X", 7, many(40, (i) => pretty(i, `t${i} },\n  { not a cut "quoted" \\`))),
  prettyFullAccount: `{\n "about": "a",\n "chats": {\n  "about": "c",\n  "list": [\n${many(6, (c) => prettyChat(`C${c}`, c, many(c * 3, (i) => pretty(i, `c${c} m${i}`, "     ")), "   ")).join(",\n")}\n  ]\n },\n "left_chats": {\n  "list": [\n${prettyChat("L", 99, many(5, (i) => pretty(i, `l${i}`, "     ")), "   ")}\n  ]\n }\n}`,
  prettySyntaxError: prettyChat("X", 7, many(30, (i) => (i === 17 ? pretty(i, "bad", "  ", '\n   "broken": ,') : pretty(i, `t${i}`)))),
  prettyOddElement: prettyChat("X", 7, many(30, (i) => (i === 12 ? "  42" : i === 20 ? '  "str"' : pretty(i, `t${i}`)))),
  prettyDeepElement: prettyChat("X", 7, many(30, (i) => (i === 15 ? pretty(i, "deep", "  ", `\n   "nest": ${"[".repeat(300)}1${"]".repeat(300)},`) : pretty(i, `t${i}`)))),
  prettyBigIntegers: prettyChat("X", 7, many(30, (i) => pretty(i === 9 ? "12345678901234567890" : i, `t${i}`, "  ", i === 21 ? '\n   "reply_to_message_id": 9007199254740993,' : i === 22 ? '\n   "n": 1e400,' : ""))),
  prettyOverflowIds: prettyChat("X", 7, many(30, (i) => pretty(i === 5 || i === 6 ? "1e400" : i === 7 ? "1" + "0".repeat(400) : i === 8 ? "1.5" : i, `t${i}`))),
  prettyDuplicateMessages: prettyChat("X", 7, many(30, (i) => pretty(i, `t${i}`))).replace(/\n}$/, `,\n "messages": [\n${many(30, (i) => pretty(i + 30, `u${i}`)).join(",\n")}\n ]\n}`),
  prettyMessagesKeyInside: prettyChat("X", 7, many(30, (i) => pretty(i, `t${i}`, "  ", i === 10 ? '\n   "messages": [1, 2],' : ""))),
  prettyTruncated: prettyChat("X", 7, many(30, (i) => pretty(i, `t${i}`))).slice(0, -200),
  prettyTrailingGarbage: prettyChat("X", 7, many(30, (i) => pretty(i, `t${i}`))) + "\n}",
  compactWithNestedSeparators: `{"name":"X","type":"personal_chat","id":7,"messages":[${many(30, (i) => `{"id":${i},"type":"message","date_unixtime":"1704110400","from":"A","from_id":"user1","text":"a},{b","text_entities":[{"type":"plain","text":"a},{b"},{"type":"bold","text":"x"}]}`).join(",")}]}`,
  prettyCrlf: prettyChat("X", 7, many(30, (i) => pretty(i, `t${i}`))).replace(/\n/g, "\r\n"),
};

describe("fast message splitter", () => {
  for (const [name, text] of Object.entries(RUN_CASES))
    it(`reads ${name} as the walker does, at every chunk size, with runs`, async () => {
      const before = fastStats.inRuns;
      for (const size of [1, 7, 64, 300, 1000, 4096, 1 << 16]) {
        const { slow, fast } = await readBoth(text, size);
        expect(fast, `chunk size ${size}`).toEqual(slow);
      }
      expect(fastStats.inRuns, "runs took part").toBeGreaterThan(before);
    });

  for (const [name, text] of Object.entries(CASES))
    it(`reads ${name} as the walker does, at every chunk size`, async () => {
      const before = fastStats.delivered;
      for (const size of [1, 2, 3, 5, 7, 11, 16, 31, 64, 1 << 16]) {
        const { slow, fast } = await readBoth(text, size);
        expect(fast, `chunk size ${size}`).toEqual(slow);
      }
      if (name !== "emptyArray") expect(fastStats.delivered, "the fast path took part").toBeGreaterThan(before);
    });

  it("judges backslash runs cut by chunk ends rightly: every message of backslashRuns goes the fast path", async () => {
    for (const size of [1, 2, 3, 5, 7, 11, 16, 31, 64, 1 << 16]) {
      const before = fastStats.delivered;
      await readBoth(CASES.backslashRuns!, size);
      expect(fastStats.delivered - before, `chunk size ${size}`).toBe(3);
    }
  });

  it("leaves an element nested 100 000 deep inside a run to the walker (no stack overflow elsewhere)", async () => {
    // An unknown type keeps the message's raw JSON: stringifying 100 000 levels overflowed the stack. The
    // walker builds no value past 256 levels (a marker stands in, reported), so every message is read.
    const deep = `{"id": 15, "type": "weird", "date_unixtime": "1704110400", "nest": ${"[".repeat(100_000)}1${"]".repeat(100_000)}}`;
    const text = prettyChat("X", 7, many(30, (i) => (i === 15 ? "  " + deep : pretty(i, `t${i}`))));
    const summary = (r: Awaited<ReturnType<typeof readAll>> | string) =>
      typeof r === "string" ? r : { ids: r.conversations.map((c) => c.messages.map((m) => m.id)), diagnostics: r.diagnostics.map((d) => `${d.code} ${d.message}`) };
    for (const size of [4096, 1 << 16, 1 << 20]) {
      const { slow, fast } = await readBoth(text, size);
      expect(summary(fast), `chunk size ${size}`).toEqual(summary(slow));
      expect(JSON.stringify(summary(slow))).not.toContain("truncated-input");
      expect(JSON.stringify(summary(slow))).toContain("oversized-record");
      expect((summary(slow) as { ids: string[][] }).ids.flat()).toHaveLength(30);
    }
  });

  it("reads the sample exports as the walker does", async () => {
    const root = join(import.meta.dirname, "../../samples/telegram-json");
    for (const c of readdirSync(root)) {
      const file = join(root, c, "input.json");
      if (!existsSync(file)) continue;
      const text = readFileSync(file, "utf8");
      for (const size of [7, 100, 4096]) {
        const { slow, fast } = await readBoth(text, size);
        expect(fast, `${c} at chunk size ${size}`).toEqual(slow);
      }
    }
  });

  it("quotes only integers a double cannot hold and literals beyond any double, outside strings", () => {
    expect(quoteBigIntegers('{"a": 12345678901234567890, "b": "99999999999999999999", "c": 9007199254740991, "d": -9007199254740993, "e": 1e400, "f": 12345678901234567.5, "g": -1E999, "h": 1.5e300}')).toBe(
      '{"a": "12345678901234567890", "b": "99999999999999999999", "c": 9007199254740991, "d": "-9007199254740993", "e": "1e400", "f": 12345678901234567.5, "g": "-1E999", "h": 1.5e300}',
    );
  });
});
