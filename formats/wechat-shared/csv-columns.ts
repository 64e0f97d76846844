/**
 * Header mapping of the WeChat CSV exports (wechatmsg-csv, pywxdump-csv): columns are found by name,
 * not by position, so a newer tool version that adds a column, a spreadsheet that reorders them, or an
 * older one that leaves an optional column out is still read. Names are compared without case, spaces,
 * `_` and `-` (`is_sender` = `IsSender`), and each field may have aliases other versions write.
 */
import { ChatportError } from "../../src/diagnostics/errors.js";
import type { Place } from "../../src/model/index.js";
import type { ReadContext } from "../../src/plugin/types.js";

/** One field a reader knows: its key, and the header names that mean it (the first is the usual one). */
export interface ColumnSpec<K extends string> {
  key: K;
  names: readonly string[];
}

/** A column the reader does not know: its header name (made unique) and position. */
export interface UnknownColumn {
  name: string;
  index: number;
}

/** How a header maps onto a reader's fields. */
export interface HeaderMap<K extends string> {
  /** Position of each known field found in the header. */
  index: Partial<Record<K, number>>;
  /** Columns no field claims (extra columns of a newer version, or a second column of the same name). */
  unknown: UnknownColumn[];
  /** Header cells, trimmed (BOM and surrounding quotes/spaces removed), trailing empty cells dropped. */
  names: string[];
  /** True when the header is exactly `canonical`, in order. */
  exact: boolean;
}

/** The comparison key of a header name: no BOM, quotes, case, spaces, `_` or `-`. */
export function columnKey(name: string): string {
  return name.replace(/^\uFEFF/, "").trim().replace(/^"(.*)"$/, "$1").toLowerCase().replace(/[\s_\-]+/g, "");
}

/** Header cells as names: trimmed, the BOM off the first, empty trailing cells (a spreadsheet's) dropped. */
export function headerNames(cells: readonly string[]): string[] {
  const names = cells.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, "") : c).trim());
  while (names.length && names[names.length - 1] === "") names.pop();
  return names;
}

/** A header line of a probe's text split into cells (quotes around a name removed). */
export function probeHeaderCells(text: string): string[] {
  const first = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/, 1)[0] ?? "";
  return first.split(",").map((c) => c.trim().replace(/^"(.*)"$/, "$1"));
}

/** Maps header cells onto fields by name; the first column of a name wins, a repeat of it is unknown. */
export function mapHeader<K extends string>(cells: readonly string[], specs: readonly ColumnSpec<K>[], canonical: readonly string[]): HeaderMap<K> {
  const names = headerNames(cells);
  const byKey = new Map<string, K>();
  for (const s of specs) for (const n of s.names) if (!byKey.has(columnKey(n))) byKey.set(columnKey(n), s.key);
  const index: Partial<Record<K, number>> = {};
  const unknown: UnknownColumn[] = [];
  const used = new Set<string>();
  names.forEach((name, i) => {
    const key = byKey.get(columnKey(name));
    if (key !== undefined && index[key] === undefined) {
      index[key] = i;
      return;
    }
    const base = name === "" ? `column ${i + 1}` : name;
    let label = base;
    // A label another column already has (even one made unique: "x", "x (column 3)", "x") gets a
    // suffix until it is free: two columns under one label would keep only the last value.
    for (let n = 0; used.has(label) || byKey.has(columnKey(label)); n++) label = n === 0 ? `${base} (column ${i + 1})` : `${base} (column ${i + 1}, ${n + 1})`;
    used.add(label);
    unknown.push({ name: label, index: i });
  });
  const exact = names.length === canonical.length && names.every((n, i) => n === canonical[i]);
  return { index, unknown, names, exact };
}

/** True when the cells are the header `map` was read from, again (a repeated header line: exports or pages joined). */
export function isHeaderAgain(map: HeaderMap<string>, cells: readonly string[]): boolean {
  const n = map.names;
  let len = cells.length;
  while (len > n.length && (cells[len - 1] ?? "").trim() === "") len--;
  if (len !== n.length) return false;
  for (let i = 0; i < len; i++) if ((i === 0 ? cells[i]!.replace(/^\uFEFF/, "") : cells[i]!).trim() !== n[i]) return false;
  return true;
}

/**
 * A record that is a header line again: this one (returned as is), or another this format accepts
 * (`read`; exports of two versions joined), told from data by the cell under `probe` — an integer in
 * every data row (Type, is_sender) — so data rows cost one test.
 */
export function headerAgain<H extends { map: HeaderMap<string> }>(current: H, fields: string[], probe: number | undefined, read: (fields: string[]) => H | undefined): H | undefined {
  const cell = probe === undefined ? undefined : fields[probe];
  if (cell !== undefined && /^\s*-?\d+\s*$/.test(cell)) return undefined;
  if (isHeaderAgain(current.map, fields)) return current;
  return read(fields);
}

/**
 * A record that is the header of the other WeChat CSV tool (`fits`), told from data as {@link headerAgain}
 * does (an integer under `probe` is a data row): two tools' exports joined into one file. Its rows cannot
 * be read by this reader's columns (PyWxDump's 9 cells even fit WeChatMsg's older 9-field rows, which
 * made messages of its header and rows), so the reader reports them until a header of its own.
 */
