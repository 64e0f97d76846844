/**
 * Lists of hostile length must not be spread into function arguments: arguments live on the stack, and
 * ~120k of them overflow it ("Maximum call stack size exceeded", reported as a bug). Found with a QQ
 * sender name of 10 MB (the rsmf writer spread its ~10^5 encoded-words into one call); the same pattern
 * stood in the folder walk (a media folder of that many files) and the rsmf collection id (one source per
 * file of a folder input).
 */
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { memorySink, memorySource } from "../../src/io/index.js";
import { convert, feedWriter } from "../../src/pipeline/index.js";
import type { ArchiveInfo, ChatEvent, WriteContext } from "../../src/plugin/types.js";
import { rsmfWriter } from "../../formats/rsmf/index.js";
import { conv, msg } from "../helpers/rsmf-fixtures.js";
import { qqTxt } from "../helpers/qq-txt-build.js";

const MANY = 200_000;

describe("lists longer than the stack holds as arguments", () => {
  afterEach(() => vi.doUnmock("node:fs/promises"));

  it("rsmf: a sender name of 6 MB is written, not a stack overflow", async () => {
    const name = "名".repeat(2_000_000); // 6 MB of UTF-8: ~133k encoded-words in To: and X-RSMF-Participants
    const input = qqTxt("测试", [
      { time: "2020-01-01 10:00:00", sender: `${name}(10001)`, body: "你好" },
      { time: "2020-01-01 10:01:00", sender: "小明(10002)", body: "后来" },
    ]);
    const sink = memorySink("chat.rsmf");
    const r = await convert(memorySource("chat.txt", input), builtinRegistry, { to: "rsmf", output: sink, tz: "Asia/Shanghai" });
    expect(r.messages).toBe(2);
    const head = Buffer.from(sink.bytes()).toString("latin1");
    const to = /^To:((?:.*\r\n)(?: .*\r\n)*)/m.exec(head)![1]!;
    const words = to.match(/=\?utf-8\?B\?[A-Za-z0-9+/=]+\?=/g)!;
    expect(words.length).toBeGreaterThan(130_000);
    expect(Buffer.concat(words.map((w) => Buffer.from(w.slice(10, -2), "base64"))).toString("utf8")).toContain(name);
  }, 60_000);

  it("rsmf: the event collection id of an input of 200,000 files", async () => {
    const sources = Array.from({ length: MANY }, (_, i) => ({ path: `in/p${i}`, bytes: 0, sha256: i.toString(16).padStart(64, "0"), reader: "test", readerVersion: "1" }));
    const info: ArchiveInfo = { sources, generator: { name: "chatport", version: "0.0.0" }, generatedAt: "2024-05-01T00:00:00Z", zonePolicy: {} };
    const sink = memorySink("x.rsmf");
    const diagnostics = new DiagnosticCollector();
    const ctx: WriteContext = { writerId: "rsmf", options: {}, report: (code, r) => diagnostics.report("rsmf", code, r), participant: () => undefined };
    async function* events(): AsyncIterable<ChatEvent> {
      yield { type: "conversation", conversation: conv };
      yield { type: "message", message: msg({ id: "m1", seq: 1, text: "hi" }) };
      yield { type: "conversation-end", conversation: conv };
    }
    await feedWriter(events(), rsmfWriter.create(sink, ctx), info, diagnostics);
    const id = /X-RSMF-EventCollectionID: (\S+)/.exec(Buffer.from(sink.bytes()).toString("latin1"))![1];
    // shortHash: the first 16 hex digits of SHA-256 of its parts joined by U+0000.
    const expected = createHash("sha256").update(["rsmf", ...sources.map((s) => s.sha256)].join("\u0000")).digest("hex").slice(0, 16);
    expect(id).toBe(`chatport-${expected}`);
  });

  it("a folder input whose subfolder holds 200,000 files is listed", async () => {
    const dirent = (name: string, dir: boolean) => ({ name, isDirectory: () => dir, isFile: () => !dir, isSymbolicLink: () => false });
    // The folder is read entry by entry (opendir), as the real one is.
    vi.doMock("node:fs", async (orig) => {
      const real = await orig<typeof import("node:fs")>();
      const opendirSync = (p: string) => {
        const photos = String(p).endsWith("photos");
        let i = 0;
        return {
          readSync: () => (photos ? (i < MANY ? dirent(`p${i++}.jpg`, false) : null) : [dirent("photos", true), dirent("result.json", false)][i++] ?? null),
          closeSync: () => undefined,
        };
      };
      return { ...real, opendirSync };
    });
    vi.resetModules();
    const { directoryTree } = await import("../../src/io/source.js");
    const list = await directoryTree("/nowhere/export", "export").list();
    expect(list).toHaveLength(MANY + 1);
    expect(list).toContain("photos/p199999.jpg");
    expect(list).toContain("result.json");
  });
});
