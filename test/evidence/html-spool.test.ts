import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { readers, writers } from "../../formats/index.js";
import { Registry } from "../../src/plugin/registry.js";
import { convert } from "../../src/pipeline/index.js";
import { fakeInputFolder, fakeReader } from "./fake-reader.js";
import { manyMessages, qqTxtSections } from "../helpers/qq-txt-build.js";

// The html writer writes in one pass (spooling its body, covers written at the end) when its output is a
// file; with a counting pass first it writes straight through. Both must give the same bytes, volumes
// included: this registry's html/pdf writers ask for the counting pass.
const spooled = new Registry([...readers, fakeReader], writers);
const counted = new Registry([...readers, fakeReader], writers.map((w) => (w.totalsAtEnd ? { ...w, totalsAtEnd: false } : w)));
const GENERATED = "2024-05-01T00:00:00Z";

function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!e.name.endsWith(".manifest.json")) out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

async function both(input: string, from: string | undefined, writerOptions: Record<string, unknown>) {
  const run = async (registry: Registry) => {
    const dir = mkdtempSync(join(tmpdir(), "chatport-spool-"));
    await convert(input, registry, { to: "html", output: join(dir, "out.html"), generatedAt: GENERATED, writerOptions, ...(from ? { from } : {}) });
    return { files: files(dir) };
  };
  return [await run(spooled), await run(counted)] as const;
}

/** Sections of 0, 3, 0, 0, 5, 1 and 0 messages: empty conversations fall on volume boundaries for small splits. */
function sectionedInput(): string {
  const sizes = [0, 3, 0, 0, 5, 1, 0];
  let at = 0;
  const all = manyMessages(9);
  // A neutral group name: the reader learns each conversation is a group only when it closes it.
  const text = qqTxtSections(sizes.map((n, i) => ({ title: `会话${i}`, messages: all.slice(at, (at += n)) })), "其他");
  const dir = mkdtempSync(join(tmpdir(), "chatport-spool-in-"));
  writeFileSync(join(dir, "chat.txt"), text);
  return join(dir, "chat.txt");
}

describe("html in one pass equals html after a counting pass", () => {
  const qq = sectionedInput();
  it.each([undefined, 1, 2, 3, 4, 5, 8, 9, 100])("QQ TXT sections with empty ones, split %s", async (split) => {
    const [a, b] = await both(qq, "qq-txt", split ? { split } : {});
    expect([...a.files.keys()].sort()).toEqual([...b.files.keys()].sort());
    if (split) expect(a.files.size).toBe(Math.ceil(9 / split));
    for (const [name, bytes] of b.files) expect(a.files.get(name)?.toString("utf8"), name).toBe(bytes.toString("utf8"));
  });

  it.each([undefined, 1, 4, 6, 13])("the evidence test reader (replies, media, recalls), split %s", async (split) => {
    const [a, b] = await both(fakeInputFolder(), undefined, split ? { split } : {});
    expect([...a.files.keys()].sort()).toEqual([...b.files.keys()].sort());
    for (const [name, bytes] of b.files) expect(a.files.get(name)?.equals(bytes), name).toBe(true);
  });
});

/** `n` messages from `senders` distinct senders, in two sections whose kind the reader learns at their end. */
function bigInput(n: number, senders: number): string {
  const all = manyMessages(n).map((m, i) => ({ ...m, sender: `成员${i % senders}(${800000000 + (i % senders)})` }));
  const text = qqTxtSections([{ title: "甲", messages: all.slice(0, n / 2) }, { title: "乙", messages: all.slice(n / 2) }], "其他");
  const dir = mkdtempSync(join(tmpdir(), "chatport-direct-in-"));
  writeFileSync(join(dir, "chat.txt"), text);
  return join(dir, "chat.txt");
}

/** The one-pass output without the room left for the cover and the headings (runs of 32+ spaces). */
const withoutRoom = (b: Buffer) => b.toString("utf8").replace(/ {32,}/g, "");

// Past 4 MiB of body, one file is written straight into its output after room for the cover, and the
// cover and headings are written over their room at the end (formats/html/direct-body.ts).
describe("html written directly into its file (past 4 MiB of body)", () => {
  it("equals the counted output but for the room left, with the totals and final headings patched in", async () => {
    const [a, b] = await both(bigInput(12_000, 3), "qq-txt", {});
    const one = a.files.get("out.html")!, counted = b.files.get("out.html")!;
    expect(one.length).toBeGreaterThan(counted.length + 200 * 1024); // the direct plan ran: room was left
    expect(withoutRoom(one)).toBe(counted.toString("utf8"));
    const text = one.toString("utf8");
    expect(text.indexOf("12000 message(s)")).toBeLessThan(text.indexOf("<main>"));
    expect(text).toContain("qq group · <code>");
    expect(text).not.toContain("qq unknown · <code>");
  });

  it("patches the headings of thousands of conversations while writing, as each one closes", async () => {
    // 7,000 sections whose kind the reader learns at their end: over 1 MiB of heading edits, applied
    // in batches during the run (HeadingSlots.due) and at the end.
    const all = manyMessages(21_000);
    const text = qqTxtSections(Array.from({ length: 7_000 }, (_, i) => ({ title: `会话${i}`, messages: all.slice(3 * i, 3 * i + 3) })), "其他");
    const dir = mkdtempSync(join(tmpdir(), "chatport-direct-in-"));
    writeFileSync(join(dir, "chat.txt"), text);
    const [a, b] = await both(join(dir, "chat.txt"), "qq-txt", {});
    const one = a.files.get("out.html")!, counted = b.files.get("out.html")!;
    expect(one.length).toBeGreaterThan(counted.length + 200 * 1024);
    // The messages and their headings are the same; the cover's tables went after them (too long for their room).
    const body = (t: string) => t.slice(t.indexOf("<main>"), t.indexOf("</main>"));
    expect(body(withoutRoom(one))).toBe(body(counted.toString("utf8")));
    expect(one.toString("utf8")).not.toContain("qq unknown · <code>");
    expect(one.toString("utf8").match(/qq group · <code>/g)).toHaveLength(7_000); // every heading
  });

  it("moves the cover's tables after the messages when they outgrow their room", async () => {
    const [a, b] = await both(bigInput(12_000, 6_000), "qq-txt", {});
    const text = a.files.get("out.html")!.toString("utf8");
    const main = text.indexOf("</main>");
    expect(text.slice(0, text.indexOf("<main>"))).toContain("are at the end of this document");
    expect(text.indexOf("<h2>Participants")).toBeGreaterThan(main);
    for (const i of [0, 2999, 5999]) expect(text.slice(main)).toContain(`<code>qq:${800000000 + i}</code>`);
    // The counted output lists them on the cover; both hold the same tables.
    const counted = b.files.get("out.html")!.toString("utf8");
    const table = (t: string) => t.slice(t.indexOf("<h2>Conversations"), t.indexOf("</table>", t.indexOf("<h2>Participants")));
    expect(table(text)).toBe(table(counted));
  });
});
