/**
 * Regression: "streamparser drops U+FEFF inside strings". @streamparser/json 0.0.26 decodes string
 * runs with a TextDecoder that strips a leading EF BB BF, so a zero-width no-break space at the start
 * of a run (literal, or written as the escape \ufeff) vanished from Telegram, QCE and chatport JSON
 * text. Found by the chatport-json round-trip property test; fixed by src/io/json-text.ts keepFeff.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { memorySource } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/index.js";
import { REPO } from "../helpers/samples.js";

const sample = (p: string) => readFileSync(join(REPO, "samples", p), "utf8");
const texts = async (name: string, text: string, from: string) =>
  (await readAll(memorySource(name, text), builtinRegistry, { from })).conversations.flatMap((c) => c.messages.map((m) => m.text));

describe("streamparser drops U+FEFF inside strings", () => {
  it("telegram-json keeps a literal and an escaped U+FEFF", async () => {
    const src = sample("telegram-json/forwards-replies/input.json");
    expect(src).toContain('"新しいリリース"');
    const all = await texts("result.json", src.replace('"新しいリリース"', '"\uFEFF新しい\\ufeffリリース"'), "telegram-json");
    expect(all).toContain("\uFEFF新しい\uFEFFリリース");
  });

  it("qce-json keeps a literal and an escaped U+FEFF", async () => {
    const src = sample("qce-json/private-mixed/input.json");
    const edited = src.replace('"text": "早上好[表情14] 今天[微笑]"', '"text": "\uFEFF早上好[表情14] \\ufeff今天[微笑]"').replace('"text": "早上好"', '"text": "\uFEFF早上好"').replace('"text": " 今天"', '"text": " \\ufeff今天"');
    expect(edited).not.toBe(src);
    const all = await texts("chat.json", edited, "qce-json");
    expect(all.some((t) => t.includes("\uFEFF早上好") && t.includes("\uFEFF今天")), JSON.stringify(all.slice(0, 2))).toBe(true);
  });

  it("chatport-json keeps U+FEFF at the start of a text", async () => {
    const src = sample("chatport-json/archive-from-telegram/input.json");
    const all = await texts("a.json", src.replace('"text":"新しいリリース"', '"text":"\uFEFF新しいリリース\\ufeff"'), "chatport-json");
    expect(all).toContain("\uFEFF新しいリリース\uFEFF");
  });
});
