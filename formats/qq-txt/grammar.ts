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
