import { describe, expect, it } from "vitest";
import { RepeatSketch } from "./repeat-sketch.js";
import { RepeatGuard } from "./repeats.js";

/** Server-id-like keys close together, as a chat's MsgSvrIDs are. */
const serverIds = (n: number, base = 7330772355966176000n): string[] => Array.from({ length: n }, (_, i) => String(base + BigInt(i) * 7919n));

describe("RepeatSketch", () => {
  it("flags every key added twice or more, and no key it never saw twice, on a small input", () => {
    const ids = serverIds(5000);
    const s = new RepeatSketch(200_000);
    for (const id of ids) s.add(id);
    s.add(ids[7]!);
    s.add(ids[4999]!);
    s.add(ids[4999]!);
    s.add("wechatmsg:12:1700000000");
    s.add("wechatmsg:12:1700000000");
    expect(s.has(ids[7]!)).toBe(true);
    expect(s.has(ids[4999]!)).toBe(true);
    expect(s.has("wechatmsg:12:1700000000")).toBe(true);
    const flagged = ids.filter((id, i) => i !== 7 && i !== 4999 && s.has(id));
    expect(flagged).toEqual([]);
    expect(s.has("never added")).toBe(false);
  });

  it("stays sparse at a million keys in its 16 MiB cap: few false alarms, never a miss", () => {
    const ids = serverIds(1_000_000);
    const s = new RepeatSketch(100 << 20);
    for (const id of ids) s.add(id);
    const repeated = ids.filter((_, i) => i % 9973 === 0);
    for (const id of repeated) s.add(id);
    for (const id of repeated) expect(s.has(id)).toBe(true);
    let alarms = 0;
    for (let i = 0; i < ids.length; i++) if (i % 9973 !== 0 && s.has(ids[i]!)) alarms++;
    // Expected about 1e-5 of the keys (see the class comment); 100 would mean the hashes correlate.
    expect(alarms).toBeLessThan(100);
  });
});

describe("RepeatGuard over a sketch", () => {
  it("grants each key once, the first time, whether the sketch flags it rightly or falsely", () => {
    const flagged = new Set(["a", "b"]); // "b" stands for a false alarm: it occurs once
    const g = new RepeatGuard(flagged);
    expect(g.claim("a")).toBe(true);
    expect(g.claim("b")).toBe(true);
    expect(g.claim("c")).toBe(true);
    expect(g.claim("a")).toBe(false);
    expect(g.claim("a")).toBe(false);
    g.reset();
    expect(g.claim("a")).toBe(true);
  });
});
