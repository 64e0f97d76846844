/**
 * Property tests: random valid Archives written by the json / ndjson / csv writers and read back.
 * json and ndjson → chatport-json → the same conversations, messages, participants and diagnostics;
 * csv → papaparse → every cell is what the column definitions and the neutralising rule produce.
 * FUZZ_RUNS raises the number of cases (default small, seeded, for `npm test`).
 */
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { memorySource } from "../src/io/index.js";
import type { Archive } from "../src/model/index.js";
import { readAll } from "../src/pipeline/index.js";
import type { WriterPlugin } from "../src/plugin/types.js";
import { neutralise } from "../formats/csv/cells.js";
import { COLUMNS } from "../formats/csv/columns.js";
import { csvWriter } from "../formats/csv/index.js";
import { jsonWriter } from "../formats/json/index.js";
import { ndjsonWriter } from "../formats/ndjson/index.js";
import { archive } from "./helpers/arbitraries.js";
import { writeArchive } from "./helpers/write-archive.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = Number(process.env.FUZZ_SEED ?? 20240607);
const params = { numRuns: RUNS, seed: SEED, endOnFailure: true };

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Writes `a` with `plugin` into memory and returns the bytes. */
async function write(plugin: WriterPlugin, a: Archive, options: Record<string, unknown> = {}): Promise<Uint8Array> {
  return (await writeArchive(plugin, a, options)).bytes();
}

/** Drops keys whose value is undefined, so "absent" and "undefined" compare equal, as in JSON. */
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/**
 * Canonical JSON (keys sorted, one key per line): key order is ignored, and own keys named
 * "__proto__" or "constructor" (legal JSON keys the arbitraries produce) compare as plain data, which
 * vitest's equality does not do.
 */
function canon(v: unknown): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (x === null || typeof x !== "object") return x;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(x).sort()) Object.defineProperty(out, k, { value: sort((x as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
    return out;
  };
  return JSON.stringify(sort(plain(v)), null, 1);
}

async function readBack(name: string, bytes: Uint8Array) {
  return readAll(memorySource(name, bytes), builtinRegistry, { from: "chatport-json" });
}

function expectSameArchive(back: Archive, a: Archive): void {
  expect(canon(back.conversations)).toBe(canon(a.conversations));
  expect(canon(back.participants)).toBe(canon(a.participants));
  // Diagnostics come back re-reported: same code, message, file, place and raw (origin is the re-reader).
  const strip = (d: Archive["diagnostics"][number]) => plain({ code: d.code, severity: d.severity, message: d.message, file: d.file, place: d.place, raw: d.raw });
  const messages = a.conversations.reduce((n, c) => n + c.messages.length, 0);
  const own = back.diagnostics.filter((d) => !(messages === 0 && d.code === "empty-input" && d.message.endsWith("holds no messages.")));
  expect(canon(own.map(strip))).toBe(canon(a.diagnostics.map(strip)));
}

describe("round trips (property tests)", () => {
  it("json writer → chatport-json reader gives the archive back", async () => {
    await fc.assert(
      fc.asyncProperty(archive, async (a) => {
        expectSameArchive(await readBack("a.json", await write(jsonWriter, a)), a);
      }),
      params,
    );
  });

  it("ndjson writer → chatport-json reader gives the archive back", async () => {
    await fc.assert(
      fc.asyncProperty(archive, async (a) => {
        expectSameArchive(await readBack("a.ndjson", await write(ndjsonWriter, a)), a);
      }),
      params,
    );
  });

  it("csv writer → papaparse: every cell is what the columns and the neutralising rule produce", async () => {
    await fc.assert(
      fc.asyncProperty(archive, async (a) => {
        const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await write(csvWriter, a, { bom: true }));
        expect(text.startsWith("\uFEFF")).toBe(true);
        const parsed = Papa.parse<string[]>(text.slice(1), { header: false, delimiter: ",", newline: "\r\n", skipEmptyLines: false });
        const rows = parsed.data.filter((r, i) => !(i === parsed.data.length - 1 && r.length === 1 && r[0] === ""));
        expect(rows[0]).toStrictEqual(COLUMNS.map((c) => c.name));
        const people = new Map(a.participants.map((p) => [p.id, p]));
        const expected: string[][] = [];
        for (const { messages, ...c } of a.conversations)
          for (const m of messages) {
            const sender = m.senderId ? people.get(m.senderId) : undefined;
            // UTF-8 cannot hold a lone surrogate: the file has U+FFFD there (JSON keeps it as an escape).
            expected.push(COLUMNS.map((col) => (col.fromSource ? neutralise(col.get(m, c, sender)) : col.get(m, c, sender)).replace(LONE_SURROGATE, "\ufffd")));
          }
        expect(rows.slice(1)).toStrictEqual(expected);
      }),
      params,
    );
  });
});
