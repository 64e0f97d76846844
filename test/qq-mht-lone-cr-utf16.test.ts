/**
 * QQ MHT saved with lone-CR line ends, or as UTF-16 without a BOM (re-saved by an editor), ended in a
 * generic "not an export"/"no text/html part" (exit 4). Lone-CR files are now read as their LF twins,
 * through a byte-for-byte view (src/io/cr-as-lf.ts), so image hashes and byte ranges stay exact.
 * UTF-16 was then refused with a sentence saying how to re-save it; it is now read
 * (test/qq-mht-utf16.test.ts).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { DiagnosticCollector } from "../src/diagnostics/collector.js";
import { loneCrAsLfSource, loneCrToLf } from "../src/io/cr-as-lf.js";
import { memorySource, readRange, type InputSource } from "../src/io/source.js";
import { readAll } from "../src/pipeline/index.js";
import { GIF_1X1, PNG_1X1, buildMht, font, img, row } from "./helpers/qq-mht-build.js";
import { runCapture } from "./helpers/cli.js";
import { chunkedSource } from "./helpers/chunked-source.js";

const G1 = "33E8481F-D8C5-42c7-B3E0-FD1484C54196";
const G2 = "96F1308E-DDB6-44b1-98D1-16EE42C52F27";
const ROWS = [
  row.title(), row.group("我加入的群聊"), row.object("咕咕瓜的避难窝"), row.spacer(), row.date("2020-02-11"),
  row.message("系统消息(10000)", "4:36:46", font("你已经是群成员了，和大家打个招呼吧！")),
  row.message("大魔头", "12:28:18", font("第一行<br>第二行") + img(G1)),
  row.date("2020-02-12"),
  row.message("风自由(23246779)", "0:00:01", img(G2)),
];
const IMAGES = [
  { guid: G1, type: "image/png", bytes: PNG_1X1 },
  { guid: G2, type: "image/gif", bytes: GIF_1X1 },
];
const LF_FILE = buildMht({ rows: ROWS, images: IMAGES, eol: "\n" });
const CR_FILE = Buffer.from(LF_FILE.toString("latin1").replace(/\n/g, "\r"), "latin1");

async function read(src: InputSource) {
  const diagnostics = new DiagnosticCollector();
  const archive = await readAll(src, builtinRegistry, { diagnostics });
  return { archive, diagnostics: diagnostics.list() };
}

const collect = async (it: AsyncIterable<Uint8Array>) => {
  const out: Buffer[] = [];
  for await (const c of it) out.push(Buffer.from(c));
  return Buffer.concat(out);
};

describe("qq-mht with lone-CR line ends", () => {
  it("reads as its LF twin: same messages, images, hashes, lines (detected without --from)", async () => {
    const want = await read(memorySource("chat.mht", LF_FILE));
    const msgs = want.archive.conversations.flatMap((c) => c.messages);
    expect(msgs).toHaveLength(3);
    expect(msgs.flatMap((m) => m.attachments.map((a) => a.availability))).toEqual(["present", "present"]);
    for (const [size, withRange] of [[1 << 16, true], [7, false], [1, true]] as const) {
      const got = await read(chunkedSource("chat.mht", CR_FILE, size, withRange));
      expect(got.archive.sources.map((s) => s.reader)).toEqual(["qq-mht"]);
      expect(got.archive.conversations).toEqual(want.archive.conversations);
      expect(got.archive.participants).toEqual(want.archive.participants);
      expect(got.diagnostics).toEqual(want.diagnostics);
    }
  });

  it("the CLI converts it, images included (it was exit 4)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mht-cr-"));
    const input = join(dir, "chat.mht");
    writeFileSync(input, CR_FILE);
    const r = await runCapture(["convert", input, "--to", "json", "-o", join(dir, "out.json")]);
    expect(r.err).toMatch(/Read 1 conversation, 3 messages/);
    expect(r.code).toBe(0);
  });

  it("loneCrToLf turns lone CRs into LF byte for byte, wherever the chunks are cut; CRLF is kept", async () => {
    const text = Buffer.from("a\rb\r\nc\r\rd\r", "latin1");
    for (const size of [1, 2, 3, 100]) {
      const chunks = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.subarray(i, i + size));
      expect((await collect(loneCrToLf(chunks))).toString("latin1")).toBe("a\nb\r\nc\n\nd\n");
    }
    const view = loneCrAsLfSource(memorySource("x", text));
    expect(Buffer.from(await view.head(4)).toString("latin1")).toBe("a\nb\r");
    expect(Buffer.from(await view.head(2)).toString("latin1")).toBe("a\n");
    expect((await collect(readRange(view, 2, 7))).toString("latin1")).toBe("b\r\nc\n");
    expect((await collect(readRange(view, 8, 11))).toString("latin1")).toBe("d\n");
    expect(text.toString("latin1")).toBe("a\rb\r\nc\r\rd\r"); // the input itself is not changed
  });
});
