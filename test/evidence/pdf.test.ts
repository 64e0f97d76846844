import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { countPdfPages, findChromium, KNOWN_PATHS } from "../../formats/pdf/chromium.js";
import { builtinRegistry } from "../../src/builtin.js";
import { isChatportError } from "../../src/diagnostics/errors.js";
import { convert } from "../../src/pipeline/convert.js";
import { REPO } from "../helpers/samples.js";
import { CHROMIUM, NEEDS_CHROMIUM, pdfInfoPages, pdfPages, POPPLER } from "./browser.js";

const SAMPLE = join(REPO, "samples/qq-txt/group-basic/input.txt");
const tmp = () => mkdtempSync(join(tmpdir(), "chatport-pdf-"));
const CAN_PRINT = !!CHROMIUM && POPPLER;
const WHY = NEEDS_CHROMIUM || (POPPLER ? "" : " [SKIPPED: pdfinfo/pdftotext missing — apt-get install poppler-utils]");

describe("PDF printed by the installed Chromium", () => {
  it.skipIf(!CAN_PRINT)(`prints a QQ TXT export with page X of Y, Bates numbers and CJK text${WHY}`, async () => {
    const dir = tmp();
    const out = join(dir, "chat.pdf");
    const r = await convert(SAMPLE, builtinRegistry, { to: "pdf", output: out, tz: "Asia/Shanghai", writerOptions: { bates: "CASE-", batesStart: 7 } });
    const n = pdfInfoPages(out);
    expect(n).toBeGreaterThanOrEqual(3); // cover (2+ pages) and the messages
    expect(countPdfPages(readFileSync(out))).toBe(n);
    const pages = pdfPages(out);
    expect(pages).toHaveLength(n);
    pages.forEach((p, i) => {
      expect(p).toContain(`Page ${i + 1} of ${n}`);
      expect(p).toContain(`CASE-${String(7 + i).padStart(6, "0")}`);
      expect(p).toContain("周末读书会"); // running header
    });
    const all = pages.join("\n");
    expect(all).toContain("Chat export — evidence copy");
    expect(all).toContain("大家早上好，今天读第三章");
    expect(all).toContain("小鱼干Ｏ(≧▽≦)Ｏ");
    expect(all).toMatch(/2021-03-06 09:02:11 UTC\+08:00 \(Asia\/Shanghai\)\s+zone assumed/);
    expect(all).toContain("End of export: 8 messages rendered");
    const m = JSON.parse(readFileSync(r.manifest!, "utf8"));
    expect(m.writer.facts.browser).toMatch(/^chromium \d+\./);
    expect(m.writer.facts.pages).toBe(String(n));
    expect(m.writer.facts.messagesPerVolume).toBe("10000"); // the default volume size, recorded
    expect(m.writer.facts.bates).toBe(`CASE-000007 to CASE-${String(6 + n).padStart(6, "0")}`);
    expect(m.outputs).toEqual([{ path: "chat.pdf", role: "main", bytes: readFileSync(out).length, sha256: createHash("sha256").update(readFileSync(out)).digest("hex") }]);
  });

  it.skipIf(!CAN_PRINT)(`continues Bates numbers across volumes${WHY}`, async () => {
    const dir = tmp();
    const out = join(dir, "chat.pdf");
    const r = await convert(SAMPLE, builtinRegistry, { to: "pdf", output: out, writerOptions: { bates: "V-", split: 3 } });
    expect(r.outputs.map((p) => p.slice(dir.length + 1))).toEqual(["chat.pdf", "chat.vol002.pdf", "chat.vol003.pdf"]);
    let next = 1;
    for (const [k, file] of r.outputs.entries()) {
      const pages = pdfPages(file);
      expect(pages[0]).toContain(`Volume ${k + 1} of 3`);
      for (const p of pages) expect(p).toContain(`V-${String(next++).padStart(6, "0")}`);
    }
    expect(pdfPages(r.outputs[2]!).join("\n")).toContain("End of export: 8 messages rendered");
    expect(JSON.parse(readFileSync(r.manifest!, "utf8")).writer.facts.messagesPerVolume).toBe("3");
  });

  it.skipIf(!CAN_PRINT)(`prints a 3M-character message without a line break whole${WHY}`, async () => {
    // Chromium printed only the first ~8 MB of UTF-8 of such a text run (2.8M CJK characters), and
    // slowly; the html writer now hands it over in blocks (formats/html/escape.ts escapeLongText).
    const dir = tmp();
    const input = join(dir, "long.txt");
    const N = 3_000_000;
    writeFileSync(input, `消息记录（此消息记录为文本格式，不支持重新导入）\r\n\r\n2020-01-01 10:00:00 小明\r\n${"好".repeat(N)}\r\n\r\n2020-01-01 10:01:00 小明\r\n后来的消息\r\n\r\n`);
    const out = join(dir, "long.pdf");
    await convert(input, builtinRegistry, { to: "pdf", output: out, tz: "Asia/Shanghai", manifest: false });
    const text = execFileSync("pdftotext", [out, "-"], { encoding: "utf8", maxBuffer: 1 << 30 });
    // The message, and the first 200 characters of its line quoted by the oversized-record diagnostic.
    expect(text.split("好").length - 1).toBe(N + 200);
    expect(text).toContain("后来的消息");
  }, 180_000);

  it("says how to get a browser when none is found, and leaves no empty file", async () => {
    const dir = tmp();
    const out = join(dir, "chat.pdf");
    const prev = process.env.CHATPORT_CHROMIUM;
    process.env.CHATPORT_CHROMIUM = join(dir, "no-such-chromium");
    try {
      const err = await convert(SAMPLE, builtinRegistry, { to: "pdf", output: out }).then(() => undefined, (e: unknown) => e);
      expect(isChatportError(err)).toBe(true);
      expect((err as { kind: string }).kind).toBe("output-failed");
      expect((err as Error).message).toMatch(/CHATPORT_CHROMIUM is set to .*no-such-chromium, which is not an executable file/);
    } finally {
      if (prev === undefined) delete process.env.CHATPORT_CHROMIUM;
      else process.env.CHATPORT_CHROMIUM = prev;
    }
    expect(existsSync(out)).toBe(false);
    // With nothing on PATH, only the known install paths are left: a browser there, or the install hint.
    let found: string | undefined;
    try {
      found = findChromium({ PATH: "", CHATPORT_CHROMIUM: "" });
    } catch (e) {
      expect((e as Error).message).toMatch(/none was found: install Chromium \(Debian\/Ubuntu: `apt-get install chromium`.*set CHATPORT_CHROMIUM/);
    }
    if (found) expect(KNOWN_PATHS).toContain(found);
  });

  it("refuses stdout", async () => {
    const err = await convert(SAMPLE, builtinRegistry, { to: "pdf", output: "-" }).then(() => undefined, (e: unknown) => e);
    expect((err as Error).message).toMatch(/--to pdf cannot write to stdout/);
  });
});
