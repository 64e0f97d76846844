/** whatsapp-zip reader: zip and folder inputs, media hashed from entries, macOS junk and unsafe names. */
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { sha256Hex } from "../src/io/hash.js";
import { memorySource, memoryTree } from "../src/io/source.js";
import { buildProbe } from "../src/pipeline/probe.js";
import { readAll } from "../src/pipeline/index.js";
import { assertReaderContract } from "./helpers/contract.js";
import { rawZip } from "./helpers/raw-zip.js";
import { readBoth } from "./helpers/read.js";

const enc = (s: string) => new TextEncoder().encode(s);
const chat = [
  "[20.06.19, 15:58:47] Loris created group “Example”",
  "[20.06.19, 16:00:15] Loris: <attached: 00000001-PHOTO-2019-06-20-16-00-15.jpg>",
  "[20.06.19, 16:01:42] Loris: <attached: 00000002-VIDEO-2019-06-20-16-01-42.mp4>",
  "[20.06.19, 16:02:00] Emily: \u200E<attached: 00000003-AUDIO-2019-06-20-16-02-00.opus>",
  "[20.06.19, 16:03:00] Emily: nice",
].join("\r\n");
const photo = new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3, 4]);
const opus = enc("OggS fake voice note");

describe("whatsapp-zip", () => {
  const zip = rawZip([
    { name: "_chat.txt", data: enc(chat), deflate: true },
    { name: "__MACOSX/._chat.txt", data: new Uint8Array(384) },
    { name: "00000001-PHOTO-2019-06-20-16-00-15.jpg", data: photo },
    { name: "00000003-AUDIO-2019-06-20-16-02-00.opus", data: opus, deflate: true },
    { name: "../00000002-VIDEO-2019-06-20-16-01-42.mp4", data: enc("escape attempt") },
  ]);

  it("keeps converting when a media member is damaged (bad CRC): that attachment is missing and reported, the others read", async () => {
    const damaged = rawZip([
      { name: "_chat.txt", data: enc(chat), deflate: true },
      { name: "00000001-PHOTO-2019-06-20-16-00-15.jpg", data: photo, crc: 0xdeadbeef },
      { name: "00000003-AUDIO-2019-06-20-16-02-00.opus", data: opus, deflate: true },
    ]);
    const archive = await readAll(memorySource("WhatsApp Chat - Example.zip", damaged), builtinRegistry);
    const [, m1, , m3] = archive.conversations[0]!.messages;
    expect(m1!.attachments[0]).toMatchObject({ availability: "missing", path: "00000001-PHOTO-2019-06-20-16-00-15.jpg" });
    expect(m3!.attachments[0]).toMatchObject({ availability: "present", sha256: sha256Hex(opus) });
    const d = archive.diagnostics.find((x) => x.code === "attachment-unreadable")!;
    expect(d.message).toMatch(/entry "00000001-PHOTO-2019-06-20-16-00-15\.jpg" cannot be read \(CRC-32 mismatch.*keeps this attachment as missing/);
    expect(d.place).toEqual(m1!.provenance.at);
  });

  it("says the chat text cannot be read (and why) when it is in the zip but refused, not that there is none", async () => {
    const bz = rawZip([{ name: "_chat.txt", data: enc(chat), method: 12 }, { name: "00000001-PHOTO-2019-06-20-16-00-15.jpg", data: photo }]);
    const err = await readAll(memorySource("WhatsApp Chat - Example.zip", bz), builtinRegistry, { from: "whatsapp-zip" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "input-damaged", message: 'WhatsApp Chat - Example.zip: its chat text "_chat.txt" cannot be read (unsupported compression method 12); export the chat again, or unzip it with a tool that can and pass the folder.' });
  });

  it("is detected from the zip listing", async () => {
    const probe = await buildProbe(memorySource("WhatsApp Chat - Example.zip", zip));
    expect(probe.listing).toEqual(["00000001-PHOTO-2019-06-20-16-00-15.jpg", "00000003-AUDIO-2019-06-20-16-02-00.opus", "__MACOSX/._chat.txt", "_chat.txt"]);
    expect(builtinRegistry.detect(probe)[0]).toMatchObject({ reader: { id: "whatsapp-zip" }, confidence: 0.95 });
  });

  it("reads _chat.txt, hashes media from the entries, refuses the zip-slip entry", async () => {
    const { events, archive, accounting } = await readBoth(memorySource("WhatsApp Chat - Example.zip", zip));
    assertReaderContract("whatsapp-zip", events, archive);
    const c = archive.conversations[0]!;
    expect(c.title).toBe("Example");
    expect(c.messages).toHaveLength(5);
    const [, m1, m2, m3] = c.messages;
    expect(m1!.attachments[0]).toMatchObject({ availability: "present", sha256: sha256Hex(photo), bytes: 7, path: "00000001-PHOTO-2019-06-20-16-00-15.jpg", kind: "image" });
    expect(m2!.attachments[0]).toMatchObject({ availability: "missing", kind: "video" });
    expect(m3!).toMatchObject({ kind: "voice", attachments: [{ availability: "present", sha256: sha256Hex(opus), kind: "voice" }] });
    expect(m1!.provenance).toMatchObject({ reader: "whatsapp-zip", file: "WhatsApp Chat - Example.zip", at: { entry: "_chat.txt", inner: { line: 2 } } });
    const unsafe = archive.diagnostics.filter((d) => d.code === "unsafe-entry");
    expect(unsafe).toHaveLength(1);
    expect(unsafe[0]).toMatchObject({ raw: "../00000002-VIDEO-2019-06-20-16-01-42.mp4", severity: "warning" });
    expect(archive.diagnostics.filter((d) => d.code === "attachment-missing").map((d) => d.raw)).toEqual(["00000002-VIDEO-2019-06-20-16-01-42.mp4"]);
    expect(accounting).toEqual({ linesRead: 5, linesInMessages: 5, linesStructural: 0, linesReported: 0 });
    expect(archive.sources).toHaveLength(1);
  });

  it("reads an unzipped export folder the same way", async () => {
    const tree = memoryTree("WhatsApp Chat with Example", {
      "WhatsApp Chat with Example.txt": "06/07/2019, 10:00 - Ann: IMG-20190706-WA0001.jpg (file attached)\ncaption\n06/07/2019, 10:01 - Bob: <Media omitted>",
      "IMG-20190706-WA0001.jpg": photo,
    });
    const archive = await readAll(tree, builtinRegistry, {});
    const [m1, m2] = archive.conversations[0]!.messages;
    expect(archive.conversations[0]!.title).toBe("Example");
    expect(m1!).toMatchObject({ text: "caption", attachments: [{ availability: "present", sha256: sha256Hex(photo), path: "IMG-20190706-WA0001.jpg" }] });
    expect(m1!.provenance).toMatchObject({ file: "WhatsApp Chat with Example/WhatsApp Chat with Example.txt", at: { line: 1, endLine: 2 } });
    expect(m2!.attachments[0]).toMatchObject({ availability: "omitted" });
  });

  it("refuses an archive without a chat text with one clean error", async () => {
    const err = await readAll(memorySource("x.zip", rawZip([{ name: "a.jpg", data: photo }, { name: "b.jpg", data: photo }])), builtinRegistry, { from: "whatsapp-zip" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((err as { kind?: string }).kind).toBe("unknown-format");
  });
});
