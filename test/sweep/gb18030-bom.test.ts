/**
 * Found by the CLI sweep over real files: a text export re-saved as GB18030 "with signature" (the
 * bytes 84 31 95 33, U+FEFF in GB18030) lost its first line. The file was read as GB18030 by the
 * fallback, but TextDecoder drops a leading BOM for UTF-8 and UTF-16 only: the first line began with
 * U+FEFF, so a QQ title or header line was reported as unrecognised (qq-txt, qq-copy: one message fewer)
 * and the first record of a QCE JSONL chunk was not JSON. The signature now declares GB18030 and is
 * dropped like the others.
 */
import iconv from "iconv-lite";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { decodeHead, detectEncoding } from "../../src/io/decode.js";
import { memorySource } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/index.js";
import { buildProbe } from "../../src/pipeline/probe.js";
import { REPO } from "../helpers/samples.js";

const SIGNATURE = Buffer.from([0x84, 0x31, 0x95, 0x33]);
const withSignature = (text: string) => Buffer.concat([SIGNATURE, iconv.encode(text, "gb18030")]);

async function read(name: string, bytes: Buffer, from?: string) {
  const diagnostics = new DiagnosticCollector();
  const archive = await readAll(memorySource(name, bytes), builtinRegistry, { ...(from ? { from } : {}), diagnostics });
  return { archive, messages: archive.conversations.flatMap((c) => c.messages), codes: diagnostics.list().map((d) => d.code) };
}

describe("GB18030 with its signature (U+FEFF as 84 31 95 33)", () => {
  it("is GB18030 by its signature, which no text keeps", async () => {
    const bytes = withSignature("2024-03-01 08:00:00 小明(10001)\r\n你好\r\n");
    expect(await detectEncoding(memorySource("a.txt", bytes))).toEqual({ encoding: "gb18030", bom: true, fallback: false });
    expect(decodeHead(bytes).startsWith("2024-03-01 08:00:00 小明")).toBe(true);
  });

  it.each([
    ["qq-txt", "samples/qq-txt/group-basic/input.txt"],
    ["qq-txt", "samples/qq-txt/dst-berlin/input.txt"],
    ["qq-copy", "samples/qq-copy/full-dates/input.txt"],
  ])("%s %s: the same messages as the UTF-8 original, nothing unrecognised, detected alike", async (from, path) => {
    const text = readFileSync(join(REPO, path), "utf8").replace(/^\uFEFF/, "");
    const original = await read("chat.txt", Buffer.from(text, "utf8"), from);
    const resaved = await read("chat.txt", withSignature(text), from);
    expect(resaved.messages.map((m) => [m.sentAt.raw, m.senderId, m.text])).toEqual(original.messages.map((m) => [m.sentAt.raw, m.senderId, m.text]));
    expect(resaved.codes).not.toContain("unrecognized-line");
    const [best] = builtinRegistry.detect(await buildProbe(memorySource("chat.txt", withSignature(text))));
    expect(best?.reader.id).toBe(from);
  });
});
