/** The real 2017 group export (anonymised excerpt); facts from corpus/SOURCES.md. */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertAccounting, assertReaderContract } from "../helpers/contract.js";
import { readBoth } from "../helpers/read.js";
import { CORPUS } from "../helpers/samples.js";

const FILE = join(CORPUS, "qq-txt", "group-2017-headerless.txt");

describe.runIf(existsSync(FILE))("corpus qq-txt/group-2017-headerless.txt", async () => {
  const before = existsSync(FILE) ? { bytes: readFileSync(FILE), mtime: statSync(FILE).mtimeMs } : undefined;
  const { events, archive, accounting } = await readBoth(FILE, { tz: "Asia/Shanghai" });
  const messages = archive.conversations.flatMap((c) => c.messages);

  it("reads exactly 5,053 messages in one conversation with nothing unaccounted", () => {
    expect(archive.conversations).toHaveLength(1);
    expect(messages).toHaveLength(5053);
    assertAccounting(accounting!);
    expect(accounting!.linesReported).toBe(0);
    expect(archive.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    assertReaderContract("qq-txt", events, archive);
  });

  it("spans 2017-01-01 8:36:52 .. 2017-01-12 17:20:10 with the stated per-day counts", () => {
    expect(messages[0]!.sentAt).toMatchObject({ raw: "2017-01-01 8:36:52", wall: "2017-01-01T08:36:52", utc: "2017-01-01T00:36:52Z" });
    expect(messages.at(-1)!.sentAt.raw).toBe("2017-01-12 17:20:10");
    const perDay: Record<string, number> = {};
    for (const m of messages) perDay[m.sentAt.wall!.slice(5, 10)] = (perDay[m.sentAt.wall!.slice(5, 10)] ?? 0) + 1;
    expect(perDay).toEqual({ "01-01": 26, "01-02": 5, "01-03": 94, "01-04": 433, "01-05": 193, "01-06": 347, "01-07": 481, "01-08": 1119, "01-09": 541, "01-10": 1062, "01-11": 433, "01-12": 319 });
  });

  it("splits senders as stated: 180 ids, 456 e-mail ids, 109 system headers, 6 empty names, 149 titles", () => {
    expect(new Set(messages.map((m) => m.senderId)).size).toBe(180);
    const byId = new Map(archive.participants.map((p) => [p.id, p]));
    expect(messages.filter((m) => byId.get(m.senderId!)?.handles[0]?.kind === "email")).toHaveLength(456);
    expect(messages.filter((m) => m.senderId === "qq:10000")).toHaveLength(109);
    // System kind = the 109 notices of 系统消息(10000) + the 4 [群签到] check-ins.
    expect(messages.filter((m) => m.kind === "system")).toHaveLength(113);
    expect(messages.filter((m) => m.kind === "system" && m.text.startsWith("[群签到]"))).toHaveLength(4);
    expect(archive.participants.filter((p) => p.displayName === p.handles[0]?.value && !/@/.test(p.displayName)).length).toBeGreaterThan(0);
    const titles: Record<string, number> = {};
    for (const m of messages) if (m.extra?.senderTitle) titles[m.extra.senderTitle as string] = (titles[m.extra.senderTitle as string] ?? 0) + 1;
    expect(titles).toEqual({ 金: 47, 管理员: 28, 白金: 22, 老司机: 17, 钻石: 11, 辅导员: 7, 群主: 7, 银: 5, 铜: 2, "👑皇冠": 2, 哆啦A: 1 });
    expect(archive.conversations[0]!.kind).toBe("group");
  });

  it("keeps bodies whole: 114 empty, placeholders counted, trailing spaces and bare-LF breaks kept", () => {
    expect(messages.filter((m) => m.text === "")).toHaveLength(114);
    const count = (s: string) => messages.reduce((n, m) => n + m.text.split(s).length - 1, 0);
    expect(count("[表情]")).toBe(797);
    expect(count("[图片]")).toBe(480);
    expect(count("[QQ红包]")).toBe(15);
    expect(count("[群签到]")).toBe(4);
    // SOURCES.md counts 94 CRLF-split lines ending in a space; one more segment ends in a space
    // before a bare LF (a user line break), so 95 text lines end in a space.
    const lines = messages.flatMap((m) => m.text.split("\n"));
    expect(lines.filter((l) => l.endsWith(" ")).length).toBe(95);
    expect(messages.filter((m) => m.text.endsWith(" ")).length).toBeGreaterThan(0);
    expect(messages.reduce((n, m) => n + m.attachments.filter((a) => a.kind === "image").length, 0)).toBe(480);
  });

  it("leaves the input untouched", () => {
    expect(readFileSync(FILE).equals(before!.bytes)).toBe(true);
    expect(statSync(FILE).mtimeMs).toBe(before!.mtime);
  });
});
