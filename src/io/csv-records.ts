import type Papa from "papaparse";
import type { ReadContext } from "../plugin/types.js";
import { decodeChunks, detectEncoding, type EncodingInfo } from "./decode.js";
import type { InputSource } from "./source.js";

/** One CSV record (a row, possibly spanning several physical lines through quoted line breaks). */
export interface CsvRecord {
  /** The fields, unquoted. */
  fields: string[];
  /** 1-based physical line where the record starts. */
  line: number;
  /** Physical line where it ends (same as `line` for a one-line record). */
  endLine: number;
  /** The record's text as in the file, without its terminating line break. */
  raw: string;
  /** Papaparse's complaints about this record (malformed or unterminated quotes). */
  errors: string[];
}

/** True for a record that is one empty (or whitespace-only) field: a blank line. */
export function isBlankRecord(rec: CsvRecord): boolean {
  return rec.fields.length === 1 && rec.fields[0]!.trim() === "";
}

/** Options of {@link readCsvRecords}. */
export interface CsvReadOptions {
  delimiter?: string;
  /** The source's encoding when the caller already knows it (a second pass): skips the detection read. */
  encoding?: EncodingInfo;
}

/** Below this a pending partial record is re-parsed with every chunk; above it only when it has doubled. */
const REPARSE_FLOOR = 1 << 20;

/**
 * Streams the records of a CSV input with papaparse's core parser, chunk by chunk: memory holds one
 * decoded chunk plus the record that straddles it. Each record keeps its physical line range and raw
 * text so readers can report it. Records end at LF; a CR before the LF (CRLF files, or mixed files
 * after hand editing) is dropped from the last unquoted field. Decoding follows the text layer (BOM,
 * strict UTF-8 else GB18030, reported).
 */
export async function* readCsvRecords(source: InputSource, ctx: Pick<ReadContext, "report">, opts: CsvReadOptions = {}): AsyncIterable<CsvRecord> {
  // Loaded on first use: the CLI should not pay for parsers the chosen reader does not need.
  const { default: PapaLib } = await import("papaparse");
  const info = opts.encoding ?? (await detectEncoding(source));
  if (info.fallback)
    ctx.report("encoding-fallback", {
      message: `${source.name} is not valid UTF-8; decoded as GB18030 (the Chinese Windows code page).`,
      file: source.name,
    });
  let out: CsvRecord[] = [];
  let buffer = "";
  /** Absolute character offset of `buffer[0]`. */
  let base = 0;
  /** Absolute offset where the next record starts. */
  let rowStart = 0;
  let line = 1;
  let nextTry = 0;
  const step = (results: Papa.ParseStepResult<string[]>): void => {
    const end = results.meta.cursor;
    const text = buffer.slice(rowStart - base, end - base);
    out.push(makeRecord(results.data, results.errors, text, line));
    line += countLf(text);
    rowStart = end;
  };
  const parser = new PapaLib.Parser({ delimiter: opts.delimiter ?? ",", newline: "\n", quoteChar: '"', step } as Papa.ParseConfig);
  for await (const chunk of decodeChunks(source, info)) {
    buffer += chunk;
    if (buffer.length < nextTry) continue;
    parser.parse(buffer, base, true);
    const consumed = rowStart - base;
    buffer = buffer.slice(consumed);
    base = rowStart;
    // A record still open after this parse is re-parsed only once the buffer has doubled, so a huge
    // quoted field (or a stray quote swallowing the rest of the file) costs linear, not quadratic, time.
    nextTry = buffer.length > REPARSE_FLOOR ? buffer.length * 2 : 0;
    if (out.length) {
      const done = out;
      out = [];
      yield* done;
    }
  }
  if (buffer !== "") {
    parser.parse(buffer, base, false);
    yield* out;
  }
}

function makeRecord(data: string[] | string[][], errors: Papa.ParseError[], text: string, line: number): CsvRecord {
  // In step mode papaparse hands one row; older typings describe it as a row array.
  const fields = (Array.isArray(data[0]) ? data[0] : data) as string[];
  let raw = text;
  if (raw.endsWith("\n")) raw = raw.slice(0, raw.endsWith("\r\n") ? -2 : -1);
  if (text.endsWith("\r\n") && !raw.endsWith('"')) {
    const last = fields.length - 1;
    const v = fields[last];
    if (v !== undefined && v.endsWith("\r")) fields[last] = v.slice(0, -1);
  }
  const lf = countLf(raw);
  return { fields, line, endLine: line + lf, raw, errors: errors.map((e) => `${e.code}: ${e.message}`) };
}

function countLf(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}
