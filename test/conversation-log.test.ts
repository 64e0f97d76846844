/**
 * The conversations and participants a run keeps for its end live as records (RecordSpill: memory, then
 * a scratch file), not objects: 100,000 conversations with their people were ~1.5 KiB each of heap. What
 * the end hands out must be what the objects gave: the same order, the same counters (conversations that
 * share an id shared one counters object), the same latest participant.
 */
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { builtinRegistry } from "../src/builtin.js";
import { DiagnosticCollector } from "../src/diagnostics/collector.js";
import { ChatportError } from "../src/diagnostics/errors.js";
import { memorySink, memorySource } from "../src/io/index.js";
import type { Conversation, Message, Participant } from "../src/model/index.js";
import { ConversationLog } from "../src/pipeline/conversation-log.js";
import { convert } from "../src/pipeline/convert.js";
import { readAll } from "../src/pipeline/read-all.js";
import { ParticipantBook } from "../src/plugin/participant-book.js";
import { RecordSpill } from "../src/pipeline/record-spill.js";
import { feedWriter } from "../src/pipeline/session-runner.js";
import { countMessage, emptyStats } from "../src/pipeline/stats.js";
import { MemoryRecords } from "../src/plugin/record-store.js";
import { Registry } from "../src/plugin/registry.js";
import type { ChatEvent, ConversationStats, WriterPlugin, WriterSession } from "../src/plugin/types.js";
import { qqTxtSections } from "./helpers/qq-txt-build.js";

const conv = (id: string, kind: Conversation["kind"] = "unknown"): Conversation => ({ id, platform: "qq", kind, title: `“${id}” 群`, participantIds: [], source: "in.txt" });
const msg = (conversationId: string, n: number, utc?: string): Message =>
  ({ id: `${conversationId}-${n}`, conversationId, seq: n, senderId: null, sentAt: utc ? { raw: utc, utc, basis: "exact", precision: "second" } : { raw: "x", wall: `2020-01-0${n}T00:00:00`, basis: "floating", precision: "second" }, kind: n % 2 ? "text" : "image", text: "", attachments: [], reactions: [], status: "normal", provenance: { reader: "t", readerVersion: "1", file: "in.txt", at: { line: n } } }) as Message;
const person = (id: string, name: string): Participant => ({ id, displayName: name, aliases: [], handles: [{ kind: "qq", value: id }] });

/** Scratch folders of this process made by the spills (chatport-<kind>-<pid>-…). */
const spillDirs = () => readdirSync(tmpdir()).filter((n) => /^chatport-(test|conversations|people)-/.test(n) && n.includes(`-${process.pid}-`));

describe("RecordSpill", () => {
  it("reads back every record, in memory and from its scratch file, and removes the file when closed", () => {
    const spill = new RecordSpill("test", 256);
    const texts = Array.from({ length: 300 }, (_, i) => (i === 77 ? "长".repeat(5000) : `${i}:${"é😀".repeat(i % 7)}\u2028`));
    const at = texts.map((t) => [spill.append(t), 0]);
    for (let i = 0; i < at.length; i++) at[i]![1] = (i + 1 < at.length ? at[i + 1]![0]! : spill.size) - at[i]![0]!;
    expect(spill.spilled).toBe(true);
    expect(spillDirs().length).toBeGreaterThan(0);
    for (const i of [0, 299, 77, 1, 150, 298]) expect(spill.read(at[i]![0]!, at[i]![1]!)).toBe(texts[i]);
    spill.close();
    spill.close();
    expect(spillDirs()).toEqual([]);
  });

  it("MemoryRecords reads back records that straddle its blocks", () => {
    const store = new MemoryRecords();
    const texts = Array.from({ length: 2000 }, (_, i) => (i % 97 === 0 ? "長😀".repeat(20_000 + i) : `${i}:${"é".repeat(i % 50)}`));
    const at = texts.map((t) => store.append(t));
    const end = (i: number) => (i + 1 < at.length ? at[i + 1]! : store.size);
    for (let i = 0; i < texts.length; i++) expect(store.read(at[i]!, end(i) - at[i]!)).toBe(texts[i]);
  });

  it("without a limit never makes a file", () => {
    const spill = new RecordSpill("test", Infinity);
    for (let i = 0; i < 2000; i++) spill.append("x".repeat(1000));
    expect(spill.spilled).toBe(false);
    expect(spill.read(1000 * 1999, 1000)).toBe("x".repeat(1000));
  });
});

