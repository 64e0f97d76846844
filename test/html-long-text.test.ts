/**
 * Message texts over LONG_TEXT units are written as <div> blocks of at most TEXT_BLOCK units (Chromium
 * printed only the first ~8 MB of a text run without a line break; see escapeLongText). The blocks must
 * hold the escaped text exactly, end at line breaks where they can, and never start inside a surrogate
 * pair or with a character that joins the one before it. Shorter texts are escaped as before (the goldens
 * hold their bytes).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LONG_TEXT, TEXT_BLOCK, clip, escapeHtml, escapeLongText, lastNewline } from "../formats/html/escape.js";

const blocks = (html: string): string[] => {
  expect(html).toMatch(/^(<div>[^<]*<\/div>)+$/);
  return [...html.matchAll(/<div>([^<]*)<\/div>/g)].map((m) => m[1]!);
};
const unescape = (s: string): string => s.replace(/&lt;|&gt;|&quot;|&#39;|&amp;/g, (x) => ({ "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&amp;": "&" })[x]!);

describe("escapeLongText", () => {
  it("escapes a text up to LONG_TEXT units as escapeHtml does, without blocks", () => {
    const s = "<b>x</b> & 'y'".padEnd(LONG_TEXT, "好");
    expect(escapeLongText(s)).toBe(escapeHtml(s));
  });

  it("writes a longer text as blocks of at most TEXT_BLOCK units that join back to it, escaped, each ending a line", () => {
    const s = ("<script>alert(1)</script> & 好" + "\n").repeat(Math.ceil((3 * LONG_TEXT) / 30));
    const parts = blocks(escapeLongText(s)).map(unescape);
    expect(parts.join("")).toBe(s);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(TEXT_BLOCK);
    for (const p of parts.slice(0, -1)) expect(p.endsWith("\n")).toBe(true);
  });

  it("ends blocks at line breaks in the second half of a block; cuts only lines longer than that", () => {
    const line = (n: number, ch: string) => ch.repeat(n - 1) + "\n";
    const s = line(TEXT_BLOCK * 0.75, "a") + line(10_000, "b") + line(TEXT_BLOCK * 2.5, "c") + line(100, "d").repeat(2000);
    const parts = blocks(escapeLongText(s));
    expect(parts.join("")).toBe(s);
    // The c line (2.5 blocks) is cut inside twice; its rest ends the next block's first line.
    expect(parts.slice(0, 4).map((p) => p.length)).toEqual([TEXT_BLOCK * 0.75, 10_000, TEXT_BLOCK, TEXT_BLOCK]);
    expect(parts[4]!.startsWith("c".repeat(TEXT_BLOCK / 2 - 1) + "\nd")).toBe(true);
    for (const p of [parts[0]!, parts[1]!, ...parts.slice(4, -1)]) expect(p.endsWith("\n")).toBe(true);
  });

  const cases: Record<string, string> = {
    "a surrogate pair": "😀",
    "a combining accent": "e\u0301",
    "a ZWJ sequence": "👩\u200d💻",
    "a variation selector": "❤\ufe0f",
    "a skin tone": "👍🏽",
  };
  for (const [name, unit] of Object.entries(cases))
    it(`does not cut ${name} at a block boundary`, () => {
      // Place the unit so that it straddles the first boundary at every offset around it.
      for (let shift = 1; shift < unit.length + 1; shift++) {
        const s = "x".repeat(TEXT_BLOCK - shift) + unit + "y".repeat(LONG_TEXT * 2);
        const parts = blocks(escapeLongText(s));
        expect(parts.join("")).toBe(s);
        const boundary = parts[0]!.length;
        expect(boundary <= TEXT_BLOCK - shift || boundary >= TEXT_BLOCK - shift + unit.length, `${name}, shift ${shift}: cut at ${boundary}`).toBe(true);
      }
    });

  it("still cuts inside a run of more joining characters than it looks back over (64), keeping every character", () => {
    const s = "x".repeat(TEXT_BLOCK - 100) + "\u0301".repeat(200) + "z".repeat(LONG_TEXT * 2);
    const parts = blocks(escapeLongText(s));
    expect(parts.join("")).toBe(s);
    expect(parts[0]!.length).toBe(TEXT_BLOCK);
  });

  it("looks for a block's line break only inside the window it is given", () => {
    const s = "a\nbcdef\ngh";
    expect(lastNewline(s, 0, s.length)).toBe(7);
    expect(lastNewline(s, 0, 7)).toBe(1); // `to` is excluded
    expect(lastNewline(s, 2, 7)).toBe(-1); // the break before `from` is not searched for
    expect(lastNewline(s, 1, 2)).toBe(1);
    expect(lastNewline("x".repeat(100), 10, 90)).toBe(-1);
  });
});

describe("clip", () => {
  it("cuts to n code points as Array.from would, without building an array of the whole text", () => {
    const byArray = (s: string, n: number) => {
      const cps = Array.from(s);
      return cps.length <= n ? s : cps.slice(0, n).join("") + "…";
    };
    const unit = fc.constantFrom("a", "好", "😀", "\ud800", "\udc00", "\u0301", "\n");
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), fc.nat(30), (units, n) => {
        expect(clip(units.join(""), n)).toBe(byArray(units.join(""), n));
      }),
      { seed: 1124, numRuns: 1000 },
    );
  });
});
