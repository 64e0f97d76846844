import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { isChatportError } from "../../src/diagnostics/errors.js";
import { memorySource, memoryTree, type InputSource, type InputTree } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/read-all.js";
import { buildProbe } from "../../src/pipeline/probe.js";
import { detectTelegramJson } from "./detect.js";
import { XEscapeFilter } from "./escapes.js";
import { TOO_DEEP_MARK } from "./json-walk.js";
import { HEADER_WAIT_LIMIT } from "./session.js";

async function read(input: InputSource | InputTree, opts: { readerOptions?: Record<string, unknown>; tz?: string } = {}) {
  let accounting: Record<string, number> = {};
  const diagnostics = new DiagnosticCollector();
  const archive = await readAll(input, builtinRegistry, { from: "telegram-json", diagnostics, onAccounting: (a) => (accounting = a), ...opts });
  const messages = archive.conversations.flatMap((c) => c.messages);
  expect(accounting.itemsRead).toBe(accounting.itemsInMessages! + accounting.itemsStructural! + accounting.itemsReported!);
  return { archive, messages, accounting, codes: archive.diagnostics.map((d) => d.code) };
}

const m = (id: number, extra: Record<string, unknown> = {}) => ({ id, type: "message", date: "2024-01-01T12:00:00", date_unixtime: "1704110400", from: "A", from_id: "user1", text: `m${id}`, ...extra });

describe("XEscapeFilter", () => {
  const run = (chunks: string[]) => {
    const f = new XEscapeFilter();
    const out = chunks.map((c) => f.push(c)).join("") + f.flush();
    return { out, fixed: f.fixed, invalid: f.invalid };
  };
  it("turns \\xHH into \\u00HH only after an odd run of backslashes", () => {
    expect(run(['"a\\x1Fb"'])).toEqual({ out: '"a\\u001Fb"', fixed: 1, invalid: 0 });
    expect(run(['"C:\\\\x41"'])).toEqual({ out: '"C:\\\\x41"', fixed: 0, invalid: 0 });
    expect(run(['"\\\\\\x1b"'])).toEqual({ out: '"\\\\\\u001b"', fixed: 1, invalid: 0 });
    expect(run(['"\\xZZ"'])).toEqual({ out: '"\\\\xZZ"', fixed: 0, invalid: 1 });
    expect(JSON.parse(run(['"\\\\\\x1b \\x07"']).out)).toBe("\\\u001b \u0007");
  });
  it("gives the same result wherever a chunk boundary falls", () => {
    const text = '{"a": "x\\x1F\\\\x41\\\\\\x07 end\\\\", "b": "\\x1"}';
    const whole = run([text]).out;
    for (let i = 0; i <= text.length; i++)
      for (let j = i; j <= text.length; j += 3) expect(run([text.slice(0, i), text.slice(i, j), text.slice(j)]).out, `split at ${i}/${j}`).toBe(whole);
  });
});

