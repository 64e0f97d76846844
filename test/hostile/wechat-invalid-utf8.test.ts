/**
 * Hostile input: message text stored as invalid UTF-8 in WeChat PC 3.x `StrContent` and 4.x
 * `message_content`. SQLite (better-sqlite3) hands it over with U+FFFD in place of the bad bytes, and
 * the readers kept that without a word (session-14 hostile-input sweep). Now the text is kept and
 * `encoding-replacement` names the row; a real U+FFFD (valid UTF-8, EF BF BD) is not reported.
 */
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { readAll } from "../../src/pipeline/index.js";
import { discoverSamples, materialise } from "../helpers/samples.js";

function edited(format: string, name: string, sql: string): string {
  const src = materialise(discoverSamples().find((s) => s.format === format && s.name === name)!);
  const path = join(mkdtempSync(join(tmpdir(), "chatport-bad-utf8-")), basename(src));
  cpSync(src, path);
  const d = new Database(path);
  d.exec(sql);
  d.close();
  return path;
}

const V4 = "Msg_84c495fc4279ef9e04dc45b1c31b6fab";
// 'a' FF 'b' (invalid) on the first row; 'x' EF BF BD 'y' (a real U+FFFD, valid) on the last.
const edits = (table: string, col: string, cast: string) =>
  `UPDATE "${table}" SET ${col} = CAST(X'61FF62' AS ${cast}) WHERE rowid = (SELECT min(rowid) FROM "${table}");
   UPDATE "${table}" SET ${col} = CAST(X'78EFBFBD79' AS ${cast}) WHERE rowid = (SELECT max(rowid) FROM "${table}");`;

describe("invalid UTF-8 in WeChat database text", () => {
  it.each([
    ["wechat-pc3", "single-msg-db", "MSG", edits("MSG", "StrContent", "TEXT"), "UPDATE MSG SET Type = 1, SubType = 0, CompressContent = NULL WHERE rowid IN ((SELECT min(rowid) FROM MSG), (SELECT max(rowid) FROM MSG));"],
    ["wechat-v4", "single-message-db", V4, edits(V4, "message_content", "TEXT"), `UPDATE "${V4}" SET local_type = 1, WCDB_CT_message_content = 0 WHERE rowid IN ((SELECT min(rowid) FROM "${V4}"), (SELECT max(rowid) FROM "${V4}"));`],
    ["wechat-v4", "single-message-db (BLOB cell)", V4, edits(V4, "message_content", "BLOB"), `UPDATE "${V4}" SET local_type = 1, WCDB_CT_message_content = 0 WHERE rowid IN ((SELECT min(rowid) FROM "${V4}"), (SELECT max(rowid) FROM "${V4}"));`],
  ])("%s (%s): text kept with U+FFFD, encoding-replacement names the row", async (format, name, table, sql, asText) => {
    const path = edited(format, name.split(" ")[0]!, asText + sql);
    const a = await readAll(path, builtinRegistry, { from: format });
    const d = new Database(path, { readonly: true });
    const first = Number((d.prepare(`SELECT min(rowid) AS r FROM "${table}"`).get() as { r: number }).r);
    d.close();
    const msgs = a.conversations.flatMap((c) => c.messages);
    const bad = msgs.find((m) => (m.provenance.at as { rowid: number }).rowid === first && m.provenance.at && (m.provenance.at as { table: string }).table === table)!;
    expect(bad.text).toMatch(/a\uFFFDb$/);
    expect(msgs.some((m) => /x\uFFFDy$/.test(m.text))).toBe(true);
    const reps = a.diagnostics.filter((x) => x.code === "encoding-replacement");
    expect(reps).toHaveLength(1);
    expect(reps[0]).toMatchObject({ place: { table, rowid: first }, raw: "61ff62", severity: "warning" });
  });
});
