/**
 * `--self ""` / `--self "   "` named nobody, but readers took it differently: QQ as "not given" (it
 * marked the user it guessed), WeChat CSV as a wxid of spaces (a participant "wechat:   " got every
 * message of the user). And `--date-order xyz` to a reader without the option was read with exit 0.
 * Both are usage errors now, before anything is read or written.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { memorySource } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/index.js";
import { runCapture } from "../helpers/cli.js";

const WM = "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender\n1,2,1,0,1,1709251205,2,hi,2024-03-01 08:00:05,,,\n";

describe("blank --self and unknown --date-order", () => {
  it.each(["", "   ", "\t"])("--self %j is refused (library and CLI)", async (self) => {
    await expect(readAll(memorySource("c.csv", WM), builtinRegistry, { readerOptions: { self }, diagnostics: new DiagnosticCollector() })).rejects.toMatchObject({ kind: "usage" });
    const dir = mkdtempSync(join(tmpdir(), "self-blank-"));
    const out = join(dir, "out.json");
    const r = await runCapture(["convert", resolve("samples/qq-txt/group-basic/input.txt"), "--to", "json", "-o", out, "--self", self]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--self ${JSON.stringify(self)} is empty; give your id or name`);
    expect(existsSync(out)).toBe(false);
  });

  it("--date-order with a value no reader takes is a usage error, even for a reader without the option", async () => {
    const r = await runCapture(["convert", resolve("samples/telegram-json/entities/input.json"), "--to", "json", "-o", join(mkdtempSync(join(tmpdir(), "do-")), "o.json"), "--date-order", "xyz"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--date-order takes dmy or mdy (whatsapp-txt also ymd), not "xyz".');
  });

  it("a real --self still reads", async () => {
    const a = await readAll(memorySource("c.csv", WM), builtinRegistry, { readerOptions: { self: "wxid_me" }, diagnostics: new DiagnosticCollector() });
    expect(a.participants.filter((p) => p.isSelf).map((p) => p.id)).toEqual(["wechat:wxid_me"]);
  });
});
