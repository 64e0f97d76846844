import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { ChatportError } from "../src/diagnostics/errors.js";
import { memorySink, memorySource } from "../src/io/index.js";
import { attachmentOpener, convert, feedWriter, readAll } from "../src/pipeline/index.js";
import { DiagnosticCollector } from "../src/diagnostics/collector.js";
import { rsmfWriter } from "../formats/rsmf/index.js";
import { wallTimestamp } from "../src/time/index.js";
import { siblingName } from "../formats/rsmf/writer.js";
import { manyMessages, qqTxt, qqTxtSections } from "./helpers/qq-txt-build.js";
import { parseRsmf, rsmfProblems } from "./helpers/rsmf.js";
import { discoverSamples, materialise, REPO } from "./helpers/samples.js";
import { runCapture } from "./helpers/cli.js";
import { conv, DIRECT, msg, PNG, writeDirect } from "./helpers/rsmf-fixtures.js";

const GENERATED = "2024-05-01T00:00:00Z";

const SAMPLE = qqTxt("测试群", [
  { time: "2017-01-01 8:36:52", sender: "成员001(member001@example.com)", body: "好运2017，大家加油" },
  { time: "2017-01-01 8:55:00", sender: "成员002(800015838)", body: "第一行\n第二行 with ASCII" },
  { time: "2017-01-01 9:09:03", sender: "(800039595)", body: "[图片]" },
  { time: "2017-01-01 9:10:41", sender: "系统消息(10000)", body: "成员004加入本群" },
]);

async function toRsmf(text: string, opts: { tz?: string; writerOptions?: Record<string, unknown> } = {}) {
  const sink = memorySink("chat.rsmf");
  const result = await convert(memorySource("chat.txt", text), builtinRegistry, { to: "rsmf", output: sink, generatedAt: GENERATED, ...opts });
  return { bytes: sink.bytes(), result };
}

