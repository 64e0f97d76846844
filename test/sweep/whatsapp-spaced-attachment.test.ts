/**
 * Found while checking the CLI sweep's first find for its kind (a regex that cuts trailing blanks with
 * `/[…]+$/`): an iOS attachment line "x <60,000 spaces> y<attached: NAME>" took 2.3 s to read, 300,000
 * spaces a minute. The text before the marker was cut with `/[\s•]+$/`, which V8 retries from every blank
 * of a run that does not end the text.
 */
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { memorySource } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/index.js";

describe("whatsapp-txt: a long run of blanks before an iOS attachment marker", () => {
  it("read in linear time; the words before the marker kept, the blanks and bullet before it dropped", async () => {
    const run = " ".repeat(200_000);
    const text = `[01.02.23, 10:00:00] Anna: hi\n[01.02.23, 10:00:01] Anna: x${run}y • <attached: 00000001-PHOTO-2023-02-01-10-00-01.jpg>\n`;
    const t0 = performance.now();
    const archive = await readAll(memorySource("_chat.txt", text), builtinRegistry, { from: "whatsapp-txt", diagnostics: new DiagnosticCollector() });
    const ms = performance.now() - t0;
    // Under 50 ms now; 46 s on the old code.
    expect(ms).toBeLessThan(3000);
    const photo = archive.conversations[0]!.messages[1]!;
    expect(photo.kind).toBe("image");
    expect(photo.attachments.map((a) => a.fileName)).toEqual(["00000001-PHOTO-2023-02-01-10-00-01.jpg"]);
    expect(photo.text).toBe(`x${run}y`);
  }, 120_000);
});
