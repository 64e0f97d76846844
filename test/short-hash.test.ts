/**
 * shortHash hashes inputs of over LONG_HASH_INPUT units slice by slice (a 60 MB message was copied twice
 * more to be hashed). Message ids are built from it and must not change: the digest must be that of the
 * joined string's UTF-8, whatever stands at a slice boundary.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { LONG_HASH_INPUT, shortHash } from "../src/io/hash.js";

const reference = (...parts: string[]): string => createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 16);

describe("shortHash of long inputs", () => {
  const N = LONG_HASH_INPUT;
  const cases: Record<string, string[]> = {
    "a surrogate pair across the first slice boundary": ["id", "12:00", "x".repeat(N - 1) + "😀" + "y".repeat(10)],
    "a pair across the second boundary": ["x".repeat(2 * N - 1) + "𝄞" + "z"],
    "a lone high surrogate at the boundary": ["x".repeat(N - 1) + "\ud800" + "a"],
    "a lone low surrogate after the boundary": ["x".repeat(N) + "\udc00" + "a"],
    "a lone high surrogate as the very last unit": ["x".repeat(N - 1) + "\ud83d"],
    "parts that only together reach the threshold": ["a".repeat(N / 2), "b".repeat(N / 2), "ç"],
    "two-byte text": ["好".repeat(N + 5)],
    "an empty part among long ones": ["", "q".repeat(N + 1), ""],
  };
  for (const [name, parts] of Object.entries(cases))
    it(name, () => {
      expect(shortHash(...parts)).toBe(reference(...parts));
    });

  it("short inputs as before", () => {
    expect(shortHash("qq:1", "2020-01-01 10:00:00", "甲", "你好")).toBe(reference("qq:1", "2020-01-01 10:00:00", "甲", "你好"));
  });
});
