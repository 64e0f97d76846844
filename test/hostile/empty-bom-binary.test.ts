/**
 * Hostile input for every reader: an empty file, a BOM-only file (UTF-8, UTF-16LE, UTF-16BE), a
 * binary file (PNG bytes, NULs), each read with `--from <id>` from disk. Each must end in an
 * empty-input diagnostic or one clean ChatportError whose message names the file — never a raw or
 * "internal" error.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { isChatportError } from "../../src/diagnostics/errors.js";
import { readEvents } from "../../src/pipeline/index.js";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64");
const BINARY = Buffer.concat([PNG, Buffer.alloc(512), Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x00, 0xdc, 0xc3, 0x28, 0xa0, 0xa1])]);
const INPUTS: [string, Buffer][] = [
  ["empty", Buffer.alloc(0)],
  ["bom-utf8", Buffer.from([0xef, 0xbb, 0xbf])],
  ["bom-utf16le", Buffer.from([0xff, 0xfe])],
  ["bom-utf16be", Buffer.from([0xfe, 0xff])],
  ["bom-then-newlines", Buffer.from([0xef, 0xbb, 0xbf, 0x0d, 0x0a, 0x0d, 0x0a])],
  ["binary", BINARY],
];

const root = mkdtempSync(join(tmpdir(), "chatport-hostile-"));

describe.each(builtinRegistry.readers().map((r) => [r.id, r] as const))("reader %s", (id, reader) => {
  it.each(INPUTS)("on a %s file: a diagnostic or one clean error naming the file", async (kind, bytes) => {
    const dir = join(root, `${id}-${kind}`);
    mkdirSync(dir, { recursive: true });
    const name = `${kind}${reader.extensions?.[0] ?? ".bin"}`;
    const path = join(dir, name);
    writeFileSync(path, bytes);
    // Directory readers get a folder holding the file; others the file itself.
    const input = reader.input === "directory" ? dir : path;
    const diagnostics = new DiagnosticCollector();
    let error: unknown;
    try {
      for await (const _ev of readEvents(input, builtinRegistry, { from: id, diagnostics }));
    } catch (e) {
      error = e;
    }
    if (error !== undefined) {
      expect(isChatportError(error), `raw error: ${String(error)}`).toBe(true);
      const e = error as Error & { kind: string };
      expect(e.kind, e.message).not.toBe("internal");
      expect(e.message, "the message names the input").toMatch(new RegExp(`${kind}|${id}-${kind}`));
    } else {
      const codes = diagnostics.list().map((d) => d.code);
      expect(codes, "no error, so an empty-input diagnostic").toContain("empty-input");
    }
  });
});
