import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { readers, writers } from "../../formats/index.js";
import type { Message, Timestamp } from "../../src/model/index.js";
import { Registry } from "../../src/plugin/registry.js";
import type { ChatEvent, ReaderPlugin } from "../../src/plugin/types.js";
import { exactTimestamp, offsetTimestamp, wallTimestamp } from "../../src/time/index.js";

/** A 1×1 PNG. */
export const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64");
export const PNG_SHA = createHash("sha256").update(PNG).digest("hex");

const floating = (raw: string, h: number, mi: number): Timestamp => wallTimestamp(raw, { year: 2024, month: 3, day: 1, hour: h, minute: mi, second: 0 }, "second");

/**
 * A test reader for a folder holding `chat.fake`: one direct conversation whose messages show every
 * feature the evidence HTML must render (replies, forwards, recalled/deleted, media present, missing
 * and left out, unknown kinds, nested bundles, edits, reactions, every timestamp basis).
 */
export const fakeReader: ReaderPlugin = {
  id: "fake-evidence",
  version: "0.0.1",
  displayName: "test reader",
  platform: "test",
  input: "directory",
  options: z.object({}) as unknown as ReaderPlugin["options"],
  detect: (p) => (p.listing?.includes("chat.fake") ? { confidence: 1, reason: "chat.fake" } : null),
  async *read(input, ctx): AsyncIterable<ChatEvent> {
    const conv = { id: "c1", platform: "test", kind: "unknown" as const, title: "Alice & Bob <test>", participantIds: [], source: "chat.fake" };
    yield { type: "conversation", conversation: conv };
    yield { type: "participant", participant: { id: "u:alice", displayName: "Alice", aliases: [], handles: [{ kind: "phone", value: "+8613800000000" }], isSelf: true } };
    yield { type: "participant", participant: { id: "u:bob", displayName: "Bob", aliases: ["Bobby"], handles: [{ kind: "username", value: "bob" }] } };
    let seq = 0;
    const msg = (over: Partial<Message>): Message => ({
      id: `m${++seq}`, conversationId: "c1", seq, senderId: "u:alice", sentAt: floating(`2024-03-01 10:0${seq}`, 10, seq), kind: "text", text: "",
      attachments: [], reactions: [], status: "normal", provenance: ctx.provenance("chat.fake", { line: seq }), ...over,
    });
    const list: Message[] = [
      msg({ text: "Hello Bob, this is the first message" }),
      msg({ senderId: "u:bob", text: "Replying to you", replyTo: "m1", sentAt: exactTimestamp("1709287200", 1709287200000, "second", { zone: "Asia/Shanghai" }) }),
      msg({ text: "Reply to something never seen", replyTo: "m-gone", sentAt: offsetTimestamp("2024-03-01T10:03:00-05:00", { year: 2024, month: 3, day: 1, hour: 10, minute: 3, second: 0 }, -300, "second") }),
      msg({ senderId: "u:bob", text: "fwd body", forwarded: { fromName: "Carol", fromId: "u:carol", originalSentAt: exactTimestamp("1700000000", 1700000000000, "second") } }),
      msg({ status: "recalled", text: "" }),
      msg({ senderId: "u:bob", status: "deleted", text: "was deleted" }),
      msg({ kind: "unknown", text: "", raw: "{\"type\":99}" }),
      msg({ kind: "image", attachments: [{ id: "a1", kind: "image", fileName: "photo.png", path: "media/photo.png", availability: "present", sha256: PNG_SHA, bytes: PNG.length }] }),
      msg({ kind: "image", attachments: [{ id: "a2", kind: "image", fileName: "gone.jpg", path: "media/gone.jpg", availability: "missing" }] }),
      msg({ kind: "file", attachments: [{ id: "a3", kind: "file", fileName: "report.pdf", availability: "omitted" }] }),
      msg({ senderId: "u:bob", text: "edited text", editedAt: floating("2024-03-01 11:00", 11, 0), reactions: [{ emoji: "👍", senderIds: ["u:alice"] }] }),
      msg({ kind: "merged", text: "Chat history", inner: [
        { ...msg({ text: "inner one" }), id: "in1" },
        { ...msg({ senderId: "u:bob", text: "inner two" }), id: "in2" },
      ] }),
      msg({ senderId: null, kind: "system", text: "Bob changed the group name" }),
      msg({ text: "" }),
    ];
    for (const m of list) yield { type: "message", message: m };
    yield { type: "conversation-end", conversation: { ...conv, kind: "direct", participantIds: ["u:alice", "u:bob"] } };
    void input;
  },
};

/** The built-in formats plus the test reader. */
export const testRegistry = new Registry([...readers, fakeReader], writers);

/** A folder with `chat.fake` and `media/photo.png`, for the test reader. */
export function fakeInputFolder(): string {
  const root = mkdtempSync(join(tmpdir(), "chatport-fake-"));
  const dir = join(root, "export");
  mkdirSync(join(dir, "media"), { recursive: true });
  writeFileSync(join(dir, "chat.fake"), "fake\n");
  writeFileSync(join(dir, "media", "photo.png"), PNG);
  return dir;
}
