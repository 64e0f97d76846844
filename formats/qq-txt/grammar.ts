/**
 * Line grammar of the PC QQ 消息管理器 TXT export (FORMAT.md; formats-cn.md §1.3–§1.5).
 * Pure functions over one line: no state, no I/O.
 */

/** The title line QQ writes first ("消息记录（此消息记录为文本格式，不支持重新导入）"), lenient on bracket width. */
export const TITLE_LINE = /^\s*消息记录[（(]此消息记录为文本格式[，,]\s*不支持重新导入[）)]\s*$/;

/** The 64-'=' section separator; one parser that ran on real data accepts 60+ (formats-cn.md §1.3). */
export const SEPARATOR = /^={60,}\s*$/;

/** `消息分组:` / `消息对象:` labels, ASCII or fullwidth colon. */
export const GROUP_LABEL = /^消息分组[:：](.*)$/;
export const OBJECT_LABEL = /^消息对象[:：](.*)$/;

// Date: YYYY-M-D or YYYY/M/D (zh locales), or N/N/YYYY (en locales); time H:mm:ss with optional
// AM/PM after it, or 上午/下午 before it (a zh Windows 12-hour long-time format).
const HEADER =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2}) (?:(上午|下午) ?)?(\d{1,2}):(\d{2}):(\d{2})(?: ?([AaPp][Mm]|上午|下午))?(?: (.*))?$|^(\d{1,2})\/(\d{1,2})\/(\d{4}) (?:(上午|下午) ?)?(\d{1,2}):(\d{2}):(\d{2})(?: ?([AaPp][Mm]|上午|下午))?(?: (.*))?$/;

/** A header line split into its parts; the date order of N/N/YYYY is resolved by the caller. */
export interface HeaderParts {
  /** The date and time exactly as written (the Timestamp's raw). */
  rawTime: string;
  year: number;
  /** For N/N/YYYY dates these are the first and second numbers, in file order. */
  first: number;
  second: number;
  /** True for N/N/YYYY (month/day order to be decided); false for year-first dates. */
  yearLast: boolean;
  hour: number;
  minute: number;
  sec: number;
  /** "am" / "pm" when a 12-hour marker was present. */
  meridiem?: "am" | "pm";
  /** Everything after the time: the sender. */
  sender: string;
}

/** Parses a message header line, or returns undefined when the line is not one. */
export function parseHeaderLine(line: string): HeaderParts | undefined {
  const c = line.charCodeAt(0);
  if (c < 48 || c > 57) return undefined; // fast path: headers start with a digit
  const fast = scanPlainHeader(line);
  return fast === SLOW ? parseHeaderRegex(line) : fast;
}

const SLOW = Symbol("slow");
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isDateSep = (c: number): boolean => c === 45 /* - */ || c === 47 /* / */ || c === 46; /* . */

/**
 * The common header, "YYYY-M-D H:mm:ss sender" (24-hour, year first), read without the regex: a
 * character scan is several times cheaper per line at millions of lines. Anything else — N/N/YYYY,
 * 上午/下午, AM/PM, a line the regex would refuse — returns SLOW for {@link parseHeaderRegex}, which
 * stays the definition (test/qq-txt-header.test.ts checks both agree).
 */
function scanPlainHeader(line: string): HeaderParts | undefined | typeof SLOW {
  const n = line.length;
  if (n < 14 || !isDigit(line.charCodeAt(1)) || !isDigit(line.charCodeAt(2)) || !isDigit(line.charCodeAt(3)) || !isDateSep(line.charCodeAt(4))) return SLOW;
  let i = 5;
  let month = 0, day = 0, hour = 0;
  let k = 0;
  for (; k < 2 && i < n && isDigit(line.charCodeAt(i)); k++, i++) month = month * 10 + line.charCodeAt(i) - 48;
  if (k === 0 || i >= n || !isDateSep(line.charCodeAt(i))) return SLOW;
  i++;
  for (k = 0; k < 2 && i < n && isDigit(line.charCodeAt(i)); k++, i++) day = day * 10 + line.charCodeAt(i) - 48;
  if (k === 0 || line.charCodeAt(i) !== 32) return SLOW;
  i++;
  for (k = 0; k < 2 && i < n && isDigit(line.charCodeAt(i)); k++, i++) hour = hour * 10 + line.charCodeAt(i) - 48;
  if (k === 0 || i + 6 > n || line.charCodeAt(i) !== 58 || line.charCodeAt(i + 3) !== 58) return SLOW;
  const m1 = line.charCodeAt(i + 1), m2 = line.charCodeAt(i + 2), s1 = line.charCodeAt(i + 4), s2 = line.charCodeAt(i + 5);
  if (!isDigit(m1) || !isDigit(m2) || !isDigit(s1) || !isDigit(s2)) return SLOW;
  i += 6;
  let sender = "";
  let rawTime: string;
  if (i === n) rawTime = line;
  else {
    if (line.charCodeAt(i) !== 32) return SLOW;
    const next = line.charCodeAt(i + 1);
    // A 12-hour marker may follow ("AM", "下午"), and the regex's `.` stops at line separators.
    if (next === 65 || next === 97 || next === 80 || next === 112 || next === 0x4e0a || next === 0x4e0b) return SLOW;
    sender = line.slice(i + 1);
    if (sender.includes("\r") || sender.includes("\u2028") || sender.includes("\u2029")) return SLOW;
    rawTime = line.slice(0, i);
  }
  return {
    rawTime,
    year: (line.charCodeAt(0) - 48) * 1000 + (line.charCodeAt(1) - 48) * 100 + (line.charCodeAt(2) - 48) * 10 + (line.charCodeAt(3) - 48),
    first: month,
    second: day,
    yearLast: false,
    hour,
    minute: (m1 - 48) * 10 + (m2 - 48),
    sec: (s1 - 48) * 10 + (s2 - 48),
    sender,
  };
}

/** {@link parseHeaderLine} by the grammar's regex: every header form. */
export function parseHeaderRegex(line: string): HeaderParts | undefined {
  const m = HEADER.exec(line);
  if (!m) return undefined;
  const yearFirst = m[1] !== undefined;
  const o = yearFirst ? 0 : 9;
  const pre = m[4 + o];
  const post = m[8 + o];
  const marker = post ?? pre;
  const meridiem = marker === undefined ? undefined : /^[Aa]|上午/.test(marker) ? "am" : "pm";
  const senderGroup = m[9 + o];
  const sender = senderGroup ?? "";
  const rawTime = senderGroup === undefined ? line.trimEnd() : line.slice(0, line.length - sender.length - 1);
  const h: HeaderParts = {
    rawTime,
    year: Number(yearFirst ? m[1] : m[12]),
    first: Number(yearFirst ? m[2] : m[10]),
    second: Number(yearFirst ? m[3] : m[11]),
    yearLast: !yearFirst,
    hour: Number(m[5 + o]),
    minute: Number(m[6 + o]),
    sec: Number(m[7 + o]),
    sender,
  };
  if (meridiem) h.meridiem = meridiem;
  return h;
}
