import type Papa from "papaparse";
import type { ReadContext } from "../plugin/types.js";
import { decodeChunks, detectEncoding, reportEncoding, type EncodingInfo } from "./decode.js";
import { isCrOnlyText, LINE_END_PROBE } from "./lines.js";
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
  /** Characters an open record may reach before its first line is read on its own (tests); {@link MAX_RECORD_CHARS}. */
  maxRecordChars?: number;
}

/**
 * The longest a record may grow while its quote is open. No chat export writes a field of millions of
 * characters; a record that does is a stray opening quote swallowing the lines after it, and holding it
 * would make memory grow with the file. Its first line is then read on its own (see {@link readCsvRecords}).
 */
export const MAX_RECORD_CHARS = 8 * 2 ** 20;

const UNTERMINATED = "UnterminatedQuote";

/** Below this a pending partial record is re-parsed with every chunk; above it only when it has doubled. */
const REPARSE_FLOOR = 1 << 20;

/**
 * Streams the records of a CSV input with papaparse's core parser, chunk by chunk: memory holds one
 * decoded chunk plus the record that straddles it. Each record keeps its physical line range and raw
 * text so readers can report it. Records end at LF; a CR before the LF (CRLF files, or mixed files
 * after hand editing) is dropped from the last unquoted field. Decoding follows the text layer (BOM,
 * strict UTF-8 else GB18030, reported).
 *
 * A quote that opens a field and does not close where a field may end (a stray `"`, or a file cut inside
 * a quoted field) swallows the lines after it, up to the next quote or to the end, into one record. So a
 * record that spans lines with a quote error, or is still open past {@link MAX_RECORD_CHARS} characters,
 * is not kept: its first line becomes a record of its own (split at the delimiter, quotes read as text,
 * with an `UnterminatedQuote` error for the reader to report), and reading resumes on the next line. One
 * bad line costs that line only, and memory stays bounded.
 */
export async function* readCsvRecords(source: InputSource, ctx: Pick<ReadContext, "report">, opts: CsvReadOptions = {}): AsyncIterable<CsvRecord> {
  // Loaded on first use: the CLI should not pay for parsers the chosen reader does not need.
  const { default: PapaLib } = await import("papaparse");
  const info = opts.encoding ?? (await detectEncoding(source));
  reportEncoding(info, source.name, (code, r) => ctx.report(code, r));
  let out: CsvRecord[] = [];
  let buffer = "";
  /** Absolute character offset of `buffer[0]`. */
  let base = 0;
  /** Absolute offset where the next record starts. */
  let rowStart = 0;
  let line = 1;
  let nextTry = 0;
  const delimiter = opts.delimiter ?? ",";
  const maxRecord = opts.maxRecordChars ?? MAX_RECORD_CHARS;
  /** Set when a record spanning lines came with a quote error: its first line is to be read alone. */
  let swallowed = false;
  const step = (results: Papa.ParseStepResult<string[]>): void => {
    const end = results.meta.cursor;
    const text = buffer.slice(rowStart - base, end - base);
    const rec = makeRecord(results.data, results.errors, text, line);
    if (rec.endLine > rec.line && rec.errors.some(isQuoteError)) {
      swallowed = true;
      parser.abort();
      return;
    }
    out.push(rec);
    line += countLf(text);
    rowStart = end;
  };
  const newParser = () => new PapaLib.Parser({ delimiter, newline: "\n", quoteChar: '"', step } as Papa.ParseConfig);
  let parser = newParser();
  /**
   * Parses the buffer: complete records only (the one still open waits for the next chunk) unless at
   * the end. A record that swallowed lines is replaced by its first line, and parsing goes on after it.
   */
  const parse = (atEnd: boolean): void => {
    const run = (ignoreLastRow: boolean): void => {
      parser.parse(buffer, base, ignoreLastRow);
      buffer = buffer.slice(rowStart - base);
      base = rowStart;
    };
    for (;;) {
      swallowed = false;
      run(true);
      // At the end, what is left is the last record without a line break after it.
      if (!swallowed && atEnd && buffer !== "") run(false);
      if (!swallowed) return;
      parser = newParser(); // papaparse's core parser stays aborted once aborted
      cutFirstLine();
      if (buffer === "") return;
    }
  };
  /** Reads the first line of the buffer (an open record's) as a record of its own; false without a line break. */
  const cutFirstLine = (): boolean => {
    const nl = buffer.indexOf("\n");
    if (nl < 0) return false;
    out.push(lineRecord(buffer.slice(0, nl + 1), line, delimiter));
    line++;
    base += nl + 1;
    rowStart = base;
    buffer = buffer.slice(nl + 1);
    return true;
  };
  for await (const chunk of crLinesToLf(decodeChunks(source, info))) {
    buffer += chunk;
    if (buffer.length < nextTry) continue;
    parse(false);
    while (buffer.length > maxRecord && cutFirstLine()) parse(false);
    // A record still open after this parse is re-parsed only once the buffer has doubled, so a huge
    // quoted field costs linear, not quadratic, time.
    nextTry = buffer.length > REPARSE_FLOOR ? buffer.length * 2 : 0;
    if (out.length) {
      const done = out;
      out = [];
      yield* done;
    }
  }
  if (buffer !== "") parse(true);
  yield* out;
}

/**
 * Passes text through, except when its head says its lines end in lone CRs (classic Mac OS, Excel for
 * Mac's "CSV (Macintosh)"; {@link isCrOnlyText}, the rule the text layer and detection use): then every
 * CR or CRLF becomes LF, so records end where the lines do.
 */
async function* crLinesToLf(chunks: AsyncIterable<string>): AsyncIterable<string> {
  let head = "";
  let decided: boolean | undefined;
  let pendingCr = false;
  const convert = (text: string): string => {
    let t = pendingCr ? "\r" + text : text;
    pendingCr = t.endsWith("\r");
    if (pendingCr) t = t.slice(0, -1); // a CR at a chunk's end may be half of a CRLF
    return t.replace(/\r\n?/g, "\n");
  };
  for await (const chunk of chunks) {
    if (decided === undefined) {
      head += chunk;
      if (head.length < LINE_END_PROBE) continue;
      decided = isCrOnlyText(head);
      yield decided ? convert(head) : head;
      head = "";
    } else yield decided ? convert(chunk) : chunk;
  }
  if (decided === undefined && head !== "") yield isCrOnlyText(head) ? convert(head) : head;
  if (pendingCr) yield "\n";
}

const isQuoteError = (e: string): boolean => e.startsWith("MissingQuotes") || e.startsWith("InvalidQuotes");

/** A line read on its own after an unterminated quote: split at the delimiter, quotes kept as text. */
function lineRecord(text: string, line: number, delimiter: string): CsvRecord {
  const raw = text.endsWith("\r\n") ? text.slice(0, -2) : text.endsWith("\n") ? text.slice(0, -1) : text;
  return {
    fields: raw.split(delimiter),
    line,
    endLine: line,
    raw,
    errors: [`${UNTERMINATED}: a quoted field opened on this line never closes; the line is read on its own, its quotes as text`],
  };
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