export function isForeignHeader(fields: string[], probe: number | undefined, fits: (fields: string[]) => boolean): boolean {
  const cell = probe === undefined ? undefined : fields[probe];
  if (cell !== undefined && /^\s*-?\d+\s*$/.test(cell)) return false;
  return fits(fields);
}

/** The values of the unknown columns of one record, by column name (absent cells left out). */
export function unknownValues(unknown: readonly UnknownColumn[], fields: readonly string[]): Record<string, string> | undefined {
  if (unknown.length === 0) return undefined;
  const out: Record<string, string> = {};
  let any = false;
  for (const u of unknown) {
    const v = fields[u.index];
    if (v === undefined) continue;
    // defineProperty: a column named "__proto__" (a header name is the file's text) stays a key; a plain
    // assignment would set the object's prototype and drop the value.
    if (u.name === "__proto__") Object.defineProperty(out, u.name, { value: v, enumerable: true, writable: true, configurable: true });
    else out[u.name] = v;
    any = true;
  }
  return any ? out : undefined;
}

/** The header names a field accepts, for messages: `"StrContent"` or `"msg" (or "message")`. */
export function describeColumn<K extends string>(specs: readonly ColumnSpec<K>[], key: K): string {
  const s = specs.find((x) => x.key === key);
  if (!s) return `"${key}"`;
  const [first, ...rest] = s.names;
  return rest.length ? `"${first}" (or ${rest.map((n) => `"${n}"`).join(", ")})` : `"${first}"`;
}

/** True the first time `key` is seen in `done` (and records it): a column reported once per read. */
export function firstTime(done: Set<string>, key: string): boolean {
  if (done.has(key)) return false;
  done.add(key);
  return true;
}

/**
 * Reports a header line met again mid-file as structure (`duplicate-section`): the same header
 * (`same`: pages or exports joined with `cat`), or one of another version of `tool` whose columns the
 * rows after it are read by.
 */
export function reportHeaderAgain(ctx: Pick<ReadContext, "report">, at: { file: string; place: Place; raw: string }, tool: string, same: boolean, joined: string): void {
  ctx.report("duplicate-section", {
    message: same
      ? `${at.file} repeats its header line here (${joined} joined into one file?); read as structure, not as a message.`
      : `${at.file} has another ${tool} header here, with other columns (exports of two versions joined into one file?); read as structure, and the rows after it by its columns.`,
    file: at.file,
    place: at.place,
    raw: at.raw,
  });
}

/** Columns of WeChat's contact table (Contact in MicroMsg.db, contact in contact.db) and of contact lists made from it. */
const CONTACT_COLUMNS = new Set(
  ["UserName", "wxid", "Alias", "EncryptUserName", "NickName", "Remark", "VerifyFlag", "DelFlag", "PYInitial", "QuanPin", "RemarkPYInitial", "RemarkQuanPin", "LabelIDList", "ChatRoomType", "SmallHeadImgUrl", "BigHeadImgUrl", "HeadImgMd5"].map(columnKey),
);

/** What a WeChat CSV header without message columns looks like, for the refusal: a contact table, or another table. */
export function describeNonMessageHeader(names: readonly string[]): string {
  const contact = names.filter((n) => CONTACT_COLUMNS.has(columnKey(n)));
  const hasId = contact.some((n) => ["username", "wxid"].includes(columnKey(n)));
  const shown = names.slice(0, 8).join(",") + (names.length > 8 ? ",…" : "");
  return hasId && contact.length >= 2 ? `a contact table (columns ${shown})` : `a table of other WeChat data (columns ${shown})`;
}

/**
 * The refusal of a CSV whose header shares WeChat column names but has none of the columns a message
 * needs (its text or its time): a contact table or another table dumped from the databases, which is no
 * message export (unknown-format, exit 4), rather than a message export with a column missing (exit 5).
 */
export function notMessageExportError(file: string, line: number, tool: string, names: readonly string[], messageColumns: string): ChatportError {
  return new ChatportError(
    "unknown-format",
    `${file} line ${line}: not a WeChat message export: its header has none of the message columns (${messageColumns}) and it looks like ${describeNonMessageHeader(names)}; give the ${tool} message CSV of the chat instead, or pass --from with the right format if it is another export.`,
  );
}

/** How a WeChat CSV reader tells its headers from records (see {@link headerTests}). */
export interface HeaderTests<H> {
  /** A header the reader can read by (every required column), or undefined. */
  usable(fields: string[]): H | undefined;
  /** A record that is a header again, this one or another usable one ({@link headerAgain}). */
  next(current: H, fields: string[]): H | undefined;
  /** True for a header of this format, exact or readable by its column names (the other tool's test). */
  readable(fields: string[]): boolean;
}

/**
 * The header tests of a format from its header reader, its fit and the integer column every data row
 * has (`probe`): wechatmsg-csv and pywxdump-csv each need their own, and each other's `readable`.
 */
export function headerTests<H extends { map: HeaderMap<string>; missing: readonly unknown[] }>(
  read: (fields: readonly string[]) => H,
  fit: (h: H) => string | undefined,
  probe: (h: H) => number | undefined,
): HeaderTests<H> {
  const usable = (fields: string[]): H | undefined => {
    const h = read(fields);
    return h.missing.length === 0 && fit(h) ? h : undefined;
  };
  return {
    usable,
    next: (current, fields) => headerAgain(current, fields, probe(current), usable),
    readable: (fields) => {
      const f = fit(read(fields));
      return f === "exact" || f === "mapped";
    },
  };
}
