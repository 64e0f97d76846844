/**
 * Every corpus WhatsApp file (corpus/whatsapp-txt, corpus/whatsapp-zip) against the facts in
 * corpus/SOURCES.md: header-line (message) counts, continuation and empty lines, no unaccounted line,
 * authors, exact wall times (German, Spanish-style 12-h, impossible 12-h, out-of-order files).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { hashSource, sha256Hex } from "../../src/io/hash.js";
import { fileSource } from "../../src/io/source.js";
import { zipTree } from "../../src/io/zip.js";
import type { Archive, Message } from "../../src/model/index.js";
import { convert } from "../../src/pipeline/index.js";
import { memorySink } from "../../src/io/sink.js";
import { memorySource } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/index.js";
import { assertAccounting, assertReaderContract } from "../helpers/contract.js";
import { readBoth } from "../helpers/read.js";
import { CORPUS } from "../helpers/samples.js";

const TXT = join(CORPUS, "whatsapp-txt");
const ZIP = join(CORPUS, "whatsapp-zip");

interface Fact {
  file: string;
  headers: number;
  /** Continuation lines (inside messages) and empty lines after the last message. */
  continuation: number;
  empty: number;
  authors: string[];
  /** Exact wall times: [message index, raw, wall]. */
  times: [number, string, string][];
  impossible12h?: number;
  undecidable?: boolean;
}

const GROUP = ["Mallory", "Dave", "Alice", "Bob", "Carol"];
const LOREM = ["John Doe", "Jahn Doe", "John-John Doe", "John Doe 🤓", "🤓"];

