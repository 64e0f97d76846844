/**
 * Found by the CLI sweep over real files: a QQ Chat Exporter JSON export given `--from wechat-android`
 * (or wechat-ios, qqnt-db) was refused as "an encrypted database … decrypt it first" with exit 5, and a
 * CSV named `.db` given to wechat-pc3 likewise. Text is not a SQLite database, encrypted or not: exit 4
 * (a file given the wrong --from), saying so. Random bytes are still refused as encrypted.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../helpers/samples.js";
import { runCapture } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "text-given-db-"));
const QCE_JSON = readFileSync(join(REPO, "samples/qce-json/private-mixed/input.json"));
const CSV = Buffer.from("localId,TalkerId,Type,SubType,IsSender,CreateTime,StrContent\r\n".repeat(40));
const UTF16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(QCE_JSON.toString("utf8"), "utf16le")]);

async function convert(name: string, bytes: Buffer, from: string) {
  const input = join(dir, name);
  writeFileSync(input, bytes);
  const r = await runCapture(["convert", input, "--to", "json", "-o", join(dir, `${name}.${from}.json`), "--from", from]);
  expect(r.err).not.toMatch(/\n\s+at /);
  return r;
}

describe("a text file given a database reader", () => {
  it.each([
    ["chat.json", "wechat-android", QCE_JSON, "EnMicroMsg.db"],
    ["chat.json", "wechat-ios", QCE_JSON, "WeChat iOS MM.sqlite"],
    ["chat.json", "qqnt-db", QCE_JSON, "QQNT nt_msg.db"],
    ["utf16.json", "wechat-android", UTF16, "EnMicroMsg.db"],
    ["MSG0.db", "wechat-pc3", CSV, "WeChat database"],
    ["message_0.db", "wechat-v4", CSV, "WeChat database"],
  ])("%s --from %s: exit 4, text and not a database, not 'decrypt it first'", async (name, from, bytes, what) => {
    const r = await convert(name, bytes, from);
    expect(r.code).toBe(4);
    expect(r.err).toContain(`${name} is text, not a SQLite database, so it is neither a decrypted nor an encrypted ${what}; pass --from with the format it is`);
    expect(r.err).not.toMatch(/decrypt it first/);
  });

  it("random bytes are still an encrypted database (exit 5)", async () => {
    const random = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 2654435761) >>> 24));
    for (const from of ["wechat-android", "qqnt-db", "wechat-pc3"]) {
      const r = await convert("EnMicroMsg.db", random, from);
      expect(r.code).toBe(5);
      expect(r.err).toMatch(/encrypted/);
    }
  });
});
