import { expect, it } from "vitest";
import { SlotRing } from "../src/plugin/slot-ring.js";

it("SlotRing hands out slots in ring order, reuses the oldest once full, and finds keys by hash and comparison", () => {
  const ring = new SlotRing(3);
  const keys: string[] = [];
  const hash = (k: string) => k.charCodeAt(0) % 2; // collisions on purpose: hits are confirmed by the comparison
  const find = (k: string) => ring.find(hash(k), (slot) => keys[slot] === k);
  const add = (k: string) => {
    const slot = ring.take(hash(k));
    const recycled = ring.recycled;
    keys[slot] = k;
    return [slot, recycled];
  };
  expect([add("a"), add("b"), add("c")]).toEqual([
    [0, false],
    [1, false],
    [2, false],
  ]);
  expect([find("a"), find("b"), find("c"), find("d")]).toEqual([0, 1, 2, -1]);
  expect(add("d")).toEqual([0, true]); // "a", the oldest, is forgotten
  expect([find("a"), find("d"), ring.size]).toEqual([-1, 0, 3]);
  expect(add("e")).toEqual([1, true]);
  expect([find("b"), find("c"), find("e")]).toEqual([-1, 2, 1]);
  ring.clear();
  expect([find("c"), ring.size]).toEqual([-1, 0]);
  expect(add("f")).toEqual([0, false]);
});
