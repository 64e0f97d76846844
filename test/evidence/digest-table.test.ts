import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DigestTable } from "../../src/evidence/digest-table.js";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

describe("DigestTable", () => {
  it("keeps paths, sizes and digests through growth, and finds paths in sorted order by halves", () => {
    const t = new DigestTable("export/", 1);
    const rels = Array.from({ length: 1000 }, (_, i) => `Media/IMG-${String(i).padStart(4, "0")}.jpg`);
    rels.forEach((r, i) => t.push(r, i * 3, sha(r)));
    expect(t.count).toBe(1000);
    expect(t.path(999)).toBe("export/Media/IMG-0999.jpg");
    expect(t.bytes(999)).toBe(2997);
    expect(t.sha256(0)).toBe(sha("Media/IMG-0000.jpg"));
    expect(t.matches(5, 15, sha(rels[5]!))).toBe(true);
    expect(t.matches(5, 16, sha(rels[5]!))).toBe(false);
    expect(t.indexOf("export/Media/IMG-0500.jpg")).toBe(500);
    expect(t.indexOf("Media/IMG-0500.jpg")).toBe(-1);
    expect(t.indexOf("export/Media/IMG-0500.jp")).toBe(-1);
    expect([...t.rows()][2]).toEqual({ path: "export/Media/IMG-0002.jpg", bytes: 6, sha256: sha(rels[2]!) });
  });

  it("finds paths pushed out of order too (a tree that lists unsorted), the first of equal ones", () => {
    const t = new DigestTable("");
    for (const [i, p] of ["b", "a", "c", "a"].entries()) t.push(p, i, sha(p));
    expect(t.indexOf("a")).toBe(1);
    expect(t.indexOf("c")).toBe(2);
    expect(t.indexOf("d")).toBe(-1);
  });
});
