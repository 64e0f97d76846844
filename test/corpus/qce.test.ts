import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { convert, readAll } from "../../src/pipeline/index.js";

const CORPUS = join(import.meta.dirname, "..", "..", "..", "shared", "corpus", "qq-chat-exporter");

async function read(file: string, opts: { tz?: string; from?: string } = {}) {
  let accounting: Record<string, number> | undefined;
  const archive = await readAll(join(CORPUS, file), builtinRegistry, { ...opts, diagnostics: new DiagnosticCollector(), onAccounting: (a) => (accounting = a) });
  return { archive, accounting };
}

describe("qce-json on the QCE corpus file", () => {
  it("detects and reads all 7 messages with senders, times and kinds", async () => {
    const { archive, accounting } = await read("qce-group-mixed-media.json");
    expect(archive.sources[0]!.reader).toBe("qce-json");
    expect(archive.conversations).toHaveLength(1);
    const conv = archive.conversations[0]!;
    expect(conv.title).toBe("QCE Testing Group");
    expect(conv.kind).toBe("group");
    const msgs = conv.messages;
    expect(msgs).toHaveLength(7);

    const first = msgs[0]!;
    expect(first.id).toBe("1001");
    expect(first.sentAt).toEqual({ raw: "1704067300000", utc: "2024-01-01T00:01:40.000Z", basis: "exact", precision: "millisecond" });
    expect(first.extra?.time).toBe("2024-01-01 00:01:40");
    expect(first.text).toBe("Anyone seen the build break?");

    // Senders by NT uid (handle kind "other"): u_alice 3, u_bob 2, u_charlie 2.
    const uidOf = new Map(archive.participants.map((p) => [p.id, p.handles.find((h) => h.kind === "other")?.value]));
    const bySender: Record<string, number> = {};
    for (const m of msgs) bySender[uidOf.get(m.senderId!)!] = (bySender[uidOf.get(m.senderId!)!] ?? 0) + 1;
    expect(bySender).toEqual({ u_alice: 3, u_bob: 2, u_charlie: 2 });
    const alice = archive.participants.find((p) => p.id === "qq:11111")!;
    expect(alice.displayName).toBe("Alice (PM)");
    expect(alice.aliases).toEqual(["Alice"]);
    expect(alice.handles).toEqual([{ kind: "qq", value: "11111" }, { kind: "other", value: "u_alice" }]);

    // SOURCES.md: text, face, image, @mention, file, reply, voice; QCE types type_1×4, type_8, type_3, type_6.
    expect(msgs.map((m) => m.kind)).toEqual(["text", "text", "image", "text", "file", "text", "voice"]);
    expect(msgs.map((m) => m.extra?.qceType)).toEqual(["type_1", "type_1", "type_1", "type_1", "type_8", "type_3", "type_6"]);

    // Face kept as text, and as a face part.
    expect(msgs[1]!.text).toBe("Looking now [[微笑]]");
    expect(msgs[1]!.parts).toEqual([
      { type: "text", text: "Looking now " },
      { type: "face", text: "[[微笑]]", extra: { id: "178", name: "[微笑]" } },
    ]);
    // Mention with the mentioned participant's id.
    expect(msgs[3]!.parts?.[0]).toEqual({ type: "mention", text: "@Alice", userId: "qq:11111" });

    // The one reply links to the first message.
    const replies = msgs.filter((m) => m.replyTo !== undefined);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.id).toBe("1006");
    expect(replies[0]!.replyTo).toBe("1001");

    // Resources: not downloaded with this export → omitted, names and sizes kept.
    expect(msgs[2]!.attachments).toMatchObject([{ kind: "image", fileName: "screenshot.png", bytes: 1024, availability: "omitted" }]);
    expect(msgs[4]!.attachments).toMatchObject([{ kind: "file", fileName: "trace.json", bytes: 51200, availability: "omitted" }]);
    expect(msgs[6]!.attachments).toMatchObject([{ kind: "voice", fileName: "voice_msg.silk", bytes: 12000, availability: "omitted" }]);

    expect(archive.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(accounting).toEqual({ messagesRead: 7, messagesEmitted: 7, messagesReported: 0 });
  });

  it("adds wall time and offset with --tz, keeping the instant", async () => {
    const { archive } = await read("qce-group-mixed-media.json", { tz: "Asia/Shanghai" });
    expect(archive.conversations[0]!.messages[0]!.sentAt).toEqual({
      raw: "1704067300000", wall: "2024-01-01T08:01:40.000", utc: "2024-01-01T00:01:40.000Z", offset: "+08:00", zone: "Asia/Shanghai", basis: "exact", precision: "millisecond",
    });
  });

  it("keeps the face [[微笑]] as text in csv, html and ndjson output", async () => {
    const out = mkdtempSync(join(tmpdir(), "chatport-qce-out-"));
    for (const to of ["csv", "html", "ndjson"]) {
      await convert(join(CORPUS, "qce-group-mixed-media.json"), builtinRegistry, { to, output: join(out, `o.${to}`), generatedAt: "2024-01-01T00:00:00Z" });
      expect(readFileSync(join(out, `o.${to}`), "utf8"), to).toContain("[[微笑]]");
    }
  });
});
