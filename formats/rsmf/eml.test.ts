import fc from "fast-check";
import { decodeWords } from "postal-mime";
import { describe, expect, it } from "vitest";
import { addressField, base64Block, Base64Lines, encodedWords, headerField, rfc5322Date, wordsField } from "./eml.js";

const unfold = (field: string) => field.replace(/\r\n$/, "").replace(/\r\n /g, " ");

describe("EML header encoding", () => {
  it("folds long ASCII at spaces, lines ≤ 76, value unchanged after unfolding", () => {
    const value = Array.from({ length: 40 }, (_, i) => `word${i}`).join(" ");
    const f = headerField("X-RSMF-Participants", value);
    for (const line of f.split("\r\n")) expect(line.length).toBeLessThanOrEqual(76);
    expect(f.split("\r\n").length).toBeGreaterThan(3);
    expect(unfold(f)).toBe(`X-RSMF-Participants: ${value}`);
  });

  it("writes non-ASCII as encoded-words that decode back exactly (never splitting a code point)", () => {
    const value = "成员001; 😀👍🏽 Ｏ(≧▽≦)Ｏ; " + "测试".repeat(40);
    const f = headerField("Subject", value);
    expect(f).toMatch(/^[\x20-\x7e\r\n]+$/);
    for (const line of f.split("\r\n")) expect(line.length).toBeLessThanOrEqual(76);
    expect(decodeWords(unfold(f).slice("Subject: ".length))).toBe(value);
  });

  it("cuts encoded-words at the last whole code point within 45 bytes, as adding one character at a time would", () => {
    // The rule in its first form, character by character (slow for names of MB; kept here as the oracle).
    const byCharacter = (text: string): string[] => {
      const words: string[] = [];
      let chunk: number[] = [];
      for (const ch of text) {
        const b = Buffer.from(ch, "utf8");
        if (chunk.length + b.length > 45) words.push(`=?utf-8?B?${Buffer.from(chunk).toString("base64")}?=`), (chunk = []);
        chunk.push(...b);
      }
      if (chunk.length) words.push(`=?utf-8?B?${Buffer.from(chunk).toString("base64")}?=`);
      return words;
    };
    const unit = fc.constantFrom("a", "é", "王", "😀", "\ud800", "\udc00", "👩\u200d💻", " ");
    fc.assert(fc.property(fc.array(unit, { maxLength: 120 }), (units) => {
      expect(encodedWords(units.join(""))).toEqual(byCharacter(units.join("")));
    }), { seed: 1121, numRuns: 500 });
    expect(encodedWords("")).toEqual([]);
  });

  it("folds headers as appending token by token would, spaces runs and long tokens included", () => {
    // The folding in its first form (one growing string; quadratic on headers of MB), as the oracle.
    const byAppending = (name: string, tokens: string[], sep: "" | " "): string => {
      let out = `${name}:`;
      let line = out.length;
      tokens.forEach((t, i) => {
        const glue = i === 0 ? " " : sep;
        if (line + glue.length + t.length > 76 && (i === 0 || sep === " " || out.endsWith(" "))) {
          out = (i === 0 || sep === " " ? out : out.slice(0, -1)) + "\r\n " + t;
          line = 1 + t.length;
          return;
        }
        out += glue + t;
        line += glue.length + t.length;
      });
      return out + "\r\n";
    };
    const word = fc.constantFrom("a", "word", " ", "  ", "x".repeat(70), "sha256:" + "0".repeat(64));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), (ws) => {
        const value = ws.join(" ").replace(/[\r\n]+/g, " ");
        expect(headerField("X-Test", value)).toBe(byAppending("X-Test", value.split(/(?<= )/), ""));
      }),
      { seed: 1122, numRuns: 500 },
    );
    const people = [{ name: "王小明" }, { name: "A B", address: "a@b.c" }, { name: "x".repeat(80) }];
    const tokens: string[] = [];
    people.forEach((p, i) => {
      const words = encodedWords(p.name);
      for (const w of /^[\x20-\x7e]*$/.test(p.name) ? [`"${p.name}"`] : words) tokens.push(w);
      tokens.push(`<${p.address ?? ""}>${i < people.length - 1 ? "," : ""}`);
    });
    expect(addressField("To", people)).toBe(byAppending("To", tokens, " "));
  });

  it("folds a field of words walked one by one (X-RSMF-SourceSHA256) as headerField folds them joined", () => {
    const word = fc.constantFrom("a", "word", "x".repeat(70), "x".repeat(80), "0".repeat(64), "=?utf-8?B?546L?=");
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 60 }), (ws) => {
        expect([...wordsField("X-RSMF-SourceSHA256", ws)].join("")).toBe(headerField("X-RSMF-SourceSHA256", ws.join(" ")));
      }),
      { seed: 1123, numRuns: 500 },
    );
  });

  it("quotes ASCII display names and leaves the address empty when there is none", () => {
    expect(addressField("To", [{ name: 'A "B"', address: "a@b.c" }, { name: "王" }])).toBe('To: "A \\"B\\"" <a@b.c>, =?utf-8?B?546L?= <>\r\n');
  });

  it("formats Date in UTC whatever the host zone", () => {
    expect(rfc5322Date("2017-01-01T00:36:52Z")).toBe("Sun, 01 Jan 2017 00:36:52 +0000");
    expect(rfc5322Date("2024-02-29T23:59:59.5Z")).toBe("Thu, 29 Feb 2024 23:59:59 +0000");
  });
});

describe("Base64Lines", () => {
  it("gives the same 76-column lines however the input is chunked", () => {
    const data = new Uint8Array(1000).map((_, i) => (i * 7919) & 0xff);
    const whole = base64Block(data);
    for (const step of [1, 3, 56, 57, 58, 200]) {
      const enc = new Base64Lines();
      let out = "";
      for (let i = 0; i < data.length; i += step) out += enc.push(data.subarray(i, i + step));
      out += enc.end();
      expect(out).toBe(whole);
    }
    const lines = whole.split("\r\n").filter(Boolean);
    expect(lines.slice(0, -1).every((l) => l.length === 76)).toBe(true);
    expect(Buffer.from(lines.join(""), "base64").equals(Buffer.from(data))).toBe(true);
  });
});