/** The counters the old pipeline kept: one object per id, made when a conversation opened. */
function oldStats(events: ChatEvent[]): Record<string, ConversationStats> {
  const stats: Record<string, ConversationStats> = {};
  let current: ConversationStats | undefined;
  for (const ev of events) {
    if (ev.type === "conversation") current = stats[ev.conversation.id] ??= emptyStats();
    else if (ev.type === "message") countMessage(current!, ev.message);
  }
  return stats;
}

describe("ConversationLog and feedWriter's end", () => {
  // Ids that read as array indices come first in an object's keys; "b" opens three times, the last
  // time without closing (reading failed there).
  const events: ChatEvent[] = [];
  const add = (c: Conversation, n: number, close = true) => {
    events.push({ type: "conversation", conversation: c });
    for (let i = 1; i <= n; i++) events.push({ type: "message", message: msg(c.id, i, i % 3 ? `2020-01-0${i}T00:00:00Z` : undefined) });
    if (close) events.push({ type: "conversation-end", conversation: { ...c, kind: "group" } });
  };
  add(conv("b"), 2);
  add(conv("42"), 1);
  add(conv("a"), 3);
  add(conv("b"), 4);
  add(conv("7"), 0);
  add(conv("b"), 1, false);

  const lastOpen = events.map((e) => e.type).lastIndexOf("conversation");

  /** Feeds the events (all but the last, unclosed conversation; or all, then a failure) to a session that records what it got. */
  async function run(limit: number, failed: boolean): Promise<string[]> {
    const written: string[] = [];
    const session: WriterSession = {
      begin() {},
      conversation() {},
      message() {},
      conversationEnd(c, s) {
        written.push(`${c.id} ${JSON.stringify(s)}`);
      },
      end(e) {
        written.push(JSON.stringify([...e.eachConversation!()]), JSON.stringify([...e.eachStats!()]), JSON.stringify(e.stats));
        expect(e.statsCount).toBe(Object.keys(e.stats).length);
        expect(e.conversationCount).toBe(5);
      },
    };
    async function* gen(): AsyncIterable<ChatEvent> {
      yield* failed ? events : events.slice(0, lastOpen);
      if (failed) throw new Error("cut off");
    }
    const spill = new RecordSpill("conversations", limit);
    const info = { sources: [], generator: { name: "chatport" as const, version: "0" }, generatedAt: "2020-01-01T00:00:00Z", zonePolicy: {} };
    try {
      await feedWriter(gen(), session, info, new DiagnosticCollector(), new Map(), undefined, undefined, new ConversationLog(spill, true)).catch((e: Error) => expect(e.message).toBe("cut off"));
    } finally {
      spill.close();
    }
    return written;
  }

  for (const limit of [Infinity, 64])
    it(`gives the counters one shared object per id gave (${limit === Infinity ? "in memory" : "spilled"})`, async () => {
      for (const failed of [false, true]) {
        const expected = oldStats(failed ? events : events.slice(0, lastOpen));
        const written = await run(limit, failed);
        const [entries, byId, record] = written.slice(-3).map((t) => JSON.parse(t));
        // The record's order, array-index ids first, and every conversation with its id's last counters.
        expect(JSON.stringify(record)).toBe(JSON.stringify(expected));
        expect(byId).toEqual(Object.entries(expected));
        expect(entries.map((e: { conversation: Conversation }) => e.conversation.id)).toEqual(["b", "42", "a", "b", "7"]);
        for (const e of entries) expect(e.stats).toEqual(expected[e.conversation.id]);
        expect(entries[0].conversation.kind).toBe("group");
        // Each close saw the counters as they stood then: the second "b" counts on from the first.
        expect(written.filter((w) => w.startsWith("b ")).map((w) => JSON.parse(w.slice(2)).messages)).toEqual([2, 6]);
      }
    });

  it("keeps each conversation's own counters in a counting pass, and finds the latest closed form by id", () => {
    const spill = new RecordSpill("test", 64);
    const log = new ConversationLog(spill, false);
    for (const [id, n, title] of [["x", 2, "one"], ["y", 1, "two"], ["x", 3, "three"]] as const) {
      const s = log.open(conv(id));
      for (let i = 1; i <= n; i++) countMessage(s, msg(id, i, "2020-01-01T00:00:00Z"));
      log.close({ ...conv(id), title }, s);
    }
    expect([...log.entries()].map((e) => [e.conversation.title, e.stats.messages])).toEqual([["one", 2], ["two", 1], ["three", 3]]);
    expect(log.closed("x")?.title).toBe("three");
    expect(log.closed("z")).toBeUndefined();
    expect(log.count).toBe(3);
    spill.close();
  });
});

