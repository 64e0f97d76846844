/**
 * A UTF-8 text cut inside its last character (an interrupted copy) stays UTF-8: before, the one
 * incomplete sequence sent the whole file to GB18030, so a WhatsApp export with U+FEFF marks lost every
 * message to unrecognized-line (found by the QA sweep: ios-de-ddmmyy-12h-group cut at 50%, 0 messages).
 */
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { detectEncoding } from "../src/io/decode.js";
import { memorySource } from "../src/io/source.js";
import { readAll } from "../src/pipeline/index.js";

const text = "[29.01.18, 12:24:03] \uFEFFAlice: Grüße aus Köln\n[29.01.18, 12:25:04] Bob: 好的👍\n";

describe("UTF-8 cut inside the last character", () => {
  it.each([1, 2, 3])("a tail missing %i byte(s) of a 4-byte character is still UTF-8", async (missing) => {
    const bytes = Buffer.from(text.trimEnd(), "utf8");
    const cut = bytes.subarray(0, bytes.length - missing); // inside 👍 (4 bytes)
    // UTF-8, with the cut character as its damage (test/sweep/utf8-cut-tail.test.ts: it was silent).
    expect(await detectEncoding(memorySource("x.txt", cut))).toEqual({ encoding: "utf-8", bom: false, fallback: false, damaged: expect.objectContaining({ invalid: 1, lines: [2] }) });
  });

  it("a WhatsApp export cut mid-character keeps its messages", async () => {
    const bytes = Buffer.from(text.trimEnd(), "utf8");
    const a = await readAll(memorySource("_chat.txt", bytes.subarray(0, bytes.length - 2)), builtinRegistry, { from: "whatsapp-txt" });
    const msgs = a.conversations.flatMap((c) => c.messages);
    expect(msgs.map((m) => m.text)).toEqual(["Grüße aus Köln", "好的\uFFFD"]);
    expect(a.diagnostics.map((d) => d.code)).not.toContain("encoding-fallback");
  });

  it("an invalid byte that is not a cut tail still falls back to GB18030", async () => {
    const bytes = Buffer.concat([Buffer.from("abc ", "utf8"), Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), Buffer.from(" def", "utf8")]); // 你好 in GBK
    expect((await detectEncoding(memorySource("x.txt", bytes))).encoding).toBe("gb18030");
    // 0xFF is neither UTF-8 nor GB18030: read as UTF-8, one U+FFFD, reported as damage.
    expect(await detectEncoding(memorySource("x.txt", Buffer.from([0x61, 0xff])))).toMatchObject({ encoding: "utf-8", damaged: { invalid: 1, lines: [1] } });
  });
});
