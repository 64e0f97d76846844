import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, copyFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import Database from "better-sqlite3";

/** Repository root (this file is test/helpers/samples.ts). */
export const REPO = join(import.meta.dirname, "..", "..");
/** The shared corpus, beside the repository (absent on machines without ../shared). */
export const CORPUS = join(REPO, "..", "shared", "corpus");

/** One sample case: `samples/<format>/<case>/` with an input, options and a reviewed golden. */
export interface SampleCase {
  format: string;
  name: string;
  dir: string;
  /** The input file or folder inside the case folder (before SQL building). */
  input: string;
  options: SampleOptions;
  expectedPath: string;
}

/** `options.json` of a case. */
export interface SampleOptions {
  from?: string;
  tz?: string;
  readerOptions?: Record<string, unknown>;
  /** Line-ending/encoding variants to re-run (default for .txt inputs: all). */
  variants?: Variant[];
  /** Set for cases whose reading must fail with a clean error: the expected error kind. */
  expectError?: string;
}

/** Re-encodings of a text sample that must read the same. */
export type Variant = "lf" | "crlf" | "cr" | "bom" | "utf16le" | "utf16be";

/** Discovers every sample case (folders with an `input*` entry), sorted. */
export function discoverSamples(): SampleCase[] {
  const root = join(REPO, "samples");
  const out: SampleCase[] = [];
  if (!existsSync(root)) return out;
  for (const format of readdirSync(root).sort()) {
    const fdir = join(root, format);
    if (!statSync(fdir).isDirectory()) continue;
    for (const name of readdirSync(fdir).sort()) {
      const dir = join(fdir, name);
      if (!statSync(dir).isDirectory()) continue;
      const input = readdirSync(dir).find((f) => f === "input" || f.startsWith("input."));
      if (!input) continue;
      const optPath = join(dir, "options.json");
      const options = existsSync(optPath) ? (JSON.parse(readFileSync(optPath, "utf8")) as SampleOptions) : {};
      out.push({ format, name, dir, input: join(dir, input), options, expectedPath: join(dir, "expected.json") });
    }
  }
  return out;
}

/**
 * Materialises a case's input: SQL text fixtures (`X.sql`) are built into SQLite files named `X` in a
 * temporary copy; other inputs are used in place. Returns the path to read.
 */
export function materialise(c: SampleCase): string {
  const needsBuild = (p: string): boolean =>
    statSync(p).isDirectory() ? readdirSync(p).some((f) => needsBuild(join(p, f))) : p.endsWith(".sql");
  if (!needsBuild(c.input)) return c.input;
  const tmp = mkdtempSync(join(tmpdir(), "chatport-sample-"));
  const copy = (src: string, dst: string): void => {
    if (statSync(src).isDirectory()) {
      mkdirSync(dst, { recursive: true });
      for (const f of readdirSync(src).sort()) copy(join(src, f), join(dst, f));
    } else if (src.endsWith(".sql")) {
      const db = new Database(dst.slice(0, -4));
      db.exec(readFileSync(src, "utf8"));
      db.close();
    } else copyFileSync(src, dst);
  };
  const target = join(tmp, relative(c.dir, c.input));
  copy(c.input, target);
  return target.endsWith(".sql") ? target.slice(0, -4) : target;
}

/** Re-encodes text bytes as a variant (line ends normalised first for lf/crlf). */
export function makeVariant(bytes: Buffer, v: Variant): Buffer {
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  switch (v) {
    case "lf":
      return Buffer.from(text.replace(/\r\n/g, "\n"), "utf8");
    case "crlf":
      return Buffer.from(text.replace(/\r?\n/g, "\r\n"), "utf8");
    case "cr": // classic Mac OS line ends, which the line splitter recognises from the head of the text
      return Buffer.from(text.replace(/\r?\n/g, "\r"), "utf8");
    case "bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    case "utf16le":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    case "utf16be": {
      const le = Buffer.from(text, "utf16le");
      for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
    }
  }
}
