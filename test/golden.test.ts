/**
 * Golden tests: every folder under samples/<format>/<case>/ is discovered, read, checked against the
 * reader contract and compared with its reviewed expected.json. Text samples are re-run as LF, CRLF,
 * CR-only, BOM, UTF-16LE and UTF-16BE variants and under several TZ values; all must read the same.
 * Regenerate goldens deliberately with `npm run test:accept`, then read the diff.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { isChatportError } from "../src/diagnostics/errors.js";
import type { Archive } from "../src/model/index.js";
import { assertAccounting, assertReaderContract } from "./helpers/contract.js";
import { readBoth } from "./helpers/read.js";
import { discoverSamples, makeVariant, materialise, type SampleCase, type Variant } from "./helpers/samples.js";

const ACCEPT = process.env.CHATPORT_ACCEPT_GOLDENS === "1";
const ALL_VARIANTS: Variant[] = ["lf", "crlf", "cr", "bom", "utf16le", "utf16be"];
/** JSON and NDJSON: line ends are whitespace or record ends; an editor may add a BOM or re-save as UTF-16. */
const JSON_VARIANTS: Variant[] = ["crlf", "cr", "bom", "utf16le", "utf16be"];

function optionsOf(c: SampleCase) {
  return {
    ...(c.options.from ? { from: c.options.from } : {}),
    ...(c.options.tz ? { tz: c.options.tz } : {}),
    ...(c.options.readerOptions ? { readerOptions: c.options.readerOptions } : {}),
  };
}

/** The archive as stored in a golden: SQL-built database hashes depend on the SQLite build, so they are masked. */
function goldenText(a: Archive, builtFromSql: boolean): string {
  const copy = structuredClone(a);
  if (builtFromSql) for (const s of copy.sources) if (/\.(db|sqlite|sqlite3)$/i.test(s.path) || s.path.includes(".db")) s.sha256 = "0".repeat(64);
  return JSON.stringify(copy, null, 1) + "\n";
}

const withoutSources = (a: Archive) => JSON.stringify({ ...a, sources: [] });

async function inTz<T>(tz: string, fn: () => Promise<T>): Promise<T> {
  const before = process.env.TZ;
  process.env.TZ = tz; // Node re-reads TZ on assignment
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

const cases = discoverSamples();

describe("sample goldens", () => {
  it("finds sample cases", () => expect(cases.length).toBeGreaterThan(0));

  for (const c of cases) {
    describe(`${c.format}/${c.name}`, () => {
      const input = () => materialise(c);

      if (c.options.expectError) {
        it(`fails cleanly with ${c.options.expectError}`, async () => {
          const err = await readBoth(input(), optionsOf(c)).then(() => undefined, (e: unknown) => e);
          expect(isChatportError(err), `expected a ChatportError, got ${String(err)}`).toBe(true);
          expect((err as { kind: string }).kind).toBe(c.options.expectError);
        });
        return;
      }

      it("meets the reader contract and matches expected.json", async () => {
        const path = input();
        const { events, archive, accounting } = await readBoth(path, optionsOf(c));
        assertReaderContract(archive.sources[0]?.reader ?? c.format, events, archive);
        if (accounting) assertAccounting(accounting);
        const text = goldenText(archive, path !== c.input);
        if (ACCEPT || !existsSync(c.expectedPath)) {
          if (!ACCEPT) throw new Error(`${c.expectedPath} is missing: run \`npm run test:accept\` and review it`);
          writeFileSync(c.expectedPath, text);
        }
        expect(text).toBe(readFileSync(c.expectedPath, "utf8"));
      });

      it("reads the same under other TZ values", async () => {
        const path = input();
        const base = withoutSources((await readBoth(path, optionsOf(c))).archive);
        for (const tz of ["America/New_York", "Pacific/Chatham", "Asia/Kolkata"]) {
          const other = await inTz(tz, async () => withoutSources((await readBoth(path, optionsOf(c))).archive));
          expect(other, `differs under TZ=${tz}`).toBe(base);
        }
      });

      const variants = c.options.variants ?? (/\.txt$/.test(c.input) ? ALL_VARIANTS : /\.(json|ndjson)$/.test(c.input) ? JSON_VARIANTS : []);
      for (const v of variants) {
        it(`reads the same as a ${v} variant`, async () => {
          const base = (await readBoth(c.input, optionsOf(c))).archive;
          const dir = mkdtempSync(join(tmpdir(), `chatport-${v}-`));
          const file = join(dir, basename(c.input));
          writeFileSync(file, makeVariant(readFileSync(c.input), v));
          const other = (await readBoth(file, optionsOf(c))).archive;
          expect(withoutSources(other)).toBe(withoutSources(base));
        });
      }
    });
  }
});