const FACTS: Fact[] = [
  { file: "android-mdyy-24h-out-of-order.txt", headers: 5, continuation: 0, empty: 0, authors: ["A", "B"], times: [[3, "1/1/21, 12:03", "2021-01-01T12:03"], [4, "1/1/21, 12:02", "2021-01-01T12:02"]] },
  {
    file: "android-mdyy-24h-group-created.txt", headers: 14, continuation: 0, empty: 0, authors: ["Bob", "Eve", "Alice", "Mallory", "Trent"],
    times: [[0, "12/9/20, 23:55", "2020-12-09T23:55"], [1, "12/9/20, 23:16", "2020-12-09T23:16"]], undecidable: true,
  },
  { file: "android-ddmmyy-24h-lorem.txt", headers: 9, continuation: 2, empty: 0, authors: LOREM, times: [[1, "20/01/19, 11:23", "2019-01-20T11:23"], [8, "30/12/21, 22:01", "2021-12-30T22:01"]] },
  { file: "ios-mmddyy-24h-no-seconds-lorem.txt", headers: 9, continuation: 2, empty: 0, authors: LOREM, times: [[1, "01/20/19 11:23", "2019-01-20T11:23"], [4, "06/20/20 00:08", "2020-06-20T00:08"]] },
  {
    file: "android-mmddyyyy-12h-es-ampm-lorem.txt", headers: 9, continuation: 2, empty: 0, authors: LOREM, impossible12h: 1,
    times: [[2, "01/30/2019, 08:49 p. m.", "2019-01-30T20:49"], [4, "06/20/2020, 00:08 a. m.", "2020-06-20T00:08"], [7, "12/20/2021, 12:10 p. m.", "2021-12-20T12:10"], [8, "12/30/2021, 10:01 p. m.", "2021-12-30T22:01"]],
  },
  { file: "android-yyyymmdd-24h-lorem.txt", headers: 9, continuation: 2, empty: 0, authors: LOREM, times: [[3, "2020/06/10, 15:55", "2020-06-10T15:55"]] },
  {
    file: "android-ddmmyyyy-dots-24h-group.txt", headers: 20, continuation: 0, empty: 1,
    authors: ["Ash Ketchum", "Brock", "Misty", "Prof. Oak", "Jessie & James", "Raichu", "Meowth", "Wobbuffet"],
    times: [[0, "15.04.2016, 15:04", "2016-04-15T15:04"], [19, "31.10.2016, 12:23", "2016-10-31T12:23"]],
  },
  { file: "ios-dd-mm-yy-dashes-24h-500-messages.txt", headers: 500, continuation: 0, empty: 0, authors: ["Mary", "+1 123 456 789", "Giuseppe", "John"], times: [[499, "11-05-20 22:32:48", "2020-05-11T22:32:48"]] },
  { file: "android-en-mdyy-24h-group.txt", headers: 50, continuation: 0, empty: 3, authors: GROUP, times: [[6, "1/29/18, 12:24", "2018-01-29T12:24"], [36, "1/30/18, 00:00", "2018-01-30T00:00"]] },
  {
    file: "android-en-mdyy-12h-group.txt", headers: 50, continuation: 0, empty: 1, authors: GROUP, impossible12h: 14,
    times: [[10, "1/29/18, 11:33 PM", "2018-01-29T23:33"], [34, "1/29/18, 23:59 PM", "2018-01-29T23:59"], [36, "1/30/18, 12:00 AM", "2018-01-30T00:00"], [38, "1/30/18, 00:04 AM", "2018-01-30T00:04"]],
  },
  { file: "ios-en-mdyy-24h-group.txt", headers: 50, continuation: 0, empty: 0, authors: GROUP, times: [[41, "1/30/18, 00:11:20", "2018-01-30T00:11:20"]] },
  {
    file: "ios-en-mdyy-12h-group.txt", headers: 50, continuation: 0, empty: 1, authors: GROUP, impossible12h: 12,
    times: [[0, "1/29/18, 12:24:03 PM", "2018-01-29T12:24:03"], [36, "1/30/18, 12:00:03 AM", "2018-01-30T00:00:03"], [45, "1/30/18, 00:13:04 AM", "2018-01-30T00:13:04"]],
  },
  { file: "android-de-ddmmyy-24h-group.txt", headers: 50, continuation: 0, empty: 0, authors: GROUP, times: [[0, "29.01.18, 12:24", "2018-01-29T12:24"], [49, "30.01.18, 00:13", "2018-01-30T00:13"]] },
  {
    file: "android-de-ddmmyy-12h-group.txt", headers: 50, continuation: 0, empty: 0, authors: GROUP, impossible12h: 14,
    times: [[10, "29.01.18, 11:33 PM", "2018-01-29T23:33"], [34, "29.01.18, 23:59 PM", "2018-01-29T23:59"]],
  },
  { file: "ios-de-ddmmyy-24h-group.txt", headers: 50, continuation: 0, empty: 0, authors: GROUP, times: [[9, "29.01.18, 12:26:03", "2018-01-29T12:26:03"], [35, "29.01.18, 23:59:04", "2018-01-29T23:59:04"]] },
  {
    file: "ios-de-ddmmyy-12h-group.txt", headers: 50, continuation: 0, empty: 0, authors: GROUP, impossible12h: 12,
    times: [[0, "29.01.18, 12:24:03 PM", "2018-01-29T12:24:03"], [46, "30.01.18, 00:13:54 AM", "2018-01-30T00:13:54"]],
  },
  {
    file: "ios-ddmmyy-dots-24h-media-poll.txt", headers: 52, continuation: 10, empty: 0, authors: ["John", "Loris", "Emily"],
    times: [[0, "20.06.19, 15:58:47", "2019-06-20T15:58:47"], [51, "20.06.19, 16:45:28", "2019-06-20T16:45:28"]],
  },
];

const names = (a: Archive) => (m: Message) => (m.senderId === null ? null : a.participants.find((p) => p.id === m.senderId)!.displayName);

