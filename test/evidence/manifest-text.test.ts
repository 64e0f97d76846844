import { describe, expect, it } from "vitest";
import { buildManifest, manifestText, type ManifestFacts } from "../../src/pipeline/manifest.js";
import { countMessage, emptyStats } from "../../src/pipeline/stats.js";
import type { Conversation, Message } from "../../src/model/schema.js";
import type { ConversationStats } from "../../src/plugin/types.js";

/** Facts for `n` conversations whose titles carry characters JSON must escape. */
function facts(n: number): ManifestFacts {
  const conversations: Conversation[] = [];
  const stats: Record<string, ConversationStats> = {};
  for (let i = 0; i < n; i++) {
    const id = `c${i}`;
    conversations.push({ id, platform: "qq", kind: i % 2 ? "group" : "direct", title: `群 "${i}"\n\t\\ ${"😀".repeat(i % 3)}`, participantIds: [], source: "in.txt" });
    const s = emptyStats();
    for (let k = 0; k <= i % 4; k++)
      countMessage(s, { kind: k % 2 ? "image" : "text", attachments: [], status: "normal", sentAt: { basis: "exact", utc: `2020-01-0${1 + (k % 9)}T00:00:00Z` } } as unknown as Message);
    if (i !== 1) stats[id] = s; // one conversation without counters: the manifest gives it zeros
  }
  return {
    generatedAt: "2023-11-14T22:13:20Z",
    reader: { id: "qq-txt", version: "1.0.0", reason: "test" },
    writer: { id: "csv", version: "1.0.0", facts: { b: "2", a: "1" }, transformations: ["x"] },
    options: { to: "csv" },
    assumedZone: undefined,
    inputRoot: undefined,
    // Inputs are written item by item too: names JSON must escape, one changed while read.
    inputs: Array.from({ length: n }, (_, i) => ({ path: `媒体/"${i}"\t.jpg`, role: "input" as const, bytes: i, sha256: "ab".repeat(32), ...(i === 1 ? { afterRead: { sha256: "cd".repeat(32), bytes: i + 1 } } : {}) })),
    outputs: [],
    conversations,
    stats,
    participants: 3,
    diagnostics: [{ code: "unparsed-line", severity: "warning", message: "line 3\nnot read", origin: "qq-txt", raw: "\u0000\u2028" }],
    diagnosticCounts: { "unparsed-line": 1 },
  };
}

describe("the manifest written record by record", () => {
  for (const n of [0, 1, 7])
    it(`has the bytes of the whole manifest stringified at once (${n} conversations)`, () => {
      const f = facts(n);
      const outputs = [{ path: "x.csv", role: "main" as const, bytes: 1, sha256: "ab" }];
      const whole = JSON.stringify(buildManifest(f, outputs, "../in"), null, 2) + "\n";
      expect([...manifestText(f, outputs, "../in")].join("")).toBe(whole);
      const m = JSON.parse(whole);
      expect(m.conversations).toHaveLength(n);
      expect(m.totals.conversations).toBe(n);
      if (n === 7) {
        expect(m.totals.messages).toBe(1 + 3 + 4 + 1 + 2 + 3); // conversation 1 has no counters
        expect(m.conversations[1].messages).toBe(0);
      }
    });

  it("hands out the conversation list in pieces, none holding more than one record", () => {
    const pieces = [...manifestText(facts(500), [], null)];
    const longest = Math.max(...pieces.map((p) => p.length));
    expect(longest).toBeLessThan(2000);
  });
});