describe("rsmf writer on a QQ TXT export", () => {
  it("writes one valid .rsmf: headers, text part, one base64 rsmf.zip with the manifest", async () => {
    const { bytes, result } = await toRsmf(SAMPLE, { tz: "Asia/Shanghai" });
    expect(result.outputs).toEqual([]);
    const p = await parseRsmf(bytes);
    expect(rsmfProblems(p)).toEqual([]);
    expect(p.rawHeaders.get("x-rsmf-version")).toBe("2.0.0");
    expect(p.rawHeaders.get("x-rsmf-generator")).toMatch(/^chatport \d+\.\d+\.\d+/);
    expect(p.rawHeaders.get("x-rsmf-eventcount")).toBe("4");
    expect(p.rawHeaders.get("x-rsmf-begindate")).toBe("2017-01-01T00:36:52Z");
    expect(p.rawHeaders.get("x-rsmf-enddate")).toBe("2017-01-01T01:10:41Z");
    expect(p.rawHeaders.get("x-rsmf-application")).toBe("qq");
    expect(p.rawHeaders.get("x-rsmf-attachmentcount")).toBe("0");
    expect(p.rawHeaders.get("x-rsmf-eventcollectionid")).toMatch(/^chatport-[0-9a-f]{16}$/);
    expect(p.rawHeaders.get("date")).toBe("Sun, 01 Jan 2017 00:36:52 +0000");
    // RFC 2047 header text decodes back to the Chinese names.
    expect(p.headers.get("x-rsmf-participants")).toContain("成员001");
    expect(p.headers.get("subject")).toBe("测试群");
    expect(p.zipNames).toEqual(["rsmf_manifest.json"]);

    const m = p.manifest;
    expect(m.version).toBe("2.0.0");
    expect(m.events).toHaveLength(4);
    const [e1, e2, e3, e4] = m.events;
    expect(e1.type).toBe("message");
    expect(e1.timestamp).toBe("2017-01-01T00:36:52Z");
    expect(e1.body).toBe("好运2017，大家加油");
    expect(e1.participant).toBe("qq:member001@example.com");
    const custom = (e: { custom: { name: string; value: string }[] }) => Object.fromEntries(e.custom.map((c) => [c.name, c.value]));
    expect(custom(e1)).toMatchObject({ time_raw: "2017-01-01 8:36:52", local_time: "2017-01-01T08:36:52+08:00 Asia/Shanghai", time_basis: "assumed-zone", time_precision: "second", chatport_kind: "text" });
    expect(e2.body).toBe("第一行\n第二行 with ASCII");
    expect(custom(e3).attachment_unavailable).toBe("image (omitted)");
    expect(e3.participant).toBe("qq:800039595");
    expect(e4.type).toBe("unknown");
    expect(custom(e4).chatport_kind).toBe("system");
    const conv = m.conversations[0];
    expect(conv).toMatchObject({ display: "测试群", platform: "qq", type: "channel" });
    expect(m.participants.find((x: { id: string }) => x.id === "qq:member001@example.com")).toMatchObject({ display: "成员001", email: "member001@example.com" });
    expect(m.participants.find((x: { id: string }) => x.id === "qq:800015838")).toMatchObject({ display: "成员002", account_id: "800015838" });
    expect(p.text).toContain("2017-01-01 08:36:52 UTC+08:00 (Asia/Shanghai)  成员001 (qq:member001@example.com):");
    expect(p.text).toContain("    第二行 with ASCII");
  });

  it("is byte-identical on a second run and under another host time zone", async () => {
    const a = (await toRsmf(SAMPLE, { tz: "Asia/Shanghai" })).bytes;
    const saved = process.env.TZ;
    process.env.TZ = "America/Los_Angeles";
    try {
      const b = (await toRsmf(SAMPLE, { tz: "Asia/Shanghai" })).bytes;
      expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it("fails on the first zone-less time, before writing anything, telling the user to pass --tz", async () => {
    const sink = memorySink("chat.rsmf");
    const err = await convert(memorySource("chat.txt", SAMPLE), builtinRegistry, { to: "rsmf", output: sink, generatedAt: GENERATED }).catch((e) => e);
    expect(err).toBeInstanceOf(ChatportError);
    expect(err.kind).toBe("usage");
    expect(err.code).toBe("timezone-floating");
    expect(err.message).toMatch(/chat\.txt line \d+ has the time "2017-01-01 8:36:52" with no time zone: pass --tz <zone>/);
    expect(err.message.split(/\.\s/)).toHaveLength(1);
    expect(sink.bytes().byteLength).toBe(0);
  });

  it("writes no events (but a valid file) for an export without messages", async () => {
    const { bytes } = await toRsmf(qqTxt("空群", []), { tz: "Asia/Shanghai" });
    const p = await parseRsmf(bytes);
    expect(rsmfProblems(p)).toEqual([]);
    expect(p.manifest.events).toEqual([]);
    expect(p.rawHeaders.get("x-rsmf-eventcount")).toBe("0");
    expect(p.rawHeaders.has("x-rsmf-begindate")).toBe(false);
  });

  it("refuses to slice into stdout-like outputs", async () => {
    const err = await toRsmf(qqTxt("群", manyMessages(5)), { tz: "UTC", writerOptions: { maxEvents: 2 } }).catch((e) => e);
    expect(err).toBeInstanceOf(ChatportError);
    expect(err.message).toMatch(/more than 2 events.*-o/);
  });
});

describe("rsmf slices", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "chatport-rsmf-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("names siblings name.002.rsmf …", () => {
    expect(siblingName("/x/y/chat.rsmf", 2)).toBe("chat.002.rsmf");
    expect(siblingName("chat.RSMF", 12)).toBe("chat.012.rsmf");
    expect(siblingName("out", 3)).toBe("out.003.rsmf");
  });

  it("splits 10,001 events into 10,000 + 1 sharing one eventcollectionid", async () => {
    const n = 10_001;
    const out = join(dir, "big", "chat.rsmf");
    const result = await convert(memorySource("big.txt", qqTxt("大群", manyMessages(n))), builtinRegistry, { to: "rsmf", output: out, tz: "Asia/Shanghai", generatedAt: GENERATED });
    expect(result.messages).toBe(n);
    expect((await readdir(join(dir, "big"))).sort()).toEqual(["chat.002.rsmf", "chat.rsmf", "chat.rsmf.manifest.json"]);
    expect(result.outputs.map((o) => o.split("/").pop())).toEqual(["chat.rsmf", "chat.002.rsmf"]);
    const a = await parseRsmf(await readFile(out));
    const b = await parseRsmf(await readFile(join(dir, "big", "chat.002.rsmf")));
    expect(rsmfProblems(a)).toEqual([]);
    expect(rsmfProblems(b)).toEqual([]);
    expect(a.manifest.events).toHaveLength(10_000);
    expect(b.manifest.events).toHaveLength(1);
    expect(a.rawHeaders.get("x-rsmf-eventcount")).toBe("10000");
    expect(b.rawHeaders.get("x-rsmf-eventcount")).toBe("1");
    expect(a.manifest.eventcollectionid).toBe(b.manifest.eventcollectionid);
    expect(a.rawHeaders.get("x-rsmf-slicenumber")).toBe("1");
    expect(b.rawHeaders.get("x-rsmf-slicenumber")).toBe("2");
    // 10,000 s after 08:00:00 local on 2017-01-01 = 10:46:40 local = 02:46:40Z.
    expect(a.rawHeaders.get("x-rsmf-begindate")).toBe("2017-01-01T00:00:00Z");
    expect(a.rawHeaders.get("x-rsmf-enddate")).toBe("2017-01-01T02:46:39Z");
    expect(b.manifest.events[0].timestamp).toBe("2017-01-01T02:46:40Z");
    expect(b.manifest.events[0].body).toBe("消息 10000");
    const ids = new Set([...a.manifest.events, ...b.manifest.events].map((e: { id: string }) => e.id));
    expect(ids.size).toBe(n);
    // The conversation continues in the second slice, with its participants.
    expect(b.manifest.conversations.map((c: { display: string }) => c.display)).toEqual(["大群"]);
    expect(a.text).toContain("continued in the next file");
  });

  it("honours maxEvents: 7 events in slices of 3 → 3 + 3 + 1", async () => {
    const out = join(dir, "small", "c.rsmf");
    await convert(memorySource("s.txt", qqTxt("群", manyMessages(7))), builtinRegistry, { to: "rsmf", output: out, tz: "UTC", writerOptions: { maxEvents: 3 }, generatedAt: GENERATED });
    const files = (await readdir(join(dir, "small"))).filter((f) => f.endsWith(".rsmf")).sort();
    expect(files).toEqual(["c.002.rsmf", "c.003.rsmf", "c.rsmf"]);
    const counts = [];
    for (const f of ["c.rsmf", "c.002.rsmf", "c.003.rsmf"]) {
      const p = await parseRsmf(await readFile(join(dir, "small", f)));
      expect(rsmfProblems(p)).toEqual([]);
      counts.push(p.manifest.events.length);
    }
    expect(counts).toEqual([3, 3, 1]);
  });

  it("reads present attachments of a file input from the folder beside it", async () => {
    const folder = join(dir, "att");
    await mkdir(join(folder, "media"), { recursive: true });
    await writeFile(join(folder, "media", "a.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
    const open = attachmentOpener({ kind: "file", name: "chat.txt", path: join(folder, "chat.txt"), size: 1, stream: async function* () {}, head: async () => new Uint8Array() });
    const src = await open!({ id: "x", kind: "image", availability: "present", path: "media/a.png" });
    expect(src?.size).toBe(7);
    expect(await open!({ id: "y", kind: "image", availability: "present", path: "../att/media/a.png" })).toBeUndefined();
    expect(await open!({ id: "z", kind: "image", availability: "present", path: "media/none.png" })).toBeUndefined();
    expect(attachmentOpener(memorySource("m.txt", "x"))).toBeUndefined();
  });
});

describe("rsmf writer mapping (direct)", () => {
  it("copies present attachment bytes into rsmf.zip and lists the rest as unavailable", async () => {
    const { bytes, diagnostics } = await writeDirect(DIRECT);
    const p = await parseRsmf(bytes);
    expect(rsmfProblems(p)).toEqual([]);
    expect(p.zipNames).toEqual(["rsmf_manifest.json", "m1_photo_1.png", "m3_file.txt"]);
    expect(Buffer.compare(Buffer.from(p.zip["m1_photo_1.png"]!), Buffer.from(PNG))).toBe(0);
    expect(new TextDecoder().decode(p.zip["m3_file.txt"])).toBe("合同 v2\n");
    expect(p.rawHeaders.get("x-rsmf-attachmentcount")).toBe("2");
    const [e1, e2, e3, e4] = p.manifest.events;
    expect(e1.attachments).toEqual([{ id: "m1_photo_1.png", display: "photo 1.png", size: PNG.byteLength }]);
    const c3 = Object.fromEntries(e3.custom.map((c: { name: string; value: string }) => [c.name, c.value]));
    expect(c3.attachment_sha256).toMatch(/^m3_file\.txt [0-9a-f]{64}$/);
    expect(c3.attachment_unavailable).toBe("video v.mp4 (missing); image gone.png (file not found at media/gone.png)");
    expect(c3.status).toBe("recalled");
    expect(e3.deleted).toBe(true);
    expect(e1.direction).toBe("incoming");
    expect(e2.direction).toBe("outgoing");
    expect(e2.reactions).toEqual([{ value: "👍", count: 2, participants: ["u:alice", "u:bob"] }]);
    expect(e2.edits).toEqual([{ participant: "u:me", timestamp: "2023-11-14T22:15:00Z" }]);
    expect(e2.custom).toContainEqual({ name: "reply_to", value: "m1" });
    expect(e2.parent).toBeUndefined();
    expect(e4).toMatchObject({ type: "join", body: "Bob joined" });
    const e5 = p.manifest.events[4];
    expect(e5.body).toBe("群聊的聊天记录\n2023-11-15 06:13:21 UTC+08:00 (Asia/Shanghai) Bobby: 大家好\n2023-11-15 06:13:22 UTC+08:00 (Asia/Shanghai) Carol: [image]");
    expect(e5.custom).toContainEqual({ name: "forwarded_messages", value: "2" });
    expect(e4.participant).toBeUndefined();
    expect(p.manifest.conversations[0]).toMatchObject({ type: "direct", custodian: "u:me", platform: "wechat" });
    // u:bob only reacted: still a participant, named from its id.
    expect(p.manifest.participants.map((x: { id: string }) => x.id)).toEqual(["u:me", "u:alice", "u:bob"]);
    expect(p.manifest.participants[1]).toMatchObject({ display: "Alice 王", email: "alice@example.org", account_id: "wxid_alice" });
    expect(p.headers.get("x-rsmf-custodian")).toBe("Me");
    expect(p.rawHeaders.get("from")).toBe('"Me" <>');
    expect(diagnostics.map((d) => d.code).sort()).toEqual(["attachment-changed", "attachment-missing"]);
  });

  it("writes event timestamps as UTC with Z, ':00' added to minute precision", async () => {
    const minute = wallTimestamp("2024-03-01 10:00", { year: 2024, month: 3, day: 1, hour: 10, minute: 0, second: 0 }, "minute", "Asia/Shanghai");
    const { bytes } = await writeDirect([
      { type: "conversation", conversation: conv },
      { type: "message", message: msg({ id: "x1", seq: 1, text: "t", sentAt: minute }) },
      { type: "conversation-end", conversation: conv },
    ]);
    const p = await parseRsmf(bytes);
    expect(p.manifest.events[0].timestamp).toBe("2024-03-01T02:00:00Z");
    expect(p.manifest.events[0].custom).toContainEqual({ name: "time_precision", value: "minute" });
  });
});

describe("rsmf on every sample case", () => {
  const cases = discoverSamples().filter((c) => !c.options.expectError);
  it.each(cases.map((c) => [`${c.format}/${c.name}`, c] as const))("%s converts to valid RSMF with its present attachments in the zip", async (_n, c) => {
    const input = materialise(c);
    const opts = { ...(c.options.from ? { from: c.options.from } : {}), tz: c.options.tz ?? "UTC", readerOptions: c.options.readerOptions ?? {} };
    const archive = await readAll(input, builtinRegistry, opts);
    const out = await mkdtemp(join(tmpdir(), "chatport-rsmf-sample-"));
    try {
      const result = await convert(input, builtinRegistry, { ...opts, to: "rsmf", output: join(out, "x.rsmf"), generatedAt: GENERATED });
      const events: { id: string; attachments?: { id: string }[] }[] = [];
      const zips: Record<string, Uint8Array> = {};
      // Other outputs (media extracted beside the output) are not slices.
      for (const f of result.outputs.filter((o) => o.endsWith(".rsmf"))) {
        const p = await parseRsmf(await readFile(f));
        expect(rsmfProblems(p)).toEqual([]);
        events.push(...p.manifest.events);
        Object.assign(zips, p.zip);
      }
      const messages = archive.conversations.flatMap((cv) => cv.messages);
      expect(events.map((e) => e.id)).toEqual(messages.map((m) => m.id));
      const root = statSync(input).isDirectory() ? input : dirname(input);
      // This sample has an image file on disk (FileStorage/MsgAttach/…/a1b2c3d4e5.dat).
      if (c.name === "folder-shards-group") expect(Object.keys(zips).filter((k) => k !== "rsmf_manifest.json").length).toBeGreaterThan(0);
      for (const m of messages) {
        const present = m.attachments.filter((a) => a.availability === "present" && a.path);
        const ev = events.find((e) => e.id === m.id)!;
        expect(ev.attachments?.length ?? 0).toBe(present.length);
        present.forEach((a, i) => {
          const zipped = Buffer.from(zips[ev.attachments![i]!.id]!);
          // Files on disk must be copied byte for byte; embedded media (MHT parts, voice clips inside a
          // WeChat MediaMSG database) must match their hash.
          if (!a.path!.startsWith("mht:") && !/\.db:\w+\//.test(a.path!)) expect(zipped.equals(readFileSync(join(root, a.path!)))).toBe(true);
          expect(createHash("sha256").update(zipped).digest("hex")).toBe(a.sha256);
        });
      }
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

describe("rsmf slice boundaries at a conversation change", () => {
  it("a conversation that starts right after a full slice appears only in the next slice", async () => {
    const out = await mkdtemp(join(tmpdir(), "chatport-rsmf-bound-"));
    try {
      const text = qqTxtSections([
        { title: "甲群", messages: manyMessages(3) },
        { title: "乙群", messages: manyMessages(2) },
      ]);
      const r = await convert(memorySource("b.txt", text), builtinRegistry, { to: "rsmf", output: join(out, "b.rsmf"), tz: "UTC", writerOptions: { maxEvents: 3 }, generatedAt: GENERATED });
      const [a, b] = await Promise.all(r.outputs.map(async (f) => parseRsmf(await readFile(f))));
      expect(a!.manifest.conversations.map((c: { display: string }) => c.display)).toEqual(["甲群"]);
      expect(b!.manifest.conversations.map((c: { display: string }) => c.display)).toEqual(["乙群"]);
      expect(b!.manifest.events).toHaveLength(2);
      expect(rsmfProblems(a!)).toEqual([]);
      expect(rsmfProblems(b!)).toEqual([]);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

describe("chatport convert --to rsmf (CLI)", () => {
  const SAMPLE_TXT = join(REPO, "samples/qq-txt/group-basic/input.txt");
  it("without --tz exits 2 with one sentence naming the file, line and --tz", async () => {
    const out = await mkdtemp(join(tmpdir(), "chatport-rsmf-cli-"));
    try {
      const r = await runCapture(["convert", SAMPLE_TXT, "--to", "rsmf", "-o", join(out, "x.rsmf")]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/input\.txt line \d+ has the time "[^"]+" with no time zone: pass --tz <zone>/);
      expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it("with --tz writes a valid .rsmf and names it in the summary", async () => {
    const out = await mkdtemp(join(tmpdir(), "chatport-rsmf-cli-"));
    try {
      const r = await runCapture(["convert", SAMPLE_TXT, "--to", "rsmf", "-o", join(out, "x.rsmf"), "--tz", "Asia/Shanghai"]);
      expect(r.code, r.err).toBe(0);
      expect(r.err).toContain("x.rsmf");
      const p = await parseRsmf(await readFile(join(out, "x.rsmf")));
      expect(rsmfProblems(p)).toEqual([]);
      expect(p.manifest.events).toHaveLength(8);
      expect(p.manifest.events[0].timestamp).toBe("2021-03-06T01:02:11Z");
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

describe("rsmf when reading fails part-way", () => {
  it("still closes a valid file holding the events read, marked X-RSMF-Incomplete", async () => {
    const sink = memorySink("f.rsmf");
    const ctx = { writerId: "rsmf", options: {}, report: () => {}, participant: () => undefined };
    async function* broken() {
      yield { type: "conversation" as const, conversation: conv };
      yield { type: "message" as const, message: msg({ id: "k1", seq: 1, text: "before the damage" }) };
      throw new ChatportError("input-damaged", "chat.json is cut off at byte 120.");
    }
    const info = { sources: [], generator: { name: "chatport" as const, version: "0.0.0" }, generatedAt: GENERATED, zonePolicy: {} };
    await expect(feedWriter(broken(), rsmfWriter.create(sink, ctx), info, new DiagnosticCollector())).rejects.toThrow(/cut off/);
    const p = await parseRsmf(sink.bytes());
    expect(rsmfProblems(p)).toEqual([]);
    expect(p.manifest.events.map((e: { body: string }) => e.body)).toEqual(["before the damage"]);
    expect(p.rawHeaders.get("x-rsmf-incomplete")).toBe("reading stopped early: chat.json is cut off at byte 120.");
    expect(p.text).toContain("INCOMPLETE: reading stopped early");
  });
});

describe("rsmf slice memory (issue 7)", () => {
  it("streams a slice's manifest and text part in bounded pieces, never one string for the whole slice", async () => {
    // 6,000 events in one slice: ~3.5 MB of manifest. Before, the manifest went to the sink as one
    // ~4.7 MB base64 string (and the text part inside one header string): peak RSS 185–191 MiB at
    // 250k–1M QQ messages. Now every write is at most a base64'd 64 Ki-character batch.
    const inner = memorySink("chat.rsmf");
    let largest = 0;
    const sink = {
      ...inner,
      write(chunk: string | Uint8Array) {
        largest = Math.max(largest, typeof chunk === "string" ? chunk.length : chunk.byteLength);
        return inner.write(chunk);
      },
    };
    await convert(memorySource("chat.txt", qqTxt("群", manyMessages(6000))), builtinRegistry, { to: "rsmf", output: sink, tz: "UTC", generatedAt: GENERATED });
    const bytes = inner.bytes();
    expect(bytes.byteLength).toBeGreaterThan(3_000_000);
    expect(largest).toBeLessThanOrEqual(300_000);
    const p = await parseRsmf(bytes);
    expect(rsmfProblems(p)).toEqual([]);
    expect(p.manifest.events).toHaveLength(6000);
    expect(p.manifest.events[5999].body).toBe("消息 5999");
    expect(p.text).toContain("消息 5999");
  });
});