describe.runIf(existsSync(TXT))("corpus whatsapp-txt", () => {
  it("covers every file of the folder", async () => {
    const { readdirSync } = await import("node:fs");
    expect(readdirSync(TXT).sort()).toEqual(FACTS.map((f) => f.file).sort());
  });

  for (const f of FACTS) {
    describe(f.file, async () => {
      const path = join(TXT, f.file);
      const before = existsSync(path) ? { bytes: readFileSync(path), mtime: statSync(path).mtimeMs } : undefined;
      const { events, archive, accounting } = await readBoth(path);
      const messages = archive.conversations.flatMap((c) => c.messages);

      it("is detected as whatsapp-txt and meets the reader contract", () => {
        expect(archive.sources[0]!.reader).toBe("whatsapp-txt");
        assertReaderContract("whatsapp-txt", events, archive);
      });

      it(`has ${f.headers} messages, ${f.continuation} continuation and ${f.empty} trailing empty lines, nothing unaccounted`, () => {
        expect(archive.conversations).toHaveLength(1);
        expect(messages).toHaveLength(f.headers);
        assertAccounting(accounting!);
        expect(accounting).toEqual({ linesRead: f.headers + f.continuation + f.empty, linesInMessages: f.headers + f.continuation, linesStructural: f.empty, linesReported: 0 });
        expect(archive.diagnostics.filter((d) => d.code === "unrecognized-line")).toEqual([]);
      });

      it("has the stated authors", () => {
        const authors = [...new Set(messages.map(names(archive)).filter((n) => n !== null))];
        expect(authors).toEqual(f.authors);
      });

      it("has exact wall times", () => {
        for (const [i, raw, wall] of f.times) expect(messages[i]!.sentAt, `message ${i}`).toMatchObject({ raw, wall, basis: "floating" });
        expect(archive.diagnostics.filter((d) => d.code === "invalid-timestamp")).toHaveLength(f.impossible12h ?? 0);
        expect(archive.diagnostics.some((d) => d.code === "date-order-undecidable")).toBe(f.undecidable === true);
      });

      it("left the file untouched", () => {
        expect(readFileSync(path).equals(before!.bytes)).toBe(true);
        expect(statSync(path).mtimeMs).toBe(before!.mtime);
      });
    });
  }

  it("flags the out-of-order line 5 of android-mdyy-24h-out-of-order.txt", async () => {
    const a = await readAll(join(TXT, "android-mdyy-24h-out-of-order.txt"), builtinRegistry);
    expect(a.diagnostics.filter((d) => d.code === "out-of-order").map((d) => d.place)).toEqual([{ line: 5 }]);
    expect(a.conversations[0]!.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(a.conversations[0]!.messages[3]!.attachments[0]).toMatchObject({ availability: "omitted" });
  });

  it("reads the German iOS media, deleted-photo and location lines", async () => {
    const a = await readAll(join(TXT, "ios-de-ddmmyy-24h-group.txt"), builtinRegistry);
    const ms = a.conversations[0]!.messages;
    expect(ms[14]!).toMatchObject({ kind: "voice", attachments: [{ fileName: "PTT-20180129-WA0025.opus", availability: "missing" }] });
    expect(ms[19]!).toMatchObject({ kind: "image", text: "", attachments: [{ kind: "image", availability: "omitted" }] });
    expect(ms[31]!).toMatchObject({ kind: "location", extra: { location: { latitude: 50.9425526, longitude: 6.9523387 } } });
    expect(ms[0]!).toMatchObject({ kind: "system", senderId: null });
    expect(ms[27]!.text).toBe("https://github.com/JuKo007"); // U+FEFF inside the URL removed from the text, kept in raw
    expect(ms[27]!.raw).toContain("JuKo00\uFEFF7");
    expect(a.conversations[0]!).toMatchObject({ title: "Whatsappparsertest2", kind: "group" });
  });

  it("reads the poll block of ios-ddmmyy-dots-24h-media-poll.txt", async () => {
    const a = await readAll(join(TXT, "ios-ddmmyy-dots-24h-media-poll.txt"), builtinRegistry);
    const poll = a.conversations[0]!.messages[45]!;
    expect(poll.kind).toBe("poll");
    expect(poll.extra!.poll).toEqual({
      question: "When can we meet?",
      options: [
        { text: "Thursday 15 evening", votes: 2 },
        { text: "Friday 16 afternoon", votes: 1 },
        { text: "Friday 16 evening", votes: 2 },
        { text: "Saturday 17 afternoon", votes: 3 },
        { text: "Saturday 17 evening", votes: 3 },
      ],
    });
    expect(poll.provenance.at).toEqual({ line: 48, endLine: 54 });
  });
});

describe.runIf(existsSync(ZIP))("corpus whatsapp-zip", () => {
  it("android-group-text-only.zip: 1 entry, the 627-byte CRLF twin of the loose file, same 14 messages", async () => {
    const zip = join(ZIP, "android-group-text-only.zip");
    const tree = zipTree(fileSource(zip, "android-group-text-only.zip", statSync(zip).size));
    expect(await tree.list()).toEqual(["_chat.txt"]);
    const chat = (await tree.open("_chat.txt"))!;
    expect((await hashSource(chat)).bytes).toBe(627);
    const { events, archive, accounting } = await readBoth(zip);
    assertReaderContract("whatsapp-zip", events, archive);
    expect(archive.sources[0]!.reader).toBe("whatsapp-zip");
    const loose = await readAll(join(TXT, "android-mdyy-24h-group-created.txt"), builtinRegistry);
    const strip = (m: Message) => ({ text: m.text, wall: m.sentAt.wall, sender: m.senderId, kind: m.kind });
    expect(archive.conversations[0]!.messages.map(strip)).toEqual(loose.conversations[0]!.messages.map(strip));
    expect(accounting).toEqual({ linesRead: 14, linesInMessages: 14, linesStructural: 0, linesReported: 0 });
    expect(archive.conversations[0]!.messages[0]!.provenance.at).toEqual({ entry: "_chat.txt", inner: { line: 1 } });
  });

  it("ios-with-media-and-macosx.zip: 6 entries, __MACOSX ignored, the 4 attachments present with their sha256", async () => {
    const zip = join(ZIP, "ios-with-media-and-macosx.zip");
    const tree = zipTree(fileSource(zip, "ios-with-media-and-macosx.zip", statSync(zip).size));
    const listing = await tree.list();
    expect(listing).toHaveLength(6);
    expect(listing).toContain("__MACOSX/.__chat.txt");
    const { events, archive, accounting } = await readBoth(zip);
    assertReaderContract("whatsapp-zip", events, archive);
    const ms = archive.conversations[0]!.messages;
    expect(ms).toHaveLength(52);
    expect(accounting).toEqual({ linesRead: 62, linesInMessages: 62, linesStructural: 0, linesReported: 0 });
    const atts = ms.flatMap((m) => m.attachments);
    expect(atts.map((a) => [a.fileName, a.availability, a.kind])).toEqual([
      ["00000001-PHOTO-2019-06-20-16-00-15.jpg", "present", "image"],
      ["00000002-VIDEO-2019-06-20-16-01-42.mp4", "present", "video"],
      ["00000003-AUDIO-2019-06-20-16-03-55.mp3", "present", "audio"],
      ["00000004-whatsapp-chat-parser-example.zip", "present", "file"],
    ]);
    for (const a of atts) {
      const entry = (await tree.open(a.path!))!;
      expect(a.sha256).toBe((await hashSource(entry)).sha256);
      expect(a.bytes).toBe(entry.size);
    }
    expect(atts.map((a) => a.bytes)).toEqual([146284, 64825, 240325, 2721]);
    const loose = readFileSync(join(TXT, "ios-ddmmyy-dots-24h-media-poll.txt"));
    expect((await hashSource((await tree.open("_chat.txt"))!)).sha256).toBe(sha256Hex(loose));
    expect(archive.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("converts to a WhatsApp zip with the same media and reads back identically", async () => {
    const zip = join(ZIP, "ios-with-media-and-macosx.zip");
    const sink = memorySink("out.zip");
    await convert(zip, builtinRegistry, { to: "whatsapp-txt", output: sink, generatedAt: "2024-01-01T00:00:00Z" });
    const back = await readAll(memorySource("out.zip", sink.bytes()), builtinRegistry);
    const orig = await readAll(zip, builtinRegistry);
    const a = orig.conversations[0]!.messages, b = back.conversations[0]!.messages;
    expect(b).toHaveLength(a.length);
    expect(b.map((m) => m.text)).toEqual(a.map((m) => m.text));
    expect(b.map((m) => m.sentAt.wall)).toEqual(a.map((m) => m.sentAt.wall));
    expect(b.flatMap((m) => m.attachments.map((x) => x.sha256))).toEqual(a.flatMap((m) => m.attachments.map((x) => x.sha256)));
  });
});
