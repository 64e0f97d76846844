/**
 * A QQ MHT whose CRLF line ends were converted to CRLF once more (`\r\r\n`: a text-mode FTP or git
 * transfer on Windows) was refused with exit 4 and the generic "not a chat export" message: MIME saw no
 * blank line ending the header block. It is now read as the CRLF file it was (src/io/doubled-crlf.ts):
 * same messages, lines and image hashes as its CRLF twin.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { collapseCrRunsBeforeLf, doubledCrlfAsCrlfSource, looksDoubledCrlf } from "../../src/io/doubled-crlf.js";
import { memorySource, readRange } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/index.js";
import { runCapture } from "../helpers/cli.js";
import { GIF_1X1, PNG_1X1, buildMht, font, img, row } from "../helpers/qq-mht-build.js";

const G1 = "33E8481F-D8C5-42c7-B3E0-FD1484C54196";
const G2 = "96F1308E-DDB6-44b1-98D1-16EE42C52F27";
/** Twenty 12 KB pseudo-random "PNG"s: the file spans several 64 KiB chunks, so parts are found again past checkpoints. */
const BIG = Array.from({ length: 20 }, (_, k) => {
  const b = Buffer.alloc(12_000);
  let x = 0x9e3779b9 ^ k;
  for (let i = 0; i < b.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  PNG_1X1.copy(b, 0, 0, 8); // a PNG signature, so the part sniffs as the image it is declared
  return { guid: `0000${String(k).padStart(4, "0")}-AAAA-BBBB-CCCC-DDDDDDDDDDDD`, type: "image/png", bytes: b };
});
const ROWS = [
  row.title(), row.group("我加入的群聊"), row.object("咕咕瓜的避难窝"), row.spacer(), row.date("2020-02-11"),
  row.message("系统消息(10000)", "4:36:46", font("你已经是群成员了")),
  row.message("大魔头", "12:28:18", font("第一行<br>第二行") + img(G1)),
  row.message("风自由(23246779)", "12:30:01", img(G2)),
  ...BIG.map((b, i) => row.message("大魔头", `13:${String(i).padStart(2, "0")}:00`, font(`图 ${i}`) + img(b.guid))),
];
const IMAGES = [{ guid: G1, type: "image/png", bytes: PNG_1X1 }, { guid: G2, type: "image/gif", bytes: GIF_1X1 }, ...BIG];
const CRLF_FILE = buildMht({ rows: ROWS, images: IMAGES, eol: "\r\n" });
const doubled = (b: Buffer) => Buffer.from(b.toString("latin1").replace(/\r\n/g, "\r\r\n"), "latin1");

async function read(bytes: Buffer, from?: string) {
  const diagnostics = new DiagnosticCollector();
  const archive = await readAll(memorySource("chat.mht", bytes), builtinRegistry, { ...(from ? { from } : {}), diagnostics });
  const messages = archive.conversations.flatMap((c) => c.messages);
  return {
    reader: archive.sources[0]?.reader,
    messages: messages.map((m) => [m.text, m.provenance?.at, m.attachments.map((a) => [a.availability, a.sha256, a.bytes])]),
    codes: diagnostics.list().map((d) => d.code).sort(),
  };
}

describe("qq-mht with \\r\\r\\n line ends (CRLF converted twice)", () => {
  it("reads as its CRLF twin: messages, lines, image hashes; detected without --from", async () => {
    const want = await read(CRLF_FILE);
    expect(want.messages).toHaveLength(23);
    const hashes = want.messages.flatMap(([, , a]) => a as [string, string, number][]);
    expect(hashes).toHaveLength(22);
    expect(want.messages[1]![1]).toEqual({ line: expect.any(Number) as number });
    expect(hashes.every(([availability, sha]) => availability === "present" && /^[0-9a-f]{64}$/.test(sha))).toBe(true);
    const got = await read(doubled(CRLF_FILE));
    expect(got.reader).toBe("qq-mht");
    expect(got).toEqual(want);
  });

  it("converts on the command line with exit 0", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mht-crcrlf-"));
    const input = join(dir, "chat.mht");
    writeFileSync(input, doubled(CRLF_FILE));
    const out = join(dir, "out.json");
    const r = await runCapture(["convert", input, "--to", "json", "-o", out]);
    expect(r.err).toMatch(/Read 1 conversation, 23 messages/);
    expect(r.code).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("第一行\\n第二行");
  });

  it("collapses CR runs before LF wherever the chunks split, and keeps other CRs", async () => {
    const text = "a\r\r\nb\r\nc\r\r\r\n\r\r\nd\re\r\r";
    const want = "a\r\nb\r\nc\r\n\r\nd\re\r\r";
    const bytes = Buffer.from(text, "latin1");
    for (let cut = 0; cut <= bytes.length; cut++)
      for (let cut2 = cut; cut2 <= bytes.length; cut2++) {
        const parts: Uint8Array[] = [];
        for await (const c of collapseCrRunsBeforeLf([bytes.subarray(0, cut), bytes.subarray(cut, cut2), bytes.subarray(cut2)])) parts.push(c);
        expect(Buffer.concat(parts).toString("latin1")).toBe(want);
      }
  });

  it("ranges of the view are the CRLF file's bytes, before and after a full pass", async () => {
    const view = doubledCrlfAsCrlfSource(memorySource("chat.mht", doubled(CRLF_FILE)));
    const collect = async (it: AsyncIterable<Uint8Array>) => {
      const parts: Uint8Array[] = [];
      for await (const c of it) parts.push(c);
      return Buffer.concat(parts);
    };
    const spans = [[0, 10], [65_000, 140_000], [200_000, CRLF_FILE.length], [CRLF_FILE.length - 5, CRLF_FILE.length + 100]] as const;
    for (const [a, b] of spans) expect((await collect(readRange(view, a, b))).equals(CRLF_FILE.subarray(a, b))).toBe(true);
    expect((await collect(view.stream())).equals(CRLF_FILE)).toBe(true);
    for (const [a, b] of spans) expect((await collect(readRange(view, a, b))).equals(CRLF_FILE.subarray(a, b))).toBe(true);
    expect(Buffer.from(await view.head(100)).equals(CRLF_FILE.subarray(0, 100))).toBe(true);
  });

  it("tells a doubled file from a CRLF file with a stray CR", () => {
    expect(looksDoubledCrlf(doubled(CRLF_FILE).toString("latin1", 0, 65536))).toBe(true);
    expect(looksDoubledCrlf(CRLF_FILE.toString("latin1", 0, 65536))).toBe(false);
    expect(looksDoubledCrlf("a\r\nb\r\nc\r\r\nd\r\n")).toBe(false);
  });
});
