/**
 * Found by a probe inserting long runs of one character into every sample: whatsapp-txt read a line with
 * a run of 120,000 U+200E in 6 s (the bidi marks at a text's edges were trimmed with
 * `/^[marks]+|[marks]+$/g`, retried from every mark of a run inside the text) and a line with a run of
 * 120,000 ":" in 10 s (an author glued to its colon, "Name:text", was looked for by cleaning the text up to
 * every colon). Both grew with the square of the run.
 */
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { memorySource } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/index.js";

const RUN = 200_000;

async function timedTexts(text: string) {
  const t0 = performance.now();
  const archive = await readAll(memorySource("chat.txt", text), builtinRegistry, { from: "whatsapp-txt", diagnostics: new DiagnosticCollector() });
  return { ms: performance.now() - t0, texts: archive.conversations.flatMap((c) => c.messages).map((m) => m.text) };
}

describe("whatsapp-txt: long runs of marks and colons", () => {
  it("a run of U+200E inside a text: kept, the marks at its edges trimmed, in linear time", async () => {
    const marks = "\u200e".repeat(RUN);
    const { ms, texts } = await timedTexts(`[14:57:10, 3/18/22] Elon: \u200ea${marks}b\u200f\n[14:58:00, 3/18/22] Mai: ok\n`);
    expect(ms).toBeLessThan(3000); // ~20 ms; over 30 s before
    expect(texts).toEqual([`a${marks}b`, "ok"]);
  }, 120_000);

  it("a run of ':' in a line without ': ': a known author's glued colon still found, in linear time", async () => {
    const colons = ":".repeat(RUN);
    const t0 = performance.now();
    const archive = await readAll(memorySource("chat.txt", `05.02.24, 09:02 - Lena Voss: hi\n05.02.24, 09:03 - Lena Voss:.${colons}x\n05.02.24, 09:04 - Nobody${colons}x\n`), builtinRegistry, {
      from: "whatsapp-txt",
      diagnostics: new DiagnosticCollector(),
    });
    expect(performance.now() - t0).toBeLessThan(3000); // ~20 ms; over a minute before
    const messages = archive.conversations.flatMap((c) => c.messages);
    expect(messages.map((m) => [m.senderId, m.text])).toEqual([
      ["whatsapp:name:Lena Voss", "hi"],
      ["whatsapp:name:Lena Voss", `.${colons}x`],
      [null, `Nobody${colons}x`],
    ]);
  }, 120_000);
});
