/**
 * A conversion that fails part-way (the reader throws after messages were written) must not leave a
 * file that passes for a whole copy: no manifest is written then, so the file itself has to say it, or
 * go. Writers that can say it (json, ndjson, html, rsmf) keep a closed file marked incomplete; csv and
 * whatsapp-txt cannot, and their files are removed. Found by the QA sweep: a header-only CSV or a
 * closed, valid JSON archive was left behind after exit 5.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readers, writers } from "../../formats/index.js";
import { ChatportError } from "../../src/diagnostics/errors.js";
import { convert } from "../../src/pipeline/convert.js";
import { Registry } from "../../src/plugin/registry.js";
import type { ReaderPlugin } from "../../src/plugin/types.js";

/** Reads `BREAKS` files: one conversation, two messages, then the damage. */
const breaking: ReaderPlugin = {
  id: "breaking", version: "0", displayName: "test", platform: "test", input: "text",
  options: z.object({}) as unknown as ReaderPlugin["options"],
  detect: (p) => (p.text.startsWith("BREAKS") ? { confidence: 1, reason: "test" } : null),
  async *read(_input, ctx) {
    const conversation = { id: "c", platform: "test", kind: "direct" as const, title: "t", participantIds: [], source: "chat.txt" };
    yield { type: "conversation", conversation };
    for (const seq of [1, 2])
      yield { type: "message", message: { id: `m${seq}`, conversationId: "c", seq, senderId: null, sentAt: { raw: "x", basis: "floating", precision: "day" }, kind: "text", text: `message ${seq}`, attachments: [], reactions: [], status: "normal", provenance: ctx.provenance("chat.txt", { line: seq }) } };
    throw new ChatportError("input-damaged", "chat.txt is cut off after line 2; export it again.");
  },
};
const registry = new Registry([...readers, breaking], writers);

function input(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "chatport-failed-"));
  const file = join(dir, "chat.txt");
  writeFileSync(file, "BREAKS\nline\n");
  return { dir, file };
}

describe("outputs of a conversion that fails part-way", () => {
  it.each(["csv", "whatsapp-txt"])("%s: the partial file is removed (it cannot say it is incomplete)", async (to) => {
    const { dir, file } = input();
    const out = join(dir, "out", `chat.${to}`);
    await expect(convert(file, registry, { to, output: out })).rejects.toThrow(/cut off after line 2/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(join(dir, "out"))).toEqual([]); // no manifest either
  });

  it("csv: an earlier run's output is left as it was, and no partial file stays", async () => {
    const { dir, file } = input();
    const out = join(dir, "chat.csv");
    writeFileSync(out, "earlier run\r\n");
    await expect(convert(file, registry, { to: "csv", output: out })).rejects.toThrow(/cut off after line 2/);
    expect(readFileSync(out, "utf8")).toBe("earlier run\r\n");
    expect(readdirSync(dir).sort()).toEqual(["chat.csv", "chat.txt"]);
  });

  it("while it runs, the output is written under a temporary name beside the final one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatport-staged-"));
    const file = join(dir, "chat.txt");
    writeFileSync(file, "BREAKS\n");
    const seen: string[][] = [];
    const peeking: ReaderPlugin = { ...breaking, id: "peeking", async *read(i, ctx) {
      for await (const ev of breaking.read(i, ctx)) {
        if (ev.type === "message") seen.push(readdirSync(dir).sort());
        yield ev;
      }
    } };
    const reg = new Registry([peeking], writers);
    await expect(convert(file, reg, { to: "csv", output: join(dir, "a.csv"), from: "peeking" })).rejects.toThrow(/cut off/);
    expect(seen[1]).toEqual([expect.stringMatching(/^a\.csv\.partial-\d+-\d+$/), "chat.txt"]);
    expect(readdirSync(dir)).toEqual(["chat.txt"]);
  });

  it("json: the closed archive ends with a conversion-stopped error naming the failure", async () => {
    const { dir, file } = input();
    const out = join(dir, "chat.json");
    await expect(convert(file, registry, { to: "json", output: out })).rejects.toThrow(/cut off/);
    const archive = JSON.parse(readFileSync(out, "utf8"));
    expect(archive.conversations[0].messages.map((m: { text: string }) => m.text)).toEqual(["message 1", "message 2"]);
    expect(archive.diagnostics.at(-1)).toEqual({
      code: "conversion-stopped", severity: "error", origin: "chatport",
      message: "Reading stopped early: chat.txt is cut off after line 2; export it again. This archive holds only what was read before that.",
    });
    expect(existsSync(`${out}.manifest.json`)).toBe(false);
  });

  it.each([
    ["ndjson", /"type":"end","complete":false/],
    ["html", /The export stopped early: chat\.txt is cut off after line 2/],
  ])("%s: the file is kept and says it is incomplete", async (to, mark) => {
    const { dir, file } = input();
    const out = join(dir, `chat.${to}`);
    await expect(convert(file, registry, { to, output: out })).rejects.toThrow(/cut off/);
    expect(readFileSync(out, "utf8")).toMatch(mark);
  });

  it("a conversion that succeeds keeps its csv, with a json writer's diagnostics free of conversion-stopped", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatport-failed-"));
    const file = join(dir, "chat.txt");
    writeFileSync(file, "[2024-01-01 10:00:00] Alice: hi\n");
    const ok: ReaderPlugin = { ...breaking, id: "fine", detect: () => ({ confidence: 1, reason: "test" }), async *read(_i, ctx) {
      const conversation = { id: "c", platform: "test", kind: "direct" as const, title: "t", participantIds: [], source: "chat.txt" };
      yield { type: "conversation", conversation };
      yield { type: "message", message: { id: "m1", conversationId: "c", seq: 1, senderId: null, sentAt: { raw: "x", basis: "floating", precision: "day" }, kind: "text", text: "hi", attachments: [], reactions: [], status: "normal", provenance: ctx.provenance("chat.txt", { line: 1 }) } };
      yield { type: "conversation-end", conversation };
    } };
    const reg = new Registry([ok], writers);
    await convert(file, reg, { to: "csv", output: join(dir, "a.csv"), from: "fine" });
    expect(readFileSync(join(dir, "a.csv"), "utf8")).toContain(",hi,");
    await convert(file, reg, { to: "json", output: join(dir, "a.json"), from: "fine" });
    expect(readFileSync(join(dir, "a.json"), "utf8")).not.toContain("conversion-stopped");
    expect(readdirSync(dir).sort()).toEqual(["a.csv", "a.csv.manifest.json", "a.json", "a.json.manifest.json", "chat.txt"]);
  });
});
