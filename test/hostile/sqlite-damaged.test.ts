/**
 * Hostile input: damaged SQLite databases. A truncated file (wechat-pc3, qqnt-db, wechat-android,
 * wechat-ios) must end in one clean `input-damaged` error; so must corruption SQLite only meets
 * mid-read (regression "SQLite corruption met mid-read escaped as an internal error", found by
 * test/fuzz.test.ts: a shifted page made better-sqlite3 throw SQLITE_CORRUPT out of `iterate()`).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { isChatportError } from "../../src/diagnostics/errors.js";
import { readAll } from "../../src/pipeline/index.js";
import { runCapture } from "../helpers/cli.js";
import { applyMutation } from "../helpers/mutate.js";
import { discoverSamples, materialise } from "../helpers/samples.js";

/** A scratch copy of a sample's input, with `db` (a path inside it, "" for a file input) rewritten. */
function damaged(format: string, name: string, db: string, change: (b: Uint8Array) => Uint8Array) {
  const c = discoverSamples().find((s) => s.format === format && s.name === name)!;
  const src = materialise(c);
  const dir = mkdtempSync(join(tmpdir(), "chatport-damaged-"));
  const path = join(dir, basename(src));
  cpSync(src, path, { recursive: true });
  const file = db ? join(path, db) : path;
  writeFileSync(file, change(readFileSync(file)));
  return { path, opts: { from: format, ...(c.options.tz ? { tz: c.options.tz } : {}), ...(c.options.readerOptions ? { readerOptions: c.options.readerOptions } : {}) } };
}

async function expectDamaged(path: string, opts: Record<string, unknown>) {
  const err = await readAll(path, builtinRegistry, opts).then(() => undefined, (e: unknown) => e);
  expect(isChatportError(err), `expected a ChatportError, got ${String(err)}`).toBe(true);
  expect((err as { kind: string }).kind, (err as Error).message).toBe("input-damaged");
  expect((err as Error).message).toMatch(/damaged|truncated|malformed/i);
}

const half = (b: Uint8Array) => b.subarray(0, Math.floor(b.length / 2));

describe("truncated SQLite databases end in one clean error", () => {
  it.each([
    ["wechat-pc3", "single-msg-db", ""],
    ["qqnt-db", "private-and-group", "nt_msg.db"],
    ["wechat-android", "private-and-group", "EnMicroMsg.db"],
    ["wechat-ios", "private-and-group", "Documents/9e9bff777c072daab34a88aa09d6e971/DB/MM.sqlite"],
    ["wechat-v4", "single-message-db", ""],
  ])("%s (%s) cut in half", async (format, name, db) => {
    const { path, opts } = damaged(format, name, db, half);
    await expectDamaged(path, opts);
  });
});

describe("a truncated database given without --from", () => {
  // Detection opens the database to list its tables; a copy cut short used to fall through to "not a
  // chat export chatport recognises (it looks binary)".
  it.each([
    ["wechat-pc3", "single-msg-db", ""],
    ["qqnt-db", "private-and-group", "nt_msg.db"],
    ["wechat-android", "private-and-group", "EnMicroMsg.db"],
  ])("%s (%s) cut in half says so, naming the file", async (format, name, db) => {
    const { path } = damaged(format, name, db, half);
    const file = db ? join(path, db) : path;
    const r = await runCapture(["convert", file, "--to", "csv", "-o", join(mkdtempSync(join(tmpdir(), "chatport-damaged-out-")), "x.csv")]);
    expect(r.code, r.err).toBe(5);
    expect(r.err).toMatch(new RegExp(`^chatport: .*${basename(file).replace(".", "\\.")} is truncated: it has \\d+ bytes but its header describes \\d+; copy the database again`));
  });
});

describe("SQLite corruption met mid-read escaped as an internal error", () => {
  // The fuzz counterexample: the bytes up to the first LF repeated at the start, which keeps a valid
  // header and page 1 but shifts every later page, so SQLite fails only inside a query.
  const shift = (b: Uint8Array) => applyMutation(b, { op: "dupLine", line: 0 });
  it.each([
    ["qqnt-db", "private-and-group", "nt_msg.db"],
    ["wechat-ios", "private-and-group", "Documents/9e9bff777c072daab34a88aa09d6e971/DB/MM.sqlite"],
  ])("%s (%s)", async (format, name, db) => {
    const { path, opts } = damaged(format, name, db, shift);
    await expectDamaged(path, opts);
  });
});
