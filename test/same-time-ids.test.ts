import { expect, it } from "vitest";
import { SameTimeIds } from "../src/plugin/same-time-ids.js";

it("SameTimeIds numbers repeats of a base within one source time, in order, and forgets other times", () => {
  const ids = new SameTimeIds();
  expect(ids.time).toBeUndefined();
  expect([ids.id("09:00", "a"), ids.id("09:00", "b"), ids.id("09:00", "a"), ids.id("09:00", "a"), ids.id("09:00", "b")]).toEqual(["a", "b", "a-2", "a-3", "b-2"]);
  expect(ids.time).toBe("09:00");
  // Another time: the same base starts again; returning to the earlier time does too (only the current one is remembered).
  expect([ids.id("09:01", "a"), ids.id("09:01", "a"), ids.id("09:00", "a")]).toEqual(["a", "a-2", "a"]);
  ids.reset();
  expect(ids.time).toBeUndefined();
  expect(ids.id("09:00", "a")).toBe("a");
});
