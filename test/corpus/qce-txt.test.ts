/**
 * qce-txt on QCE's own TXT golden file, checked against what qce-json reads from the JSON of the same
 * conversation (corpus/SOURCES.md, `qq-chat-exporter/`).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { readAll } from "../../src/pipeline/index.js";
import { assertAccounting } from "../helpers/contract.js";
import { CORPUS } from "../helpers/samples.js";

const DIR = join(CORPUS, "qq-chat-exporter");

async function read(file: string, opts: { tz?: string } = {}) {
  let accounting: Record<string, number> | undefined;
  const diagnostics = new DiagnosticCollector();
  const archive = await readAll(join(DIR, file), builtinRegistry, { ...opts, diagnostics, onAccounting: (a) => (accounting = a) });
  return { archive, accounting, codes: diagnostics.list().map((d) => d.code) };
}

describe.skipIf(!existsSync(DIR))("qce-txt on the QCE corpus TXT", () => {
  it("detects the file and reads its 7 blocks with senders, times, kinds and attachments", async () => {
    const { archive, accounting, codes } = await read("qce-group-mixed-media.txt");
    expect(archive.sources[0]!.reader).toBe("qce-txt");
    expect(archive.sources[0]!.variant).toBe("with-header");
    expect(archive.conversations).toHaveLength(1);
    const conv = archive.conversations[0]!;
    expect(conv.title).toBe("QCE Testing Group");
    expect(conv.kind).toBe("group");
    expect(conv.extra).toEqual({
      chatType: "群聊", participantCount: "4", exportTime: "<TIMESTAMP>", messageTotal: "7",
      timeRange: "2024-01-01 00:01:40 - 2024-01-01 00:05:00", footerTotal: "7", footerExportTime: "<TIMESTAMP>",
    });
    const msgs = conv.messages;
    expect(msgs).toHaveLength(7);
    expect(msgs.map((m) => m.senderId)).toEqual([
      "qce-name:Alice (PM)", "qce-name:Bob (Eng)", "qce-name:Bob (Eng)", "qce-name:Charlie", "qce-name:Charlie", "qce-name:Alice (PM)", "qce-name:Alice (PM)",
    ]);
    expect(msgs[0]!.sentAt).toEqual({ raw: "2024-01-01 00:01:40", wall: "2024-01-01T00:01:40", basis: "floating", precision: "second" });
    expect(msgs.map((m) => m.kind)).toEqual(["text", "text", "image", "text", "file", "text", "voice"]);
    expect(msgs.map((m) => m.attachments.map((a) => `${a.kind}:${a.fileName}:${a.availability}`))).toEqual([
      [], [], ["image:screenshot.png:omitted"], [], ["file:trace.json:omitted"], [], ["voice:voice_msg.silk:omitted"],
    ]);
    expect(msgs[3]!.extra).toEqual({ mentions: "Alice" });
    expect(msgs[5]!.text).toBe("[回复 Alice (PM): Anyone seen the build break?]\nthanks team, fix incoming");
    expect(msgs[5]!.extra).toEqual({ reply: "01-01 00:01 Alice (PM) - Anyone seen the build break?" });
    expect(msgs.every((m) => m.replyTo === undefined)).toBe(true);
    expect(msgs[6]!.provenance.at).toEqual({ line: 53, endLine: 57 });
    expect(codes).toEqual(["timezone-floating"]);

    // 63 lines (no final newline): 30 in the 7 blocks, 33 header/separator/footer lines, none reported.
    expect(accounting).toEqual({ linesRead: 63, linesInMessages: 30, linesStructural: 33, linesReported: 0 });
    assertAccounting(accounting!);
  });

  it("matches what qce-json reads from the JSON of the same conversation", async () => {
    const txt = (await read("qce-group-mixed-media.txt", { tz: "UTC" })).archive.conversations[0]!;
    const json = (await read("qce-group-mixed-media.json", { tz: "UTC" })).archive;
    const jconv = json.conversations[0]!;
    expect(json.sources[0]!.reader).toBe("qce-json");
    expect(txt.messages).toHaveLength(jconv.messages.length);
    // The corpus JSON was rendered in UTC: with --tz UTC the TXT's wall clocks give the JSON's instants.
    expect(txt.messages.map((m) => m.sentAt.utc)).toEqual(jconv.messages.map((m) => m.sentAt.utc!.replace(".000Z", "Z")));
    expect(txt.messages.map((m) => m.sentAt.wall)).toEqual(jconv.messages.map((m) => String(m.extra?.time).replace(" ", "T")));
    expect(txt.messages.map((m) => m.text)).toEqual(jconv.messages.map((m) => m.text));
    expect(txt.messages.map((m) => m.kind)).toEqual(jconv.messages.map((m) => m.kind));
    const name = new Map(json.participants.map((p) => [p.id, p.displayName]));
    expect(txt.messages.map((m) => m.senderId!.replace(/^qce-name:/, ""))).toEqual(jconv.messages.map((m) => name.get(m.senderId!)));
    const att = (ms: typeof txt.messages) => ms.map((m) => m.attachments.map((a) => [a.kind, a.fileName, a.mediaType]));
    expect(att(txt.messages)).toEqual(att(jconv.messages));
    expect(txt.messages[0]!.sentAt).toMatchObject({ basis: "assumed-zone", zone: "UTC", utc: "2024-01-01T00:01:40Z" });
  });
});
