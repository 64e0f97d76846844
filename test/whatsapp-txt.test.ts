/** whatsapp-txt reader: date-order inference over the whole file, bodies, participants, accounting. */
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { DiagnosticCollector } from "../src/diagnostics/collector.js";
import { memorySource, memoryTree } from "../src/io/source.js";
import { sha256Hex } from "../src/io/hash.js";
import type { Archive, Message } from "../src/model/index.js";
import { readAll } from "../src/pipeline/index.js";
import { assertAccounting, assertReaderContract } from "./helpers/contract.js";
import { readBoth } from "./helpers/read.js";

async function read(text: string, opts: { dateOrder?: string; self?: string; tz?: string; name?: string } = {}) {
  let accounting: Record<string, number> = {};
  const diagnostics = new DiagnosticCollector();
  const readerOptions: Record<string, unknown> = {};
  if (opts.dateOrder) readerOptions.dateOrder = opts.dateOrder;
  if (opts.self) readerOptions.self = opts.self;
  const archive = await readAll(memorySource(opts.name ?? "WhatsApp Chat with Ann.txt", text), builtinRegistry, {
    from: "whatsapp-txt",
    readerOptions,
    diagnostics,
    ...(opts.tz ? { tz: opts.tz } : {}),
    onAccounting: (a) => (accounting = a),
  });
  return { archive, accounting, messages: archive.conversations[0]?.messages ?? [], codes: archive.diagnostics.map((d) => d.code) };
}

const walls = (ms: Message[]) => ms.map((m) => m.sentAt.wall);

describe("date order, decided over the whole file", () => {
  it("finds a day over 12 far beyond the 64 KiB head", async () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push(`0${1 + (i % 9)}/0${1 + Math.floor(i / 1000)}/21, 10:${String(i % 60).padStart(2, "0")} - Ann: message number ${i} with some padding text`);
    lines.push("25/03/21, 11:00 - Bob: the only decisive date");
    const text = lines.join("\n");
    expect(text.length).toBeGreaterThan(64 * 1024 + 10_000);
    const { messages, codes, archive } = await read(text);
    expect(messages).toHaveLength(3001);
    expect(codes).not.toContain("date-order-undecidable");
    expect(messages[1]!.sentAt.wall).toBe("2021-01-02T10:01"); // 02/01 read day first
    expect(messages[3000]!.sentAt.wall).toBe("2021-03-25T11:00");
    expect(archive.conversations[0]!.extra).toMatchObject({ dateOrder: "dmy" });
  });

  it("uses the date inside an attachment name (IMG-YYYYMMDD-WA…)", async () => {
    const { messages, codes } = await read("06/07/19, 10:00 - Ann: IMG-20190706-WA0001.jpg (file attached)\nnice view\n06/07/19, 10:01 - Bob: wow");
    expect(codes).not.toContain("date-order-undecidable");
    expect(messages[0]!.sentAt.wall).toBe("2019-07-06T10:00");
    expect(messages[0]!.kind).toBe("image");
    expect(messages[0]!.text).toBe("nice view");
    expect(messages[0]!.attachments[0]).toMatchObject({ fileName: "IMG-20190706-WA0001.jpg", availability: "missing", kind: "image", mediaType: "image/jpeg" });
  });

  it("uses the iOS attachment name (NNNNNNNN-PHOTO-YYYY-MM-DD-…) the other way round", async () => {
    const { messages } = await read("[06/07/19, 10:00:15] Ann: <attached: 00000001-PHOTO-2019-06-07-10-00-15.jpg>\n[06/07/19, 10:01:00] Bob: ok");
    expect(messages[0]!.sentAt.wall).toBe("2019-06-07T10:00:15");
  });

  it("uses ordering consistency when no number is over 12", async () => {
    const text = ["01/02/20, 10:00 - Ann: a", "02/02/20, 10:00 - Bob: b", "03/02/20, 10:00 - Ann: c", "01/03/20, 10:00 - Bob: d", "02/03/20, 10:00 - Ann: e"].join("\n");
    const { messages, codes } = await read(text);
    expect(codes).not.toContain("date-order-undecidable");
    expect(walls(messages)).toEqual(["2020-02-01T10:00", "2020-02-02T10:00", "2020-02-03T10:00", "2020-03-01T10:00", "2020-03-02T10:00"]);
  });

  it("says so when nothing decides, and --date-order overrides", async () => {
    const text = "12/9/20, 23:55 - Bob: hello\n12/9/20, 23:56 - Eve: hi";
    const guessed = await read(text);
    expect(guessed.codes).toContain("date-order-undecidable");
    expect(guessed.messages[0]!.sentAt.wall).toBe("2020-12-09T23:55"); // unpadded M/D/YY: the US guess
    const forced = await read(text, { dateOrder: "dmy" });
    expect(forced.codes).not.toContain("date-order-undecidable");
    expect(forced.messages[0]!.sentAt.wall).toBe("2020-09-12T23:55");
    const padded = await read("05/06/2020, 10:00 - Bob: hello\n05/06/2020, 10:01 - Eve: hi");
    expect(padded.codes).toContain("date-order-undecidable");
    expect(padded.messages[0]!.sentAt.wall).toBe("2020-06-05T10:00"); // padded dd/mm/yyyy: day first
  });

  it("needs no decision when every date reads the same either way", async () => {
    const { codes } = await read("1/1/21, 12:00 - A: Hi\n1/1/21, 12:01 - B: Whats up?");
    expect(codes).not.toContain("date-order-undecidable");
  });
});