describe("ParticipantBook", () => {
  it("acts as the Map it replaces, past its cache of recent people and its memory", () => {
    const spill = new RecordSpill("people", 1024);
    const book = new ParticipantBook(spill);
    const map = new Map<string, Participant>();
    const n = 10_000;
    for (let i = 0; i < n; i++) {
      const p = person(`qq:${i}`, `名${i}`);
      book.set(p.id, p);
      map.set(p.id, p);
    }
    // Renamed people keep their place; the first ones are long out of the cache.
    for (const i of [3, 9999, 0]) {
      const p = { ...person(`qq:${i}`, `新${i}`), aliases: [`名${i}`] };
      book.set(p.id, p);
      map.set(p.id, p);
    }
    expect(book.size).toBe(n);
    for (const id of ["qq:0", "qq:1", "qq:3", "qq:5000", "qq:9999"]) expect(book.get(id)).toEqual(map.get(id));
    expect(book.has("qq:10000")).toBe(false);
    expect(book.get("qq:10000")).toBeUndefined();
    expect([...book.values()]).toEqual([...map.values()]);
    spill.close();
  });
});

describe("convert", () => {
  // 3,000 sections: their records pass the MiB kept in memory, so the lists go to scratch files.
  const sections = Array.from({ length: 3000 }, (_, i) => ({ title: `朋友${i}`, messages: [{ time: "2020-01-01 10:00:00", sender: `朋友${i}(${100000 + i})`, body: "你好" }] }));
  const input = memorySource("many.txt", qqTxtSections(sections, "我的好友"));

  /** A writer that checks the scratch lists exist while it ends, then fails or not. */
  const probe = (fail: boolean): WriterPlugin => ({
    id: "probe",
    version: "1.0.0",
    displayName: "probe",
    fileExtension: ".txt",
    mediaType: "text/plain",
    options: z.object({}),
    create: () => ({
      begin() {},
      conversation() {},
      message() {},
      conversationEnd() {},
      end(e) {
        expect(spillDirs().length).toBeGreaterThan(0);
        expect(e.conversationCount).toBe(3000);
        expect(e.participantCount).toBe(3000);
        if (fail && !e.failure) throw new ChatportError("output-failed", "the probe fails");
      },
    }),
  });

  it("keeps its lists in scratch files while it runs, and removes them when it ends or fails", async () => {
    expect(spillDirs()).toEqual([]);
    const r = await convert(input, new Registry(builtinRegistry.readers(), [probe(false)]), { to: "probe", output: memorySink("x.txt"), tz: "Asia/Shanghai" });
    expect(r.conversations).toBe(3000);
    expect(Object.keys(r.stats)).toHaveLength(3000);
    expect(spillDirs()).toEqual([]);
    await expect(convert(input, new Registry(builtinRegistry.readers(), [probe(true)]), { to: "probe", output: memorySink("x.txt"), tz: "Asia/Shanghai" })).rejects.toThrow("the probe fails");
    expect(spillDirs()).toEqual([]);
  });

  it("gives the manifest and the end records what readAll reads", async () => {
    const archive = await readAll(input, builtinRegistry, { tz: "Asia/Shanghai" });
    const sink = memorySink("x.ndjson");
    const r = await convert(input, builtinRegistry, { to: "ndjson", output: sink, tz: "Asia/Shanghai", keepStats: false });
    expect(r.stats).toEqual({});
    const lines = sink.text().trim().split("\n").map((l) => JSON.parse(l));
    const end = lines.at(-1);
    expect(Object.keys(end.stats)).toEqual(archive.conversations.map((c) => c.id));
    expect(lines.filter((l) => l.type === "participant").slice(-3000).map((l) => l.id)).toEqual(archive.participants.map((p) => p.id));
  });
});
