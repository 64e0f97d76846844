/**
 * Found while checking the CLI sweep's first find for its kind (a regex that cuts a trailing run with
 * `/…+$/`): decompressed WeChat content had its NUL padding cut with `/\u0000+$/` on the text, which V8
 * retries from every NUL of a run that does not end the text. A 1 KB LZ4 CompressContent cell building
 * 200,000 NULs then more text took 21 s to read; wechat-v4's zstd content goes through the same function.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { readAll } from "../../src/pipeline/index.js";

const RUN = 200_000;

/** An LZ4 block of "<msg>" + `nuls` NULs + "</msg>" + NUL padding: one NUL literal, then a match copying it. */
function nulRunBlock(nuls: number, padding: number): Buffer {
  const seq = (literals: string, matchLen: number): number[] => {
    const lit = [...Buffer.from(literals, "latin1")];
    let extra = matchLen - 4 - 15;
    const lengthBytes: number[] = [];
    for (; extra >= 255; extra -= 255) lengthBytes.push(255);
    lengthBytes.push(extra);
    return [(lit.length << 4) | 15, ...lit, 1, 0, ...lengthBytes];
  };
  return Buffer.from([...seq("<msg>\0", nuls - 1), ...seq("</msg>\0", padding - 1), 0x10, 0]);
}

describe("wechat-pc3: LZ4 content holding a long run of NULs before its end", () => {
  it("read in linear time; only the NULs that end it dropped", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "pc3-nul-run-")), "MSG0.db");
    const db = new Database(file);
    db.exec(`CREATE TABLE MSG (localId INTEGER PRIMARY KEY AUTOINCREMENT, StrTalker TEXT, MsgSvrID INT, Type INT, SubType INT,
      IsSender INT, CreateTime INT, StrContent TEXT, CompressContent BLOB, BytesExtra BLOB)`);
    const block = nulRunBlock(RUN, 100);
    expect(block.length).toBeLessThan(1024);
    db.prepare("INSERT INTO MSG VALUES (1, 'wxid_friend01', 11, 49, 57, 0, 1705285200, '', ?, NULL)").run(block);
    db.close();

    const t0 = performance.now();
    const archive = await readAll(file, builtinRegistry, { from: "wechat-pc3", diagnostics: new DiagnosticCollector() });
    const ms = performance.now() - t0;
    // About 100 ms now; 21 s on the old code.
    expect(ms).toBeLessThan(3000);
    const [m] = archive.conversations.flatMap((c) => c.messages);
    // The app message's XML is kept as raw: its inner NULs stay, the padding after it goes.
    expect(m!.raw).toBe(`<msg>${"\0".repeat(RUN)}</msg>`);
  }, 120_000);
});
