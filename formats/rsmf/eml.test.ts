import { decodeWords } from "postal-mime";
import { describe, expect, it } from "vitest";
import { addressField, base64Block, Base64Lines, headerField, rfc5322Date } from "./eml.js";

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
