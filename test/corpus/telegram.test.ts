import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readAll, buildProbe, openInput } from "../../src/index.js";
import { Archive } from "../../src/model/schema.js";
import { telegramJsonReader } from "../../formats/telegram-json/index.js";

const CORPUS = fileURLToPath(new URL("../../../shared/corpus/", import.meta.url));
const TG = CORPUS + "telegram-json/";

async function read(file: string, opts: { tz?: string } = {}) {
  let accounting: Record<string, number> | undefined;
  const archive = await readAll(TG + file, { ...opts, onAccounting: (a) => (accounting = a) });
  Archive.parse(archive);
  return { archive, accounting: accounting!, messages: archive.conversations.flatMap((c) => c.messages) };
}

function expectAccounted(acc: Record<string, number>, messages: number): void {
  expect(acc.itemsInMessages).toBe(messages);
  expect(acc.itemsRead).toBe(acc.itemsInMessages! + acc.itemsStructural! + acc.itemsReported!);
  expect(acc.itemsReported).toBe(0);
}

describe("telegram-json corpus (SOURCES.md facts)", () => {
  it("reads 8 / 2 / 2 / 19 / 13 messages, all accounted", async () => {
    const files = ["personal-chat-mixed-date-fields.json", "single-chat-minimal.json", "full-export-minimal.json", "private-channel-2021.json", "private-channel-2020-numeric-ids.json"];
    const counts: number[] = [];
    for (const f of files) {
      const { archive, accounting, messages } = await read(f);
      expect(archive.sources[0]!.reader).toBe("telegram-json");
      expect(archive.conversations).toHaveLength(1);
      expectAccounted(accounting, messages.length);
      counts.push(messages.length);
    }
    expect(counts).toEqual([8, 2, 2, 19, 13]);
  });

  it("personal chat: ids, kinds, the −03:00 offset derived from date vs date_unixtime", async () => {
    const { archive, messages } = await read("personal-chat-mixed-date-fields.json");
    const conv = archive.conversations[0]!;
    expect(conv).toMatchObject({ id: "tg:user700000000", kind: "direct", title: "Bob", platform: "telegram" });
    expect(messages.map((m) => m.id.split(":").pop())).toEqual(["2675", "3644", "3645", "3662", "3663", "3672", "3673", "3674"]);
    expect(messages.map((m) => m.kind)).toEqual(["system", "text", "text", "text", "text", "image", "image", "call"]);
    const call = messages[7]!;
    expect(call.sentAt).toEqual({ raw: "1691719862", wall: "2023-08-10T23:11:02", utc: "2023-08-11T02:11:02Z", offset: "-03:00", basis: "exact", precision: "second" });
    expect(call.extra).toMatchObject({ action: "phone_call", duration_seconds: 56, discard_reason: "hangup" });
    expect(call.extra?.date).toBeUndefined(); // the wall clock holds it verbatim
    expect(call.senderId).toBe("tg:user300000000");
    // date only → floating wall clock; unixtime only → exact instant without a wall
    expect(messages[0]!.sentAt).toEqual({ raw: "2019-07-05T16:55:32", wall: "2019-07-05T16:55:32", basis: "floating", precision: "second" });
    expect(messages[3]!.sentAt).toEqual({ raw: "1652135033", utc: "2022-05-09T22:23:53Z", basis: "exact", precision: "second" });
    expect(messages[1]!.text).toBe("https://google.com 👀");
    expect(messages[1]!.parts).toEqual([{ type: "link", text: "https://google.com" }, { type: "plain", text: " 👀" }]);
    expect(messages[2]!.parts).toBeUndefined();
    expect(messages[5]!.attachments).toEqual([
      expect.objectContaining({ kind: "image", availability: "omitted", extra: expect.objectContaining({ note: "(File not included. Change data exporting settings to download.)", width: 960 }) }),
    ]);
    expect(archive.participants.map((p) => [p.id, p.displayName])).toEqual([["tg:user700000000", "Bob"], ["tg:user300000000", "Alice"]]);
    expect(archive.diagnostics.map((d) => d.code)).toEqual(["timezone-floating"]);
  });

  it("minimal shapes: positional ids, names as senders, text arrays concatenated", async () => {
    const single = await read("single-chat-minimal.json");
    expect(single.messages.map((m) => m.id)).toEqual(["tg:chat:#1", "tg:chat:#2"]);
    expect(single.messages.map((m) => m.senderId)).toEqual(["tg:name:Author 1", "tg:name:Author 2"]);
    expect(single.messages[1]!.text).toBe("Link:https://telegram.org/");
    expect(single.messages[1]!.parts?.map((p) => p.type)).toEqual(["bold", "link"]);
    expect(single.messages[0]!.sentAt.utc).toBe("2018-12-05T10:39:10Z");
    const full = await read("full-export-minimal.json");
    expect(full.archive.conversations[0]).toMatchObject({ id: "tg:chats-0", title: "Chatname", kind: "unknown", extra: { section: "chats" } });
    expect(full.messages.map((m) => m.provenance.at)).toEqual([{ pointer: "/chats/list/0/messages/0" }, { pointer: "/chats/list/0/messages/1" }]);
  });

  it("2021 channel: string from_id, ids 1–26 with gaps, edits, entities, media, no unixtime ⇒ floating", async () => {
    const { archive, messages } = await read("private-channel-2021.json");
    expect(archive.conversations[0]).toMatchObject({ id: "tg:channel1292077344", kind: "channel", title: "test", extra: { telegramId: "1292077344", telegramType: "private_channel" } });
    expect(messages.map((m) => Number(m.id.split(":").pop()))).toEqual([1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 13, 14, 15, 21, 22, 23, 24, 25, 26]);
    expect(messages[0]!.sentAt.wall).toBe("2020-11-12T12:53:52");
    expect(messages[18]!.sentAt.wall).toBe("2021-07-14T19:20:23");
    for (const m of messages) {
      expect(m.senderId).toBe("tg:channel1292077344");
      expect(m.sentAt.basis).toBe("floating");
      expect(m.sentAt.utc).toBeUndefined();
    }
    expect(messages.filter((m) => m.editedAt).map((m) => m.editedAt!.wall)).toEqual(["2020-11-12T13:03:00", "2020-11-12T14:18:17", "2020-11-12T14:45:55", "2020-11-12T14:49:39", "2021-07-14T18:40:24"]);
    const link = messages.find((m) => m.id.endsWith(":14"))!;
    expect(link.parts?.[0]).toEqual({ type: "text_link", text: "text link\n\n", href: "http://example.com/" });
    expect(messages.find((m) => m.id.endsWith(":7"))!).toMatchObject({ kind: "voice", attachments: [{ kind: "voice", path: "voice_messages/audio_1@12-11-2020_13-01-05.ogg", mediaType: "audio/ogg", availability: "missing" }] });
    expect(messages.find((m) => m.id.endsWith(":8"))!.kind).toBe("audio");
    const dice = messages.find((m) => m.id.endsWith(":22"))!;
    expect(dice.attachments.map((a) => [a.kind, a.path, a.extra?.role])).toEqual([["file", "files/dice.svg", undefined], ["image", "files/dice.svg_thumb.jpg", "thumbnail"]]);
    expect(messages[0]!).toMatchObject({ kind: "system", extra: { action: "create_channel", title: "test" } });
    const codes = archive.diagnostics.map((d) => d.code);
    expect(codes).toContain("timezone-floating");
    // The media were not published with the corpus file: each of the 10 paths is looked up beside it and reported.
    const missing = archive.diagnostics.filter((d) => d.code === "attachment-missing");
    expect(missing).toHaveLength(10);
    expect(missing.every((d) => d.message.includes("is not in the export folder"))).toBe(true);
  });

  it("2020 channel: numeric from_id decoded (2^33 offset) to the same ids as the 2021 export", async () => {
    const old = await read("private-channel-2020-numeric-ids.json");
    const conv = old.archive.conversations[0]!;
    expect(conv.id).toBe("tg:channel1292077344");
    expect(conv.extra?.telegramId).toBe("9882011936");
    expect(old.archive.participants).toEqual([
      { id: "tg:channel1292077344", displayName: "test", aliases: [], handles: [{ kind: "telegram-id", value: "channel1292077344" }], extra: { legacyPeerId: "9882011936" } },
    ]);
    for (const m of old.messages) expect(m.senderId).toBe("tg:channel1292077344");
    const recent = await read("private-channel-2021.json");
    const recentIds = new Set(recent.messages.map((m) => m.id));
    for (const m of old.messages) expect(recentIds.has(m.id)).toBe(true);
  });

  it("--tz places date-only times in the zone (assumed-zone)", async () => {
    const { messages, archive } = await read("private-channel-2021.json", { tz: "Europe/Moscow" });
    expect(messages[0]!.sentAt).toEqual({ raw: "2020-11-12T12:53:52", wall: "2020-11-12T12:53:52", utc: "2020-11-12T09:53:52Z", offset: "+03:00", zone: "Europe/Moscow", basis: "assumed-zone", precision: "second" });
    expect(archive.diagnostics.map((d) => d.code)).not.toContain("timezone-floating");
  });

  it("detects every Telegram corpus file and none of the other JSON formats", async () => {
    for (const f of ["personal-chat-mixed-date-fields.json", "single-chat-minimal.json", "full-export-minimal.json", "private-channel-2021.json", "private-channel-2020-numeric-ids.json"]) {
      const probe = await buildProbe(await openInput(TG + f));
      expect(telegramJsonReader.detect(probe)?.confidence, f).toBeGreaterThanOrEqual(0.9);
    }
    for (const f of ["qq-chat-exporter/qce-group-mixed-media.json", "discord-dce-json/dm.json", "discord-dce-json/group-dm.json", "discord-dce-json/guild-text-channel.json", "messenger-json/1to1-hand-made-bom.json", "instagram-json/minimal-two-messages.json", "slack-export/bot-message.json", "slack-export/dms-example.json", "slack-export/mpims-example.json"]) {
      const probe = await buildProbe(await openInput(CORPUS + f));
      expect(telegramJsonReader.detect(probe), f).toBeNull();
    }
  });
});
