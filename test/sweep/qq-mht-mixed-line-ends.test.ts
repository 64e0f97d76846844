/**
 * A QQ MHT whose lines end partly in lone CRs and partly in CRLF (hand-edited, or pieces joined) was
 * read as CRLF: MIME saw each lone-CR run as one line, found no text/html part, and the CLI said "no
 * message could be read" (exit 4). A head with any lone CR (not one before CRLF) now reads through the
 * lone-CR view, so it reads as its LF twin; image hashes unchanged.
 */
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { memorySource } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/index.js";
import { GIF_1X1, PNG_1X1, buildMht, font, img, row } from "../helpers/qq-mht-build.js";

const G1 = "33E8481F-D8C5-42c7-B3E0-FD1484C54196";
const G2 = "96F1308E-DDB6-44b1-98D1-16EE42C52F27";
const ROWS = [
  row.title(), row.group("我加入的群聊"), row.object("咕咕瓜的避难窝"), row.spacer(), row.date("2020-02-11"),
  row.message("系统消息(10000)", "4:36:46", font("你已经是群成员了")),
  row.message("大魔头", "12:28:18", font("第一行<br>第二行") + img(G1)),
  row.message("风自由(23246779)", "12:30:01", img(G2)),
];
const IMAGES = [
  { guid: G1, type: "image/png", bytes: PNG_1X1 },
  { guid: G2, type: "image/gif", bytes: GIF_1X1 },
];
const LF_FILE = buildMht({ rows: ROWS, images: IMAGES, eol: "\n" });

/** The LF file with line n ending in a lone CR when `cr(n)`, else CRLF. */
function mixed(cr: (n: number) => boolean): Buffer {
  const lines = LF_FILE.toString("latin1").split("\n");
  return Buffer.from(lines.map((l, i) => (i === lines.length - 1 ? l : l + (cr(i) ? "\r" : "\r\n"))).join(""), "latin1");
}

async function read(bytes: Buffer) {
  const diagnostics = new DiagnosticCollector();
  const archive = await readAll(memorySource("chat.mht", bytes), builtinRegistry, { from: "qq-mht", diagnostics });
  return archive.conversations.flatMap((c) => c.messages).map((m) => [m.text, m.attachments.map((a) => [a.availability, a.sha256])]);
}

describe("qq-mht with lone CRs among CRLF line ends", () => {
  it.each([
    ["every other line", (n: number) => n % 2 === 0],
    ["the first lines only", (n: number) => n < 6],
    ["the base64 lines too", () => true],
  ])("reads as its LF twin: %s", async (_name, cr) => {
    const want = await read(LF_FILE);
    expect(want).toHaveLength(3);
    expect(want.flatMap(([, a]) => a as unknown[])).toHaveLength(2);
    expect(await read(mixed(cr))).toEqual(want);
  });
});
