/**
 * A UTF-8 export with a few damaged bytes (a bad sector, a cut-and-paste) is read as UTF-8, the bad
 * sequences as U+FFFD and reported with their lines; it is not sent whole to GB18030 (all its text
 * mojibake, its headers unrecognised) nor read silently. A real GB18030 file still is GB18030.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { detectEncoding } from "../src/io/decode.js";
import { memorySource } from "../src/io/source.js";
import { readAll } from "../src/pipeline/read-all.js";
import { surveyUtf8 } from "../src/io/utf8-damage.js";

const QQ_HEAD = "消息记录（此消息记录为文本格式，不支持重新导入）\r\n\r\n================================================================\r\n消息分组:我的好友\r\n================================================================\r\n消息对象:小明\r\n================================================================\r\n\r\n";
const qqMessages = (n: number) => Array.from({ length: n }, (_, i) => `2021-03-06 9:${String(i % 60).padStart(2, "0")}:00 小明(10001)\r\n第${i}条消息，今天读第三章\r\n\r\n`).join("");

function write(name: string, bytes: Uint8Array): string {
  const p = join(mkdtempSync(join(tmpdir(), "cp-damage-")), name);
  writeFileSync(p, bytes);
  return p;
}

/** `text` as UTF-8 with `bad` spliced in before the `at`-th occurrence of `marker`. */
function damaged(text: string, marker: string, at: number[], bad: number[]): Buffer {
  let out = Buffer.from(text, "utf8");
  for (const k of [...at].sort((a, b) => b - a)) {
    let pos = -1;
    for (let j = 0; j <= k; j++) pos = out.indexOf(Buffer.from(marker, "utf8"), pos + 1);
    out = Buffer.concat([out.subarray(0, pos), Buffer.from(bad), out.subarray(pos)]);
  }
  return out;
}

const messageLine = (i: number) => 9 + 3 * i + 1; // the body line of message i (0-based) after the 8 header lines

describe("UTF-8 with damaged bytes", () => {
  it("a QQ export stays UTF-8: every message read, the bad bytes U+FFFD, reported with their lines", async () => {
    const p = write("chat.txt", damaged(QQ_HEAD + qqMessages(200), "条消息", [10, 150], [0xff, 0xfe]));
    const archive = await readAll(p, builtinRegistry);
    const msgs = archive.conversations[0]!.messages;
    expect(msgs).toHaveLength(200);
    expect(msgs[0]!.text).toBe("第0条消息，今天读第三章");
    expect(msgs[10]!.text).toBe("第10\uFFFD\uFFFD条消息，今天读第三章");
    const codes = archive.diagnostics.map((d) => d.code);
    expect(codes).not.toContain("encoding-fallback");
    const d = archive.diagnostics.find((x) => x.code === "encoding-replacement")!;
    expect(d.place).toEqual({ line: messageLine(10) });
    expect(d.message).toContain(`4 byte sequences are not on lines ${messageLine(10)}, ${messageLine(150)}`);
  });

  it("with a BOM too (it used to pass silently)", async () => {
    const p = write("chat.txt", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), damaged(QQ_HEAD + qqMessages(20), "条消息", [3], [0xc3, 0x28])]));
    const archive = await readAll(p, builtinRegistry);
    expect(archive.conversations[0]!.messages[3]!.text).toBe("第3\uFFFD(条消息，今天读第三章");
    expect(archive.diagnostics.find((x) => x.code === "encoding-replacement")).toMatchObject({ place: { line: messageLine(3) } });
  });

  it("an English WhatsApp chat with one bad byte stays UTF-8", async () => {
    const lines = Array.from({ length: 50 }, (_, i) => `1/4/23, 10:${String(i).padStart(2, "0")} - Luke: message ${i} café`).join("\n") + "\n";
    const p = write("WhatsApp Chat with Luke.txt", damaged(lines, "message 7 ", [0], [0x80]));
    const archive = await readAll(p, builtinRegistry);
    expect(archive.conversations[0]!.messages).toHaveLength(50);
    expect(archive.conversations[0]!.messages[7]!.text).toBe("\uFFFDmessage 7 café");
    expect(archive.diagnostics.find((x) => x.code === "encoding-replacement")).toMatchObject({ place: { line: 8 } });
  });
});

describe("JSON readers", () => {
  it("qce-json reports bad bytes it reads as U+FFFD (it was silent)", async () => {
    const json = readFileSync("samples/qce-json/private-mixed/input.json");
    const at = json.indexOf(Buffer.from('"text": "')) + 9;
    const p = write("chat.json", Buffer.concat([json.subarray(0, at), Buffer.from([0xff]), json.subarray(at)]));
    const archive = await readAll(p, builtinRegistry, { from: "qce-json" });
    expect(archive.diagnostics.find((d) => d.code === "encoding-replacement")?.message).toContain("not valid UTF-8 in 1 chunk(s)");
    expect(JSON.stringify(archive.conversations)).toContain("\uFFFD");
  });
});

describe("GB18030 stays GB18030", () => {
  it("a GBK export (every Chinese character invalid as UTF-8)", async () => {
    const text = QQ_HEAD + qqMessages(30);
    const bytes = encodeGb18030(text);
    const info = await detectEncoding(memorySource("chat.txt", bytes));
    expect(info).toMatchObject({ encoding: "gb18030", fallback: true });
    expect(info.damaged).toBeUndefined();
  });

  it("a mostly-ASCII GBK file with a few Chinese names", async () => {
    const bytes = encodeGb18030(Array.from({ length: 40 }, (_, i) => `1/4/23, 10:${String(i).padStart(2, "0")} - Luke: message ${i}`).join("\n") + "\n1/4/23, 11:00 - 小明: 你好\n");
    expect(await detectEncoding(memorySource("chat.txt", bytes))).toMatchObject({ encoding: "gb18030", fallback: true });
  });
});

describe("surveyUtf8", () => {
  async function* chunks(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  it("counts what TextDecoder replaces, across any chunking, and finds lines ended by LF, CRLF or CR", async () => {
    const bytes = Buffer.concat([Buffer.from("a\r\nb\rc\n好"), Buffer.from([0xe4, 0xb8]), Buffer.from("\n\xff", "latin1"), Buffer.from("👍"), Buffer.from([0xf0, 0x9f])]);
    const replaced = [...new TextDecoder().decode(bytes)].filter((c) => c === "\uFFFD").length;
    for (const size of [1, 2, 3, 5, 64]) {
      const s = await surveyUtf8(chunks(bytes, size));
      expect(s).toMatchObject({ invalid: replaced, multibyte: 2, lines: [4, 5], gb18030: false });
    }
  });
});

/** GB18030 bytes of `text` (Node has no GB encoder: map each character through the decoder's table). */
function encodeGb18030(text: string): Uint8Array {
  const dec = new TextDecoder("gb18030");
  const table = new Map<string, number[]>();
  for (let a = 0x81; a <= 0xfe; a++)
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const c = dec.decode(new Uint8Array([a, b]));
      if (c.length === 1 && !table.has(c)) table.set(c, [a, b]);
    }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else out.push(...table.get(ch)!);
  }
  return new Uint8Array(out);
}
