/**
 * Hostile input: one QQ message made of a million media placeholders ("[图片][表情]…", 6 bytes each).
 * Each became an omitted attachment object, so a 12 MB file took a 675 MB process to html. Now the
 * first MAX_OMITTED of a message are attachments, the text keeps all of them, and an
 * `oversized-record` diagnostic says so (qq-txt, and qq-mht, which classifies text the same way).
 */
import { describe, expect, it } from "vitest";
import { MAX_OMITTED, classifyBody } from "../../formats/qq-txt/body.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { memorySource, readAll } from "../../src/index.js";
import { buildMht, font, row } from "../helpers/qq-mht-build.js";
import { qqTxt } from "../helpers/qq-txt-build.js";

const MANY = 200_000;

describe("media placeholders beyond MAX_OMITTED in one message", () => {
  it("classifyBody makes the first MAX_OMITTED attachments and counts the rest", () => {
    const c = classifyBody("[图片]".repeat(MANY), false);
    expect(c.omitted).toHaveLength(MAX_OMITTED);
    expect(c.beyond).toBe(MANY - MAX_OMITTED);
    expect(c.kind).toBe("image");
    // A kind seen only beyond the cap still decides the message's kind (mixed media → image).
    expect(classifyBody("[语音]".repeat(MAX_OMITTED) + "[视频]", false).kind).toBe("image");
    expect(classifyBody("[语音]".repeat(MAX_OMITTED + 5), false).kind).toBe("voice");
    const few = classifyBody("[图片]".repeat(MAX_OMITTED), false);
    expect(few.beyond).toBeUndefined();
    expect(few.omitted).toHaveLength(MAX_OMITTED);
  });

  it("qq-txt: the text keeps every placeholder; a diagnostic names the message", async () => {
    const body = "[图片][表情]/微笑 ".repeat(MANY / 2);
    const diagnostics = new DiagnosticCollector();
    const a = await readAll(memorySource("chat.txt", qqTxt("测试", [{ time: "2020-01-01 10:00:00", sender: "小明(10001)", body }, { time: "2020-01-01 10:01:00", sender: "小明(10001)", body: "后来" }])), { diagnostics });
    const [m, next] = a.conversations[0]!.messages;
    expect(m!.text).toBe(body);
    expect(m!.attachments).toHaveLength(MAX_OMITTED);
    expect(m!.attachments.map((x) => x.kind).slice(0, 2)).toEqual(["image", "sticker"]);
    expect(next!.attachments).toHaveLength(0);
    // (The line, 1.1M characters, also gets the over-1-MiB one.)
    const d = a.diagnostics.filter((x) => x.code === "oversized-record" && x.message.includes("media placeholders"));
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toContain(`${MANY} media placeholders`);
    expect(d[0]!.place).toEqual(m!.provenance.at);
  });

  it("qq-mht: the same cap on placeholders written as text", async () => {
    const rows = [row.title(), row.group("我的好友"), row.object("张三"), row.date("2020-02-11"), row.message("张三(10001)", "10:00:00", font("[表情]".repeat(MANY)))];
    const diagnostics = new DiagnosticCollector();
    const a = await readAll(memorySource("chat.mht", buildMht({ rows })), { from: "qq-mht", diagnostics });
    const m = a.conversations[0]!.messages[0]!;
    expect(m.attachments).toHaveLength(MAX_OMITTED);
    expect(m.text).toBe("[表情]".repeat(MANY));
    expect(a.diagnostics.some((x) => x.code === "oversized-record" && x.message.includes(`${MANY} media placeholders`))).toBe(true);
  });
});
