import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { memorySource } from "../../src/io/source.js";
import type { Message } from "../../src/model/index.js";
import { readAll, readEvents, type ReadOptions } from "../../src/pipeline/index.js";
import { buildProbe } from "../../src/pipeline/probe.js";
import { detectQqCopy } from "./detect.js";

async function read(text: string, opts: ReadOptions = {}) {
  const diagnostics = new DiagnosticCollector();
  let accounting: Record<string, number> | undefined;
  for await (const _ev of readEvents(memorySource("copy.txt", text), builtinRegistry, { from: "qq-copy", ...opts, diagnostics: new DiagnosticCollector(), onAccounting: (a) => (accounting = a) }));
  const archive = await readAll(memorySource("copy.txt", text), builtinRegistry, { from: "qq-copy", ...opts, diagnostics });
  const messages: Message[] = archive.conversations.flatMap((c) => c.messages);
  return { archive, messages, diagnostics: diagnostics.list(), accounting: accounting! };
}

async function detect(text: string) {
  return detectQqCopy(await buildProbe(memorySource("x.txt", text)));
}

describe("qq-copy reader", () => {
  it("starts a message only at a boundary: a header-shaped body line under another body line stays text", async () => {
    const { messages, accounting } = await read("A 2020/1/2 10:00:00\nplan:\nB 2020/1/2 10:05:00\n\nB 2020/1/2 10:06:00\nok\n");
    expect(messages.map((m) => m.text)).toEqual(["plan:\nB 2020/1/2 10:05:00", "ok"]);
    expect(messages.map((m) => m.senderId)).toEqual(["qq-name:A", "qq-name:B"]);
    expect(accounting).toEqual({ linesRead: 6, linesInMessages: 5, linesStructural: 1, linesReported: 0 });
  });

  it("keeps blank lines inside a body, drops the ones at its end as separators", async () => {
    const { messages, accounting } = await read("A 10:00:00\none\n\n\ntwo\n\n\nB 10:00:01\n\n");
    expect(messages.map((m) => m.text)).toEqual(["one\n\n\ntwo", ""]);
    expect(messages[0]!.provenance.at).toEqual({ line: 1, endLine: 5 });
    expect(accounting).toEqual({ linesRead: 9, linesInMessages: 6, linesStructural: 3, linesReported: 0 });
  });

  it("dates a time-only header from the nearest divider above, and invents nothing without one, even with --tz", async () => {
    const text = "A 23:59:59\nno date\n\n— —  2020-2-21  — —\nA 23:59:59\ndated\n";
    const { messages, diagnostics } = await read(text, { tz: "Asia/Shanghai" });
    expect(messages[0]!.sentAt).toEqual({ raw: "23:59:59", basis: "floating", precision: "second" });
    expect(messages[0]!.extra).toEqual({ dateFrom: "none" });
    expect(messages[1]!.sentAt).toEqual({ raw: "23:59:59", wall: "2020-02-21T23:59:59", utc: "2020-02-21T15:59:59Z", offset: "+08:00", zone: "Asia/Shanghai", basis: "assumed-zone", precision: "second" });
    expect(messages[1]!.extra).toEqual({ dateFrom: "divider", divider: { line: 4, raw: "2020-2-21" } });
    const unknown = diagnostics.filter((d) => d.code === "date-unknown");
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.message).toMatch(/^1 message gives only a time of day/);
    expect(unknown[0]!.place).toEqual({ line: 1 });
    expect(messages[0]!.id).not.toBe(messages[1]!.id);
  });

  it("reports one date-unknown with the count, and reads the same under any host zone", async () => {
    const text = "A 8:00:00\nx\n\nB 8:00:01\ny\n\nA 2021/5/1 8:00:02\nz\n";
    const before = process.env.TZ;
    const runs = [];
    try {
      for (const tz of ["UTC", "America/New_York", "Asia/Kolkata"]) {
        process.env.TZ = tz;
        runs.push(await read(text));
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
    for (const r of runs) expect(JSON.stringify(r.messages)).toBe(JSON.stringify(runs[0]!.messages));
    const { messages, diagnostics } = runs[0]!;
    expect(diagnostics.filter((d) => d.code === "date-unknown").map((d) => d.message)).toEqual([
      '2 messages give only a time of day (the copy\'s "today") with no readable date divider above; kept with the raw time only, no date or instant invented.',
    ]);
    expect(messages[2]!.sentAt).toEqual({ raw: "2021/5/1 8:00:02", wall: "2021-05-01T08:00:02", basis: "floating", precision: "second" });
  });

  it("reads N/N/YYYY day-first when a first number is over 12, and marks --self by name", async () => {
    const { messages, archive } = await read("【群主】Ann 25/12/2020 9:00:00 PM\nhi\n\nBen 1/2/2021 10:00:00 AM\nyo\n", { readerOptions: { self: "Ann" } });
    expect(messages.map((m) => m.sentAt.wall)).toEqual(["2020-12-25T21:00:00", "2021-02-01T10:00:00"]);
    expect(messages[0]!.extra).toEqual({ senderTitle: "群主" });
    expect(archive.participants.find((p) => p.id === "qq-name:Ann")?.isSelf).toBe(true);
    expect(archive.participants.find((p) => p.id === "qq-name:Ben")?.isSelf).toBeUndefined();
  });

  it("reports lines before the first header and unreadable dividers with place and raw text", async () => {
    const { messages, diagnostics, accounting } = await read("note\nA 2020/1/1 1:00:00\nx\n\n— — 昨天 — —\nA 1:00:00\ny\n");
    expect(messages).toHaveLength(2);
    expect(messages[1]!.sentAt.wall).toBeUndefined();
    expect(diagnostics.filter((d) => d.code === "unrecognized-line").map((d) => [d.place, d.raw])).toEqual([
      [{ line: 1 }, "note"],
      [{ line: 5 }, "— — 昨天 — —"],
    ]);
    expect(accounting).toEqual({ linesRead: 7, linesInMessages: 4, linesStructural: 1, linesReported: 2 });
  });
});

describe("qq-copy detection", () => {
  it("claims copies moderately", async () => {
    expect((await detect("A 2020/1/1 1:00:00\nx\n\nB 2020/1/1 1:00:01\ny\n\nA 2020/1/1 1:00:02\nz\n"))?.confidence).toBe(0.75);
    expect((await detect("A 1:00:00\nx\n\nB 1:00:01\ny\n\nA 1:00:02\nz\n"))?.confidence).toBe(0.65);
    expect((await detect("A 1:00:00\nx\n"))?.confidence).toBe(0.5);
  });

  it("stands down on QQ TXT exports, prose and long preambles", async () => {
    expect(await detect("2017-01-01 8:36:52 Alice(12345)\nhi\n\n2017-01-01 8:37:00 Bob(23456)\nyo\n")).toBeNull();
    expect(await detect("消息记录（此消息记录为文本格式，不支持重新导入）\n\nA 1:00:00\nx\n")).toBeNull();
    expect(await detect("Dear all,\n\nthe meeting starts at 10:00:00\n\nplease be on time.\n\nthanks\n")).toBeNull();
    expect(await detect("1\n2\n3\n4\n5\n6\nA 1:00:00\nx\n\nB 1:00:01\ny\n\nA 1:00:02\nz\n")).toBeNull();
  });
});
