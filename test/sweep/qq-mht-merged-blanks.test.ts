/**
 * A forwarded (merged) block of a QQ MHT is split at "sender YYYY-MM-DD H:MM:SS" sub-header lines. The
 * sub-header was one regex, `^(.*?)[ \t]+date[ \t]+time[ \t]*$`, and a message's trailing blank lines
 * were cut with `/\n+$/`: V8 retries both from every position of a long blank run that does not end the
 * match, so a line of 40,000 spaces took 0.7 s and 200,000 about a minute (the same for a run of blank
 * lines inside a forwarded message). Found looking for the CLI sweep's quadratic trims elsewhere.
 */
import { describe, expect, it } from "vitest";
import { senderDateTime, splitMergedBlock } from "../../formats/qq-mht/merged.js";
import { pickFromSlots, seededPick } from "../helpers/seeded.js";

/** The sub-header regex the reader used, to compare the new scan with. */
const SAME_LINE = /^(.*?)[ \t]+(\d{4}[-/]\d{1,2}[-/]\d{1,2})[ \t]+(\d{1,2}:\d{2}:\d{2}(?:[ \t]*[AaPp][Mm])?)[ \t]*$/;

const RUN = 200_000;

describe("qq-mht forwarded blocks with long blank runs", () => {
  it("a sub-header line of 200,000 blanks is judged in linear time", () => {
    const t0 = performance.now();
    expect(senderDateTime("a" + " ".repeat(RUN) + "x")).toBeUndefined();
    expect(senderDateTime(`小明${" ".repeat(RUN)}2021-03-06${"\t".repeat(RUN)}9:02:11 ${" ".repeat(RUN)}`)).toEqual({ sender: "小明", date: "2021-03-06", time: "9:02:11" });
    expect(performance.now() - t0).toBeLessThan(2000); // ~10 ms; over a minute before
  });

  it("200,000 blank lines inside a forwarded message: kept, trailing ones dropped, in linear time", () => {
    const text = `聊天记录\n小明 2021-03-06 9:02:11\n第一行${"\n".repeat(RUN)}第二行${"\n".repeat(RUN)}\n小红 2021-03-06 9:03:00\n好`;
    const t0 = performance.now();
    const block = splitMergedBlock(text);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(block.title).toBe("聊天记录");
    expect(block.messages.map((m) => [m.sender, m.time, m.text.length])).toEqual([
      ["小明", "9:02:11", "第一行".length + RUN + "第二行".length],
      ["小红", "9:03:00", 1],
    ]);
  });

  it("reads every line as the regex did", () => {
    // Each slot of a sub-header, with near misses (no blank, a digit too many, text after the time).
    const slots = [
      ["", "小明", "Bob Lee", "a(12345)", " ", "x1"],
      ["", " ", "\t", "  \t "],
      ["2021-03-06", "2021/3/6", "12021-03-06", "2021-03", "21-03-06", ""],
      ["", " ", "\t", "   "],
      ["9:02:11", "12:02:11", "112:02:11", "9:02", "9:02:11:"],
      ["", "PM", " am", "\tPm", "x", "pmm"],
      ["", " ", "\t\t", " x"],
    ];
    const rand = seededPick(7);
    let matched = 0;
    for (let k = 0; k < 20_000; k++) {
      const line = pickFromSlots(slots, rand);
      const m = SAME_LINE.exec(line);
      const want = m ? { sender: m[1]!, date: m[2]!, time: m[3]! } : undefined;
      if (m) matched++;
      expect(senderDateTime(line), JSON.stringify(line)).toEqual(want);
    }
    expect(matched).toBeGreaterThan(200); // the lines hold sub-headers too, not only refusals
  });
});
