/** A direct-to-writer fixture for the RSMF tests: every field the mapping covers, attachments in a memory tree. */
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { memorySink, memoryTree } from "../../src/io/index.js";
import type { Conversation, Message, Participant } from "../../src/model/index.js";
import { attachmentOpener, feedWriter } from "../../src/pipeline/index.js";
import type { ChatEvent, WriteContext } from "../../src/plugin/types.js";
import { exactTimestamp } from "../../src/time/index.js";
import { rsmfWriter } from "../../formats/rsmf/index.js";

export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 300 }, (_, i) => i & 0xff)]);
export const DOC = new TextEncoder().encode("合同 v2\n");

export function msg(over: Partial<Message> & { id: string; seq: number }): Message {
  return {
    conversationId: "c1",
    senderId: "u:alice",
    sentAt: exactTimestamp(String(1700000000 + over.seq), (1700000000 + over.seq) * 1000, "second", { zone: "Asia/Shanghai" }),
    kind: "text",
    text: "",
    attachments: [],
    reactions: [],
    status: "normal",
    provenance: { reader: "test", readerVersion: "1", file: "chat.json", at: { pointer: `/messages/${over.seq}` } },
    ...over,
  };
}

export async function writeDirect(events: ChatEvent[], tree = memoryTree("in", { "media/photo 1.png": PNG, "docs/合同.txt": DOC })) {
  const sink = memorySink("direct.rsmf");
  const participants = new Map<string, Participant>();
  const diagnostics = new DiagnosticCollector();
  const ctx: WriteContext = {
    writerId: "rsmf",
    options: { maxEvents: 10_000 },
    report: (code, r) => diagnostics.report("rsmf", code, r),
    participant: (id) => participants.get(id),
    openAttachment: attachmentOpener(tree)!,
  };
  async function* gen() {
    for (const e of events) {
      if (e.type === "participant") participants.set(e.participant.id, e.participant);
      yield e;
    }
  }
  const info = { sources: [], generator: { name: "chatport" as const, version: "0.0.0" }, generatedAt: "2024-05-01T00:00:00Z", zonePolicy: {} };
  await feedWriter(gen(), rsmfWriter.create(sink, ctx), info, diagnostics);
  return { bytes: sink.bytes(), diagnostics: diagnostics.list() };
}

export const conv: Conversation = { id: "c1", platform: "wechat", kind: "direct", title: "Alice", participantIds: ["u:me", "u:alice"], source: "chat.json" };
export const people: Participant[] = [
  { id: "u:me", displayName: "Me", aliases: [], handles: [{ kind: "wxid", value: "wxid_me" }], isSelf: true },
  { id: "u:alice", displayName: "Alice 王", aliases: ["小王"], handles: [{ kind: "wxid", value: "wxid_alice" }, { kind: "email", value: "alice@example.org" }] },
];
export const DIRECT: ChatEvent[] = [
  { type: "conversation", conversation: conv },
  ...people.map((participant) => ({ type: "participant" as const, participant })),
  { type: "message", message: msg({ id: "m1", seq: 1, text: "see photo", kind: "image", attachments: [{ id: "a1", kind: "image", fileName: "photo 1.png", path: "media/photo 1.png", availability: "present", bytes: PNG.byteLength }] }) },
  { type: "message", message: msg({ id: "m2", seq: 2, senderId: "u:me", text: "ok 👍", replyTo: "m1", reactions: [{ emoji: "👍", senderIds: ["u:alice", "u:bob"] }], editedAt: exactTimestamp("x", 1700000100000, "second") }) },
  { type: "message", message: msg({ id: "m3", seq: 3, text: "", kind: "file", status: "recalled", attachments: [
    { id: "a2", kind: "file", fileName: "合同.txt", path: "docs/合同.txt", availability: "present", sha256: "0".repeat(64) },
    { id: "a3", kind: "video", fileName: "v.mp4", availability: "missing" },
    { id: "a4", kind: "image", fileName: "gone.png", path: "media/gone.png", availability: "present" },
  ] }) },
  { type: "message", message: msg({ id: "m4", seq: 4, senderId: null, kind: "system", text: "Bob joined", extra: { systemEvent: "join" } }) },
  { type: "message", message: msg({ id: "m5", seq: 5, senderId: "u:me", kind: "merged", text: "群聊的聊天记录", inner: [
    msg({ id: "m5:1", seq: 1, senderId: null, text: "大家好", forwarded: { fromName: "Bobby" } }),
    msg({ id: "m5:2", seq: 2, senderId: null, kind: "image", text: "", forwarded: { fromName: "Carol" } }),
  ] }) },
  { type: "conversation-end", conversation: conv },
];

