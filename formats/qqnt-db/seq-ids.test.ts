import { describe, expect, it } from "vitest";
import { RecentMap } from "../../src/plugin/recent-map.js";
import { SeqIdWindow } from "./seq-ids.js";

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("SeqIdWindow", () => {
  it("returns the ids it was given: 64-bit msgIds, short ids, ids with zeros in the low digits, fallback ids", () => {
    const w = new SeqIdWindow(10);
    const ids = ["7400000000000000131", "18446744073709551615", "99999999999999999999", "1000000000", "1000000001", "123456789", "5", "c2c_msg_table:17", "00123", "12345678901000000000"];
    ids.forEach((id, i) => w.set(String(i + 1), id));
    expect(ids.map((_, i) => w.get(String(i + 1)))).toEqual(ids);
    expect(w.size).toBe(10);
  });

  it("tells seqs apart exactly: leading zeros, text, numbers beyond 2^53", () => {
    const w = new SeqIdWindow(10);
    w.set("7", "a");
    w.set("007", "b");
    w.set("x7", "c");
    w.set("9007199254740993", "d");
    w.set("9007199254740992", "e");
    expect(["7", "007", "x7", "9007199254740993", "9007199254740992", "8"].map((k) => w.get(k))).toEqual(["a", "b", "c", "d", "e", undefined]);
  });

  it("behaves as RecentMap<string, string> under random sets, gets, evictions and clears", () => {
    const next = rng(7);
    for (const limit of [1, 3, 17, 200]) {
      const ref = new RecentMap<string, string>(limit);
      const w = new SeqIdWindow(limit);
      const key = () => {
        const r = next();
        const n = Math.floor(next() * limit * 3) + 1;
        return r < 0.8 ? String(n) : r < 0.9 ? `0${n}` : `s${n}`;
      };
      const value = () => {
        const r = next();
        return r < 0.6 ? String(7400000000000000000n + BigInt(Math.floor(next() * 1e9)) * 131n) : r < 0.8 ? String(Math.floor(next() * 1e9) + 1) : r < 0.9 ? `group_msg_table:${Math.floor(next() * 1e6)}` : String(Math.floor(next() * 1e4) * 1000000000);
      };
      for (let step = 0; step < 20_000; step++) {
        const r = next();
        if (r < 0.001) {
          ref.clear();
          w.clear();
        } else if (r < 0.55) {
          const k = key(), v = value();
          ref.set(k, v);
          w.set(k, v);
        } else {
          const k = key();
          expect(w.get(k)).toBe(ref.get(k));
        }
        expect(w.size).toBe(ref.size);
      }
    }
  });
});