describe("telegram-json reader", () => {
  it("reads the export folder zipped: result.json and its media from the zip", async () => {
    const { rawZip } = await import("../../test/helpers/raw-zip.js");
    const photo = new Uint8Array([0xff, 0xd8, 0xff, 1, 2]);
    const json = JSON.stringify({ name: "Z", type: "personal_chat", id: 1, messages: [m(1, { photo: "photos/a.jpg" }), m(2)] });
    const zip = rawZip([{ name: "ChatExport/result.json", data: new TextEncoder().encode(json), deflate: true }, { name: "ChatExport/photos/a.jpg", data: photo }]);
    const probe = await buildProbe(memorySource("ChatExport.zip", zip));
    expect(builtinRegistry.detect(probe)[0]?.reader.id).toBe("telegram-json");
    const { messages } = await read(memorySource("ChatExport.zip", zip));
    expect(messages.map((x) => x.text)).toEqual(["m1", "m2"]);
    expect(messages[0]!.attachments[0]).toMatchObject({ availability: "present", path: "ChatExport/photos/a.jpg", bytes: 5 });
  });

  it("reports a date_unixtime past the year 9999 and keeps the date as wall clock (it was dropped silently)", async () => {
    const json = JSON.stringify({ name: "K", type: "personal_chat", id: 1, messages: [m(1, { date: "9999-12-31T23:59:59", date_unixtime: "253402300799" })] });
    const { messages, archive } = await read(memorySource("result.json", json));
    expect(messages[0]!.sentAt).toMatchObject({ wall: "9999-12-31T23:59:59", basis: "floating" });
    expect(archive.diagnostics.find((d) => d.code === "invalid-timestamp")?.message).toContain("unreadable date_unixtime value");
  });

  it("keeps text runs it cannot read even when text_entities is there (they were dropped silently)", async () => {
    const json = JSON.stringify({ name: "K", type: "personal_chat", id: 1, messages: [m(1, { text: [["SECRET2"]], text_entities: [] })] });
    const { messages, codes } = await read(memorySource("result.json", json));
    expect(JSON.stringify(messages[0]!.extra)).toContain("SECRET2");
    expect(codes).toContain("unknown-element");
  });

  it("keeps the messages of a file with a value nested 100,000 levels deep, the value replaced by a marker and reported", async () => {
    const deep = "[".repeat(100_000) + '"x"' + "]".repeat(100_000);
    const json = `{"name":"Deep","type":"personal_chat","id":1,"messages":[${JSON.stringify(m(1))},${JSON.stringify(m(2)).replace('"text":"m2"', `"text":"m2","reply_markup":${deep}`)},${JSON.stringify(m(3))}]}`;
    const { messages, archive } = await read(memorySource("result.json", json));
    expect(messages.map((x) => x.text)).toEqual(["m1", "m2", "m3"]);
    expect(JSON.stringify(messages[1]!.extra)).toContain(TOO_DEEP_MARK);
    expect(archive.diagnostics.find((d) => d.code === "oversized-record")?.message).toContain("1 value(s) nested more than 256 levels deep");
    expect(archive.diagnostics.map((d) => d.code)).not.toContain("truncated-input");
  });

  it("reads a file whose messages straddle 64 KiB chunk boundaries, with \\xHH at the boundary", async () => {
    const msgs = [];
    for (let i = 1; i <= 400; i++) msgs.push(m(i, { text: `${"é".repeat(i % 97)}\u0001${"x".repeat(200)}👋` }));
    const head = '{"name":"Big","type":"personal_chat","id":1,"messages":[{"id":0,"type":"message","date_unixtime":"1","from":"A","from_id":"user1","text":"';
    // memorySource yields 64 KiB chunks: the first chunk ends between "\x" and "01".
    const first = head + "P".repeat(65534 - head.length) + '\\x01"},';
    expect(first.indexOf("\\x01")).toBe(65534);
    const json = first + JSON.stringify(msgs).slice(1).replace(/\\u0001/g, "\\x01") + "}";
    const { messages, codes, archive } = await read(memorySource("result.json", json));
    expect(messages).toHaveLength(401);
    expect(messages[0]!.text).toBe("P".repeat(65534 - head.length) + "\u0001");
    expect(messages[400]!.text).toBe(`${"é".repeat(400 % 97)}\u0001${"x".repeat(200)}👋`);
    expect(codes).toContain("json-escape-repaired");
    expect(archive.diagnostics.find((d) => d.code === "json-escape-repaired")!.message).toContain("401");
  });

  it("holds messages until a late header arrives, then restates it at conversation end", async () => {
    const { archive, messages } = await read(memorySource("result.json", JSON.stringify({ messages: [m(1), m(2)], name: "Late", type: "public_channel", id: 55 })));
    expect(archive.conversations[0]).toMatchObject({ id: "tg:channel55", kind: "channel", title: "Late" });
    expect(messages.map((x) => x.id)).toEqual(["tg:channel55:1", "tg:channel55:2"]);
  });

  it("stops holding after the limit: positional id, header restated at the end, a diagnostic", async () => {
    const many = Array.from({ length: HEADER_WAIT_LIMIT + 5 }, (_, i) => m(i + 1));
    const { archive, messages, codes } = await read(memorySource("result.json", JSON.stringify({ messages: many, name: "Later", type: "private_supergroup", id: 77 })));
    expect(messages).toHaveLength(HEADER_WAIT_LIMIT + 5);
    expect(archive.conversations[0]).toMatchObject({ id: "tg:chat", kind: "group", title: "Later", extra: { telegramId: "77" } });
    expect(codes).toContain("unrecognized-record");
  });

  it("reads every chat of a full export, skips other sections structurally, marks the exporting user", async () => {
    const full = {
      about: "x",
      personal_information: { user_id: 1, first_name: "A" },
      contacts: { about: "c", list: [{ user_id: 2, first_name: "B" }] },
      frequent_contacts: { about: "f", list: [] },
      chats: { about: "chats", list: [{ name: "B", type: "personal_chat", id: 2, messages: [m(1), m(2, { from: "B", from_id: "user2" })] }, 5, { name: "G", type: "private_group", id: 3, messages: [m(9)] }] },
      left_chats: { about: "left", list: [{ name: "C", type: "public_channel", id: 4, messages: [] }] },
      sessions: { about: "s", list: [{ ip: "x" }] },
    };
    const { archive, accounting, codes } = await read(memorySource("result.json", JSON.stringify(full)));
    expect(archive.conversations.map((c) => [c.id, c.messages.length])).toEqual([["tg:user2", 2], ["tg:chat3", 1], ["tg:channel4", 0]]);
    expect(accounting).toEqual({ itemsRead: 3 + 3 + 1 + 5, itemsInMessages: 3, itemsStructural: 3 + 5, itemsReported: 1 });
    expect(archive.participants.find((p) => p.id === "tg:user1")?.isSelf).toBe(true);
    expect(archive.participants.find((p) => p.id === "tg:user2")?.isSelf).toBeUndefined();
    expect(codes).toEqual(["unrecognized-record"]);
  });

  it("keeps unexpected root keys of a single chat, reports a non-array messages or list", async () => {
    const one = await read(memorySource("result.json", JSON.stringify({ name: "X", type: "personal_chat", id: 2, is_pinned: true, messages: [m(1)] })));
    expect(one.archive.conversations[0]!.extra).toEqual({ telegramId: "2", telegramType: "personal_chat", is_pinned: true });
    const badParts = { chats: { about: "a", list: { oops: 1 } }, left_chats: { list: [{ name: "Y", messages: "none" }] } };
    // Nothing but what could not be read: not a usable export (exit 4), not an empty chat.
    await expect(read(memorySource("result.json", JSON.stringify(badParts)))).rejects.toMatchObject({ kind: "unknown-format", message: expect.stringContaining("no message could be read as telegram-json; 2 line(s) or record(s) were not recognised") });
    const good = { name: "Z", type: "personal_chat", id: 3, messages: [m(1)] };
    const bad = await read(memorySource("result.json", JSON.stringify({ ...badParts, left_chats: { list: [...badParts.left_chats.list, good] } })));
    expect(bad.accounting).toEqual({ itemsRead: 5, itemsInMessages: 1, itemsStructural: 2, itemsReported: 2 }); // chats Y and Z, Z's message; the list object and Y's messages
    expect(bad.codes).toEqual(["unrecognized-record", "unrecognized-record"]);
  });

  it("marks self from the self option, by id or by name", async () => {
    const json = JSON.stringify({ name: "B", type: "personal_chat", id: 2, messages: [m(1), m(2, { from: "B", from_id: "user2" })] });
    const byId = await read(memorySource("result.json", json), { readerOptions: { self: "1" } });
    expect(byId.archive.participants.map((p) => p.isSelf ?? false)).toEqual([true, false]);
    const byName = await read(memorySource("result.json", json), { readerOptions: { self: "B" } });
    expect(byName.archive.participants.map((p) => p.isSelf ?? false)).toEqual([false, true]);
  });

  it("keeps integers beyond 2^53 as their digits", async () => {
    const json = `{"name":"X","type":"public_channel","id":12345678901234567890,"messages":[{"id":1,"type":"message","date_unixtime":"1","from":"A","from_id":"user1","text":"t","document_id":98765432109876543210}]}`;
    const { archive, messages } = await read(memorySource("result.json", json));
    expect(archive.conversations[0]!.id).toBe("tg:channel12345678901234567890");
    expect(messages[0]!.extra?.document_id).toBe("98765432109876543210");
  });

  it("a service message's date-only time is floating, and assumed-zone with --tz", async () => {
    const json = JSON.stringify({ name: "X", type: "personal_chat", id: 2, messages: [{ id: 1, type: "service", date: "2021-03-28T02:30:00", actor: "A", actor_id: 3, action: "phone_call", discard_reason: "missed" }] });
    const floating = await read(memorySource("result.json", json));
    expect(floating.messages[0]!).toMatchObject({ kind: "call", senderId: "tg:user3", sentAt: { basis: "floating", wall: "2021-03-28T02:30:00" }, extra: { discard_reason: "missed" } });
    expect(floating.codes).toEqual(["timezone-floating"]);
    const placed = await read(memorySource("result.json", json), { tz: "Europe/Berlin" });
    expect(placed.messages[0]!.sentAt).toMatchObject({ basis: "assumed-zone", zone: "Europe/Berlin", utc: "2021-03-28T01:30:00Z" }); // 02:30 does not exist that night: moved forward
    expect(placed.codes).toEqual(["timezone-gap"]);
  });

  it("keeps a date that disagrees with date_unixtime in extra and reports it", async () => {
    const json = JSON.stringify({ name: "X", type: "personal_chat", id: 2, messages: [m(1, { date: "2024-01-03T12:00:00" })] });
    const { messages, codes } = await read(memorySource("result.json", json));
    expect(messages[0]!.sentAt).toEqual({ raw: "1704110400", utc: "2024-01-01T12:00:00Z", basis: "exact", precision: "second" });
    expect(messages[0]!.extra?.date).toBe("2024-01-03T12:00:00");
    expect(codes).toEqual(["invalid-timestamp"]);
  });

  it("reads an export folder: finds result.json one level down, hashes present media", async () => {
    const tree = memoryTree("export", {
      "ChatExport_2024-01-01/result.json": JSON.stringify({ name: "X", type: "personal_chat", id: 2, messages: [m(1, { photo: "photos/a.jpg" }), m(2, { file: "files/b.pdf", file_name: "b.pdf" })] }),
      "ChatExport_2024-01-01/photos/a.jpg": "abc",
    });
    const probe = await buildProbe(tree);
    expect(detectTelegramJson(probe)?.variant).toBe("folder");
    const { messages, codes } = await read(tree);
    expect(messages[0]!.attachments[0]).toMatchObject({ availability: "present", path: "ChatExport_2024-01-01/photos/a.jpg", bytes: 3, sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" });
    expect(messages[1]!.attachments[0]).toMatchObject({ availability: "missing", fileName: "b.pdf" });
    expect(messages[0]!.provenance.file).toBe("export/ChatExport_2024-01-01/result.json");
    expect(codes).toEqual(["attachment-missing"]);
  });

  it("fails cleanly on non-JSON and on a folder without result.json", async () => {
    for (const input of [memorySource("result.json", "hello world"), memorySource("result.json", "  \n"), memoryTree("d", { "a.txt": "x" }), memorySource("result.json", "[1,2]")]) {
      const err = await read(input).then(() => undefined, (e: unknown) => e);
      expect(isChatportError(err), String(err)).toBe(true);
    }
  });

  it("fails cleanly (input-damaged) when a syntax error or the end comes before the first message", async () => {
    const whole = JSON.stringify({ name: "X", type: "personal_chat", id: 2, messages: [m(1), m(2)] });
    for (const json of [whole.replace('"messages":[', '"messages":[\u0000'), whole.slice(0, whole.indexOf('"messages":[') + 14)]) {
      const err = await read(memorySource("result.json", json)).then(() => undefined, (e: unknown) => e);
      expect(isChatportError(err), String(err)).toBe(true);
      expect((err as { kind: string }).kind).toBe("input-damaged");
      expect((err as Error).message).toMatch(/^result\.json: reading stopped at .* before any message could be read/);
    }
  });

  it("reports a syntax error in the middle and keeps what came before", async () => {
    const json = JSON.stringify({ name: "X", type: "personal_chat", id: 2, messages: [m(1), m(2)] }).replace('"m2"', '"m2" oops');
    const { messages, codes, archive } = await read(memorySource("result.json", json));
    expect(messages.map((x) => x.text)).toEqual(["m1"]);
    expect(codes).toEqual(["truncated-input"]);
    expect(archive.diagnostics[0]!.message).toContain("syntax error");
  });
});

describe("telegram-json detection", () => {
  const probe = (text: string) => ({ name: "x.json", extension: ".json", size: text.length, head: new TextEncoder().encode(text), text });
  it("claims Telegram shapes", () => {
    expect(detectTelegramJson(probe('{\n "name": "A",\n "type": "personal_chat",\n "id": 1,\n "messages": [')))?.toMatchObject({ variant: "single-chat" });
    expect(detectTelegramJson(probe('{\n "about": "Here is the data",\n "personal_information": {\n "user_id": 1')))?.toMatchObject({ variant: "full-export" });
    expect(detectTelegramJson(probe('{"chats": {"about": "x", "list": [{"name": "A", "messages": [')))?.toMatchObject({ variant: "full-export" });
    expect(detectTelegramJson(probe('{"messages": [{"id": 1, "type": "message", "date": "2019-01-01T10:00:00", "from": "A", "from_id": 5, "text": "x"}]}'))?.confidence).toBeGreaterThanOrEqual(0.5);
  });
  it("leaves other JSON alone", () => {
    expect(detectTelegramJson(probe('{"metadata": {"name": "QQChatExporter"}, "chatInfo": {}, "statistics": {}, "messages": [{"type": "message"'))).toBeNull();
    expect(detectTelegramJson(probe('{"guild": {"id": "0"}, "channel": {}, "messages": [{"id": "1", "type": "Default"'))).toBeNull();
    expect(detectTelegramJson(probe('{"participants": [{"name": "A"}], "messages": [{"sender_name": "A", "timestamp_ms": 1}]}'))).toBeNull();
    expect(detectTelegramJson(probe('{"messages": [{"text": "hi", "date": "yesterday"}]}'))).toBeNull();
    expect(detectTelegramJson(probe('[{"type": "message", "ts": "1.2"}]'))).toBeNull();
    // chatport's own JSON of a Telegram chat keeps Telegram keys in extra
    expect(detectTelegramJson(probe('{"schemaVersion": "1.0.0", "conversations": [{"extra": {"telegramType": "personal_chat"}, "messages": [{"id": "tg:user1:1", "sentAt": {}, "extra": {"date_unixtime": "1", "from_id": "user1"}}]}]}'))).toBeNull();
  });
});
