import { describe, expect, it } from "vitest";
import { ReplyMemory } from "../formats/html/render.js";

const r = (no: string) => ({ no, sender: "s", text: "t", conversationId: "c" });

describe("html ReplyMemory", () => {
  it("keeps the most recent ids, a re-remembered id counting as newest", () => {
    const m = new ReplyMemory(3);
    for (const id of ["a", "b", "c", "d"]) m.remember(id, r(id));
    expect(m.get("a")).toBeUndefined();
    expect(m.get("b")?.no).toBe("b");
    m.remember("b", r("b2")); // b is now the newest
    m.remember("e", r("e"));
    m.remember("f", r("f"));
    expect(m.get("c")).toBeUndefined();
    expect(m.get("d")).toBeUndefined();
    expect(["b", "e", "f"].map((id) => m.get(id)?.no)).toEqual(["b2", "e", "f"]);
  });

  it("stays fast and bounded over many messages", () => {
    const m = new ReplyMemory(20_000);
    const t = performance.now();
    for (let i = 0; i < 300_000; i++) m.remember(`id${i}`, r(String(i)));
    expect(performance.now() - t).toBeLessThan(3000);
    expect(m.get("id279999")).toBeUndefined();
    expect(m.get("id280000")?.no).toBe("280000");
  });
});