describe("a line shaped like a header with an impossible time", () => {
  it("stays a line of the message before it, and is reported with its place", async () => {
    const text = ["[04/01/2023, 10:00:00] Ann: one", "[04/01/2023, 25:61:00] Jane: bad time", "1/4/23, 99:99 PM - Luke: also bad", "just a second line", "[04/01/2023, 10:01:00] Jane: two"].join("\n");
    const { messages, archive } = await read(text);
    expect(messages.map((m) => m.text)).toEqual(["one\n[04/01/2023, 25:61:00] Jane: bad time\n1/4/23, 99:99 PM - Luke: also bad\njust a second line", "two"]);
    const reported = archive.diagnostics.filter((d) => d.code === "invalid-timestamp");
    expect(reported.map((d) => [d.place, d.raw])).toEqual([
      [{ line: 2 }, "[04/01/2023, 25:61:00] Jane: bad time"],
      [{ line: 3 }, "1/4/23, 99:99 PM - Luke: also bad"],
    ]);
  });
});

describe("years with no era marker", () => {
  it("2400–2799 are Thai Buddhist; a year far past them (9999 in a damaged file) is kept as written", async () => {
    const { messages } = await read(["[31/12/2566, 10:00:00] Ann: BE", "[31/12/9999, 23:59:59] Ann: far"].join("\n"));
    expect(walls(messages)).toEqual(["2023-12-31T10:00:00", "9999-12-31T23:59:59"]);
  });
});

