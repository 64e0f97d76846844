import { describe, expect, it } from "vitest";
import { ownedCopy, ownedString } from "../src/io/owned-string.js";
import { DiagnosticCollector } from "../src/diagnostics/collector.js";
import { RepeatGuard } from "../formats/wechat-shared/repeats.js";
import { heapAfterGc } from "./helpers/heap.js";

describe("ownedString", () => {
  it("returns an equal string for short, long, non-BMP and lone-surrogate text", () => {
    for (const s of ["", "abc", "x".repeat(13), "聊天记录".repeat(50), "😀 emoji 😀".repeat(3), "lone \ud800 surrogate tail"]) expect(ownedString(s)).toBe(s);
  });
});

describe("DiagnosticCollector keeps copies", () => {
  it("stores message, raw, file and place equal to what was reported, the place not shared", () => {
    const c = new DiagnosticCollector();
    const place = { entry: "chat/messages.json", inner: { pointer: "/messages/12345678901234" } };
    c.report("test", "unrecognized-record", { message: "m".repeat(40), file: "dir/file-with-a-long-name.csv", place, raw: "r".repeat(3000) });
    const [d] = c.list();
    expect(d!.message).toBe("m".repeat(40));
    expect(d!.file).toBe("dir/file-with-a-long-name.csv");
    expect(d!.raw).toBe("r".repeat(2000) + "…");
    expect(d!.place).toEqual(place);
    expect(d!.place).not.toBe(place);
    place.inner.pointer = "/changed";
    expect((d!.place as typeof place).inner.pointer).toBe("/messages/12345678901234");
  });
});

describe("what the collector keeps does not pin the input it was cut from", () => {
  it("frees a 14 MB decoded chunk once only diagnostics cut from it remain", () => {
    const c = new DiagnosticCollector();
    const before = heapAfterGc();
    // In a function of its own, so no register of this frame still points at the chunk.
    const reportFromChunk = (): string => {
      const chunk = Array.from({ length: 400_000 }, (_, i) => `row ${i},some text of the row,${i * 7}\n`).join("");
      expect(chunk.length).toBeGreaterThan(10_000_000);
      c.report("test", "unrecognized-record", { message: `Record ${chunk.slice(1000, 1020)} not read`, raw: chunk.slice(1000, 1040), place: { pointer: chunk.slice(2000, 2030) } });
      return [...chunk.slice(1000, 1040)].join(""); // a fresh string (join), for the check below
    };
    const expected = reportFromChunk();
    const after = heapAfterGc();
    // The chunk is ~20 MB of one-byte text; kept as slices it would all still be on the heap.
    expect(after - before).toBeLessThan(2_000_000);
    expect(c.list()[0]!.raw).toBe(expected);
  });
});

describe("what RepeatGuard keeps does not pin the input it was cut from", () => {
  it("frees a 14 MB decoded chunk once only claimed ids cut from it remain", () => {
    const guard = new RepeatGuard({ has: () => true });
    const before = heapAfterGc();
    const claimFromChunk = (): void => {
      const chunk = Array.from({ length: 400_000 }, (_, i) => `${7330772355966176000n + BigInt(i)},文本,some text\n`).join("");
      expect(guard.claim(chunk.slice(0, 19))).toBe(true);
      expect(guard.claim(chunk.slice(0, 19))).toBe(false);
    };
    claimFromChunk();
    expect(heapAfterGc() - before).toBeLessThan(2_000_000);
    expect(guard.claim("7330772355966176000")).toBe(false);
  });
});

describe("ownedCopy", () => {
  it("copies plain data deeply and leaves bytes and class instances shared", () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const when = new Date(0);
    const p = { id: "qq:123456789012345", displayName: "a long display name", aliases: ["alias one that is long"], handles: [{ kind: "qq", value: "123456789012345" }], extra: { avatar: bytes, when, n: 3, none: null } };
    const c = ownedCopy(p);
    expect(c).toEqual(p);
    expect(c).not.toBe(p);
    expect(c.handles[0]).not.toBe(p.handles[0]);
    expect(c.extra.avatar).toBe(bytes);
    expect(c.extra.when).toBe(when);
    const odd = JSON.parse('{"__proto__": {"polluted": "a long value string"}, "plain": "another long string"}') as Record<string, unknown>;
    const oc = ownedCopy(odd);
    expect(Object.keys(oc)).toEqual(["__proto__", "plain"]);
    expect(oc).toEqual(odd);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("ownedCopy on deep data", () => {
  it("copies 32 levels and shares what lies deeper, without overflowing the stack at 100k", () => {
    let deep: Record<string, unknown> = { leaf: "a string longer than thirteen" };
    for (let i = 0; i < 100_000; i++) deep = { d: deep };
    const c = ownedCopy(deep);
    let a: Record<string, unknown> = deep, b: Record<string, unknown> = c;
    for (let i = 0; i < 32; i++) {
      expect(b).not.toBe(a);
      a = a.d as Record<string, unknown>;
      b = b.d as Record<string, unknown>;
    }
    expect(b).toBe(a);
  });
});
