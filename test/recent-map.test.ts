import { expect, it } from "vitest";
import { RecentMap } from "../src/plugin/recent-map.js";

it("RecentMap forgets the oldest added key, keeps a key's age when its value changes, and clears", () => {
  const m = new RecentMap<string, number>(3);
  m.set("a", 1);
  m.set("b", 2);
  m.set("c", 3);
  m.set("a", 10); // update: "a" stays the oldest
  m.set("d", 4); // forgets "a"
  expect([m.get("a"), m.get("b"), m.get("c"), m.get("d")]).toEqual([undefined, 2, 3, 4]);
  m.set("a", 5); // "a" again: a new key, forgets "b"
  expect([m.get("a"), m.get("b"), m.get("c")]).toEqual([5, undefined, 3]);
  // the same as a Map trimmed to its first-inserted keys, over many keys with repeats
  const ref = new Map<number, number>();
  const r = new RecentMap<number, number>(50);
  for (let i = 0; i < 5000; i++) {
    const k = (i * 7919) % 600;
    if (!ref.has(k)) {
      ref.set(k, i);
      if (ref.size > 50) ref.delete(ref.keys().next().value!);
    } else ref.set(k, i);
    r.set(k, i);
  }
  for (let k = 0; k < 600; k++) expect(r.get(k)).toBe(ref.get(k));
  r.clear();
  expect(r.get([...ref.keys()][0]!)).toBeUndefined();
  r.set(1, 1);
  expect(r.get(1)).toBe(1);
});

it("RecentMap keys compare as ===: 0 and -0 are one key, 1 and '1' are two, and a full ring keeps its bound", () => {
  const m = new RecentMap<string | number, string>(2);
  m.set(0, "zero");
  expect(m.get(-0)).toBe("zero");
  m.set("1", "text");
  m.set(1, "number");
  expect([m.get("1"), m.get(1), m.get(0)]).toEqual(["text", "number", undefined]);
  for (let i = 0; i < 10_000; i++) m.set(`k${i}`, String(i));
  expect(m.size).toBe(2);
  expect([m.get("k9998"), m.get("k9999"), m.get("k9997")]).toEqual(["9998", "9999", undefined]);
});
