/**
 * Found by the CLI sweep over real files: a UTF-8 text export cut inside a multi-byte character (the
 * corpus QQ TXT cut at byte 97,040, a WhatsApp chat cut mid-emoji: an interrupted copy) converted with
 * exit 0 and no word: the last message ended in U+FFFD and nothing said the file ends mid-character. It
 * stays UTF-8 (not GB18030, test/decode-truncated-tail.test.ts), and the cut character is now reported
 * like any other bad byte (encoding-replacement, with its line), as JSON readers already did.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { memorySource } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/index.js";
import { REPO } from "../helpers/samples.js";

async function read(name: string, bytes: Uint8Array, from: string) {
  const diagnostics = new DiagnosticCollector();
  const archive = await readAll(memorySource(name, bytes), builtinRegistry, { from, diagnostics });
  return { messages: archive.conversations.flatMap((c) => c.messages), diagnostics: diagnostics.list() };
}

/** The file cut one byte into its last multi-byte character. */
function cutInLastCharacter(bytes: Buffer): Buffer {
  let i = bytes.length - 1;
  while (i > 0 && !(bytes[i]! >= 0xc2 && bytes[i]! <= 0xf4)) i--;
  return bytes.subarray(0, i + 1);
}

describe("UTF-8 cut inside a character", () => {
  it.each([
    ["qq-txt", "samples/qq-txt/group-basic/input.txt"],
    ["whatsapp-txt", "samples/whatsapp-txt/de-android-group-poll-pushname/input.txt"],
    ["qce-txt", "samples/qce-txt/group-all-kinds/input.txt"],
    ["wechatmsg-csv", "samples/wechatmsg-csv/group-12-columns/input.csv"],
  ])("%s: still UTF-8, the cut character reported with its line", async (from, path) => {
    const cut = cutInLastCharacter(readFileSync(join(REPO, path)));
    const lines = cut.toString("latin1").split(/\r\n|\r|\n/).length;
    const r = await read(path.split("/").pop()!, cut, from);
    expect(r.messages.length).toBeGreaterThan(0);
    expect(r.diagnostics.map((d) => d.code)).not.toContain("encoding-fallback");
    const damage = r.diagnostics.filter((d) => d.code === "encoding-replacement");
    expect(damage).toHaveLength(1);
    expect(damage[0]!.place).toEqual({ line: lines });
    expect(damage[0]!.message).toMatch(/is UTF-8 but one byte sequence is not on line \d+; each was read as U\+FFFD/);
  });
});
