/**
 * Structureless bytes (random, compressed or encrypted) get an encrypted-database message only when
 * they could be one: a size that is a whole number of 1024-byte pages and a name that is not a text
 * format's. Random bytes in a `.txt` (any size) or of an unaligned size were called an encrypted
 * database, or "not a chat export (it looks binary)" with a guess; they now get one sentence naming the
 * file: binary data, not text (exit 4, as an unknown format).
 */
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { EXIT_CODES, isChatportError } from "../../src/diagnostics/errors.js";
import { memorySource } from "../../src/io/source.js";
import { resolveReader } from "../../src/pipeline/resolve-reader.js";

/** Deterministic bytes that look random (xorshift32). */
function noise(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

async function refusal(name: string, size: number): Promise<{ kind: string; code?: string; message: string; exit: number }> {
  try {
    await resolveReader(memorySource(name, noise(size, 0x9e3779b9)), builtinRegistry);
  } catch (e) {
    if (!isChatportError(e)) throw e;
    return { kind: e.kind, ...(e.code ? { code: e.code } : {}), message: e.message, exit: EXIT_CODES[e.kind] };
  }
  throw new Error(`${name} was accepted`);
}

describe("random bytes", () => {
  it.each([
    ["chat.txt", 4096],
    ["result.json", 8192],
    ["messages.html", 3072],
    ["export.mht", 4096],
    ["chat.csv", 5000],
    ["chat.txt", 5000],
    ["blob.bin", 5000],
    ["MSG0.db", 8193],
    ["noext", 10_000],
  ])("%s (%i bytes) cannot be an encrypted database: binary data, not text", async (name, size) => {
    const r = await refusal(name, size);
    expect(r).toMatchObject({ kind: "unknown-format", exit: EXIT_CODES["unknown-format"] });
    expect(r.code).toBeUndefined();
    expect(r.message).toMatch(new RegExp(`^${name.replace(".", "\\.")} is not a chat export chatport recognises: it is binary data, not text`));
    expect(r.message).toMatch(/Give the export file itself/);
  });

  it.each([
    ["backup.db", 8192],
    ["store.db", 1024 + 3 * 4096],
    ["MSG0", 4096 * 4],
    ["message_0.sqlite", 4096],
  ])("%s (%i bytes, whole pages) is still an encrypted database", async (name, size) => {
    const r = await refusal(name, size);
    expect(r).toMatchObject({ kind: "input-damaged", code: "encrypted-database", exit: EXIT_CODES["input-damaged"] });
    expect(r.message).toMatch(/looks like an encrypted database .*decrypt it first/);
  });
});
