import { describe, expect, it } from "vitest";
import { IdSlots } from "../src/plugin/id-slots.js";

const CANONICAL = ["0", "7", "10", "123456789", "1000000000", "1234567890", "4294967295", "4294967296", "4294967297", "7300000000000007919", "9007199254740993", "18446744073709551615", "10000000000000000000", "18446744073709551614"];
const OTHER = ["18446744073709551616", "99999999999999999999", "", "00", "07", "0123456789", "-5", "+5", "12a", "1e5", "1.0", " 12", "１２", "7300000000000007919~2", "100000000000000000000", "qce:ab12cd", "٣"];

describe("IdSlots (qce windows' id store)", () => {
  it("gives back every id exactly; canonical decimals (below 2^64, no leading zero) are held as numbers", () => {
    const all = [...CANONICAL, ...OTHER];
    const s = new IdSlots(all.length);
    all.forEach((id, i) => s.set(i, id));
    all.forEach((id, i) => expect(s.get(i)).toBe(id));
    expect(s.textCount).toBe(OTHER.length);
  });

  it("matches a probe only against the very same string (07 ≠ 7, 00 ≠ 0, 20 digits past 2^64 exact)", () => {
    const ids = ["7", "07", "0", "00", "18446744073709551616", "18446744073709551617", "7300000000000007919", "7300000000000007919~2"];
    const s = new IdSlots(16);
    ids.forEach((id, i) => s.set(i, id));
    for (const probe of [...ids, "70", "1844674407370955161", "730000000000000791", "8"]) {
      s.probe(probe);
      const hits = ids.map((_, i) => s.matchesProbe(i));
      expect(hits).toEqual(ids.map((id) => id === probe));
      s.clearProbe();
    }
    expect(s.same(0, 1)).toBe(false);
    s.set(8, "7");
    s.set(9, "07");
    expect(s.same(0, 8)).toBe(true);
    expect(s.same(1, 9)).toBe(true);
    expect(s.same(8, 9)).toBe(false);
  });

  it("replaces and clears slots (a numeric id over a string one and back; empty slots match nothing)", () => {
    const s = new IdSlots(4);
    s.set(0, "abc");
    s.set(0, "42");
    expect(s.get(0)).toBe("42");
    expect(s.textCount).toBe(0);
    s.set(0, "x~2");
    expect(s.get(0)).toBe("x~2");
    s.set(0, undefined);
    expect(s.has(0)).toBe(false);
    expect(s.get(0)).toBeUndefined();
    expect(s.get(3)).toBeUndefined(); // never written
    s.probe("42");
    expect(s.matchesProbe(0)).toBe(false);
    expect(s.matchesProbe(3)).toBe(false);
    expect(s.same(0, 3)).toBe(false);
  });

  it("round-trips random decimals of 1 to 20 digits (some past 2^64) and their zero-padded forms", () => {
    let seed = 9;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const ids: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const len = 1 + Math.floor(rnd() * 20);
      let d = String(1 + Math.floor(rnd() * 9));
      while (d.length < len) d += String(Math.floor(rnd() * 10));
      ids.push(rnd() < 0.1 ? "0" + d : d);
    }
    const s = new IdSlots(ids.length);
    ids.forEach((id, i) => s.set(i, id));
    ids.forEach((id, i) => expect(s.get(i)).toBe(id));
    expect(s.textCount).toBe(ids.filter((id) => id.startsWith("0") || BigInt(id) >= 2n ** 64n).length);
  });
});
