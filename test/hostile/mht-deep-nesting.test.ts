/**
 * Hostile MHT: elements nested hundreds of thousands deep. htmlparser2 keeps its open-element stack
 * newest-first (unshift/shift), so parsing was quadratic in the depth: 300,000 nested <div>s (3 MB)
 * never finished; and the reader's own tree walks are recursive, so 20,000 overflowed the stack (exit
 * 70). Rows are now built at most MAX_ROW_DEPTH deep (deeper text kept in order, reported), and the
 * parser's stacks are swapped for O(1) ones once nesting gets deep (formats/qq-mht/deep-stack.ts).
 */
import fc from "fast-check";
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { deepenParserStacks, newestFirst } from "../../formats/qq-mht/deep-stack.js";
import { MAX_ROW_DEPTH } from "../../formats/qq-mht/html-rows.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { memorySource, readAll } from "../../src/index.js";
import { buildMht, font, HEAD, row, TAIL } from "../helpers/qq-mht-build.js";

const DEPTH = 300_000;

async function read(rows: string[], head?: string) {
  const diagnostics = new DiagnosticCollector();
  const bytes = buildMht({ rows });
  const text = head ? Buffer.from(Buffer.from(bytes).toString("utf8").replace(HEAD, head)) : bytes;
  const archive = await readAll(memorySource("deep.mht", text), { from: "qq-mht", diagnostics });
  return { messages: archive.conversations.flatMap((c) => c.messages), diags: archive.diagnostics };
}

const rows = (body: string) => [row.title(), row.group("我的好友"), row.object("张三"), row.date("2020-02-11"), row.message("张三(10001)", "10:00:00", body), row.message("张三(10001)", "10:01:00", font("后来"))];

describe("qq-mht: elements nested far deeper than QQ writes", () => {
  // Each case takes well under a second now; the limit is a hang guard (the first never finished).
  it(`reads a message nesting ${DEPTH.toLocaleString("en")} <div>s: its text kept, the row reported`, async () => {
    const r = await read(rows("<div>".repeat(DEPTH) + "深处" + "</div>".repeat(DEPTH)));
    expect(r.messages.map((m) => m.text)).toEqual(["深处", "后来"]);
    const d = r.diags.filter((x) => x.code === "repaired-markup");
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toContain(`more than ${MAX_ROW_DEPTH} deep`);
    expect(d[0]!.place).toBeDefined();
  }, 20_000);

  it("keeps the text of every level in order when each level has its own", async () => {
    const n = 5_000;
    const body = Array.from({ length: n }, (_, i) => `<span>${i % 10}`).join("") + "</span>".repeat(n);
    const r = await read(rows(body));
    expect(r.messages[0]!.text).toBe(Array.from({ length: n }, (_, i) => String(i % 10)).join(""));
  }, 20_000);

  it("reads the chat after deep nesting outside the chat table", async () => {
    const stray = "<div>".repeat(DEPTH) + "页眉" + "</div>".repeat(DEPTH);
    const r = await read(rows(font("你好")), HEAD.replace("<table", `${stray}<table`));
    expect(r.messages.map((m) => m.text)).toEqual(["你好", "后来"]);
    expect(r.diags.some((x) => x.code === "unrecognized-record")).toBe(true);
  }, 20_000);

  it("htmlparser2 still has the stack fields the fast stacks replace", () => {
    const p = new Parser({});
    expect(() => deepenParserStacks(p)).not.toThrow();
    expect(() => deepenParserStacks({})).toThrow(/htmlparser2/);
  });
});

describe("newestFirst", () => {
  it("answers every operation htmlparser2 uses as a plain newest-first array does", () => {
    const op = fc.oneof(
      fc.record({ op: fc.constant("unshift" as const), x: fc.constantFrom("div", "p", "span", "td") }),
      fc.record({ op: fc.constant("shift" as const) }),
      fc.record({ op: fc.constant("indexOf" as const), x: fc.constantFrom("div", "p", "span", "td", "table") }),
      fc.record({ op: fc.constant("at" as const), i: fc.nat(8) }),
      fc.record({ op: fc.constant("truncate" as const), n: fc.nat(5) }),
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom("html", "body", "table"), { maxLength: 3 }), fc.array(op, { maxLength: 80 }), (start, ops) => {
        const plain: string[] = [...start];
        const fast = newestFirst<string>(start);
        for (const o of ops) {
          if (o.op === "unshift") expect(fast.unshift(o.x)).toBe(plain.unshift(o.x));
          else if (o.op === "shift") expect(fast.shift()).toBe(plain.shift());
          else if (o.op === "indexOf") expect(fast.indexOf(o.x)).toBe(plain.indexOf(o.x));
          else if (o.op === "at") expect(fast[o.i]).toBe(plain[o.i]);
          else if (o.n < plain.length) (fast.length = o.n), (plain.length = o.n);
          expect(fast.length).toBe(plain.length);
        }
      }),
      { seed: 1123, numRuns: 400 },
    );
  });
});