describe("lines and bodies", () => {
  const chat = [
    "\uFEFF15/03/2021, 09:00 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.",
    "15/03/2021, 09:01 - Ann: first line",
    "",
    "2016-04-29 10:30:00",
    "[15/03/2021, 09:01:30] Bob: an iOS line pasted into the text",
    "15/03/2021, 09:02 - Bob: <Media omitted>",
    "a caption",
    "15/03/2021, 09:03 - Ann: This message was deleted",
    "15/03/2021, 09:04 - Bob: You deleted this message",
    "15/03/2021, 09:05 - Ann: fixed typo <This message was edited>",
    "15/03/2021, 09:06 - Ann: POLL:",
    "Lunch?",
    "OPTION: Pizza (2 votes)",
    "OPTION: Salad (1 vote)",
    "15/03/2021, 09:07 - Bob: Missed voice call",
    "15/03/2021, 09:08 - Bob: location: https://maps.google.com/?q=51.50,-0.12",
    "15/03/2021, 09:09 - \u202A+44 7700\u00A0900123\u202C: who am I",
    "15/03/2021, 09:10 - Ann added \u202A+44 7700\u00A0900123\u202C",
    "15/03/2021, 09:11 - Ann created group \"a: b\"",
    "15/03/2021, 09:12 - Ann: Alex.vcf (file attached)",
    "",
    "",
  ].join("\n");

  it("splits messages, keeps continuation lines that look like other headers, and classifies bodies", async () => {
    const { messages, accounting, archive } = await read(chat, { self: "Ann" });
    expect(messages.map((m) => m.kind)).toEqual(["system", "text", "file", "text", "text", "text", "poll", "call", "location", "text", "system", "system", "contact"]);
    expect(messages[0]!.senderId).toBeNull();
    expect(messages[1]!.text).toBe("first line\n\n2016-04-29 10:30:00\n[15/03/2021, 09:01:30] Bob: an iOS line pasted into the text");
    expect(messages[1]!.provenance.at).toEqual({ line: 2, endLine: 5 });
    expect(messages[2]!).toMatchObject({ text: "a caption", attachments: [{ kind: "other", availability: "omitted" }] });
    expect(messages[3]!).toMatchObject({ status: "deleted", text: "", extra: { deletedBy: "sender" } });
    expect(messages[4]!).toMatchObject({ status: "deleted", extra: { deletedBy: "self" } });
    expect(messages[5]!).toMatchObject({ text: "fixed typo", extra: { edited: true } });
    expect(messages[6]!.extra).toEqual({ poll: { question: "Lunch?", options: [{ text: "Pizza", votes: 2 }, { text: "Salad", votes: 1 }] } });
    expect(messages[8]!.extra).toEqual({ location: { url: "https://maps.google.com/?q=51.50,-0.12", latitude: 51.5, longitude: -0.12 } });
    expect(messages[9]!.senderId).toBe("whatsapp:phone:+447700900123");
    expect(messages[11]!).toMatchObject({ senderId: null, text: 'Ann created group "a: b"' });
    expect(messages[12]!.attachments[0]).toMatchObject({ fileName: "Alex.vcf", kind: "file", mediaType: "text/vcard" });
    const phone = archive.participants.find((p) => p.id === "whatsapp:phone:+447700900123")!;
    expect(phone).toMatchObject({ displayName: "+44 7700 900123", handles: [{ kind: "phone", value: "+447700900123" }] });
    expect(archive.participants.find((p) => p.displayName === "Ann")!.isSelf).toBe(true);
    expect(archive.conversations[0]).toMatchObject({ title: "Ann", kind: "group" });
    expect(accounting).toEqual({ linesRead: 21, linesInMessages: 20, linesStructural: 1, linesReported: 0 });
    assertAccounting(accounting);
  });

  it("meets the reader contract", async () => {
    const { events, archive } = await readBoth(memorySource("chat.txt", chat), { from: "whatsapp-txt" });
    assertReaderContract("whatsapp-txt", events, archive);
  });

  it("attributes an iOS notice written under the chat name to no one", async () => {
    const { messages, archive } = await read(
      "[18/03/2022, 14:56:01] Elon Musk: \u200EMessages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.\n[18/03/2022, 14:57:00] Elon Musk: hi",
      { name: "_chat.txt" },
    );
    expect(messages[0]).toMatchObject({ senderId: null, kind: "system", extra: { shownAuthor: "Elon Musk" } });
    expect(messages[1]!.senderId).toBe("whatsapp:name:Elon Musk");
    expect(archive.conversations[0]!.title).toBe("Elon Musk");
  });

  it("reports lines before the first header, keeps out-of-order lines in file order, reads impossible 12-h times as 24-h", async () => {
    const { messages, archive, accounting } = await read(
      ["some preamble", "1/29/18, 11:59 PM - Bob: a", "1/29/18, 23:59 PM - Bob: b", "1/29/18, 11:58 PM - Ann: c"].join("\n"),
    );
    expect(walls(messages)).toEqual(["2018-01-29T23:59", "2018-01-29T23:59", "2018-01-29T23:58"]);
    const byCode = (c: string) => archive.diagnostics.filter((d) => d.code === c);
    expect(byCode("unrecognized-line")[0]).toMatchObject({ place: { line: 1 }, raw: "some preamble" });
    expect(byCode("invalid-timestamp")[0]).toMatchObject({ place: { line: 3 }, raw: "1/29/18, 23:59 PM" });
    expect(byCode("out-of-order")[0]).toMatchObject({ place: { line: 4 } });
    expect(accounting).toEqual({ linesRead: 4, linesInMessages: 3, linesStructural: 0, linesReported: 1 });
  });

  it("places wall times in a zone with --tz, keeping the raw text", async () => {
    const { messages } = await read("[31/03/2019, 02:30:00] Ann: in the DST gap\n[31/03/2019, 12:00:00] Ann: noon", { tz: "Europe/Berlin" });
    expect(messages[1]!.sentAt).toEqual({ raw: "31/03/2019, 12:00:00", wall: "2019-03-31T12:00:00", utc: "2019-03-31T10:00:00Z", offset: "+02:00", zone: "Europe/Berlin", basis: "assumed-zone", precision: "second" });
  });
});

describe("media beside a loose .txt", () => {
  it("finds a named file in the folder the text sits in and hashes it", async () => {
    const jpg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const tree = memoryTree("export", { "IMG-20190706-WA0001.jpg": jpg, "_chat.txt": "" });
    const src = memorySource("_chat.txt", "06/07/2019, 10:00 - Ann: IMG-20190706-WA0001.jpg (file attached)\n06/07/2019, 10:01 - Ann: PTT-20190706-WA0002.opus (file attached)", tree);
    const archive: Archive = await readAll(src, builtinRegistry, { from: "whatsapp-txt" });
    const [m1, m2] = archive.conversations[0]!.messages;
    expect(m1!.attachments[0]).toMatchObject({ availability: "present", sha256: sha256Hex(jpg), bytes: 7, path: "IMG-20190706-WA0001.jpg" });
    expect(m2!.attachments[0]).toMatchObject({ availability: "missing", kind: "voice" });
    expect(archive.diagnostics.filter((d) => d.code === "attachment-missing")).toHaveLength(1);
  });
});
