/**
 * Found by the CLI sweep over real files (a QQ TXT header with 300,000 spaces inserted between the time
 * and the name took 44 s to convert): the sender's trailing blanks were cut with `/[ \t]+$/`, which V8
 * retries from every blank of a run that does not end the line, so the time grew with the square of the
 * run. qq-mht parses its senders with the same function.
 */
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { memorySource } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/index.js";

const RUN = " ".repeat(200_000);

async function timedRead(text: string) {
  const t0 = performance.now();
  const archive = await readAll(memorySource("chat.txt", text), builtinRegistry, { from: "qq-txt", diagnostics: new DiagnosticCollector() });
  return { archive, ms: performance.now() - t0 };
}

describe("qq-txt: a header with a long run of blanks before the sender", () => {
  it.each([
    ["year-first, 24-hour (the scanned header)", "2019-09-23 20:43:38"],
    ["N/N/YYYY with PM (the regex header)", "9/23/2019 8:43:38 PM"],
  ])("%s: read in linear time, the id still found", async (_what, time) => {
    const text = `${time} ${RUN}\tAlice(123456)\t${RUN}\r\nhello\r\n\r\n${time} Bob(654321)\r\nlater\r\n\r\n`;
    const { archive, ms } = await timedRead(text);
    // Under 50 ms now; 43-46 s on the old code (two runs of 200,000 blanks: the one before the name is
    // never cut, but the regex tried every start in it too).
    expect(ms).toBeLessThan(3000);
    const messages = archive.conversations.flatMap((c) => c.messages);
    expect(messages.map((m) => m.text)).toEqual(["hello", "later"]);
    const alice = archive.participants.find((p) => p.id === messages[0]!.senderId)!;
    expect(alice.handles).toEqual([{ kind: "qq", value: "123456" }]);
    expect(alice.displayName.endsWith("\tAlice")).toBe(true);
  }, 120_000);
});
