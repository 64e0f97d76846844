import { describe, expect, it } from "vitest";
import { IdSet } from "./id-set.js";

describe("IdSet", () => {
  it("is exact for server ids, local ids and look-alikes, across growth", () => {
    const s = new IdSet();
    const ids: string[] = [];
    for (let i = 0; i < 5000; i++) ids.push(String(7330772355966176000n + BigInt(i) * 7919n));
    for (const id of ids) expect(s.claim(id)).toBe(true);
    expect(s.claim(ids[7]!)).toBe(false);
    for (const id of ids) expect(s.has(id)).toBe(true);
    expect(s.has(String(7330772355966176000n + 1n))).toBe(false);
    // same digits split differently, leading zeros, non-decimal ids: never confused
    expect(s.claim("1")).toBe(true);
    expect(s.has("1")).toBe(true);
    expect(s.has("1000000000")).toBe(false);
    expect(s.has("01")).toBe(false);
    expect(s.claim("01")).toBe(true);
    expect(s.has("01")).toBe(true);
    expect(s.has("wechat-pc3:abc")).toBe(false);
    expect(s.claim("wechat-pc3:abc")).toBe(true);
    expect(s.has("wechat-pc3:abc")).toBe(true);
    expect(s.has("18446744073709551615")).toBe(false);
    expect(s.claim("18446744073709551615")).toBe(true);
    expect(s.has("18446744073709551615")).toBe(true);
    expect(s.has("18446744073709551614")).toBe(false);
  });
});
