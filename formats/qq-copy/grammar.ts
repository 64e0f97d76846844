/**
 * Line grammar of text copied out of a QQ chat window (FORMAT.md; formats-cn.md §1.8, unverified
 * there, so the grammar is lenient). Pure functions over one line: no state, no I/O.
 *
 *   header  := name SP+ (date SP+)? time SP*          name first, time last
 *   date    := YYYY/M/D | YYYY-M-D | YYYY.M.D | YYYY年M月D日 | N/N/YYYY
 *   time    := (上午|下午 SP?)? H:mm:ss (SP? AM|PM|上午|下午)?
 *   divider := dashes SP* date (SP+ label)? SP* dashes    e.g. "— —  2020-2-21  — —"
 */

/** Spaces a copy may hold between fields: ASCII space, tab, NBSP, ideographic space. */
const SP = "[ \\t\\u00a0\\u3000]";
const DATE = "(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})|(\\d{4})年(\\d{1,2})月(\\d{1,2})日|(\\d{1,2})/(\\d{1,2})/(\\d{4})";
const TIME = "(?:(上午|下午)" + SP + "?)?(\\d{1,2}):(\\d{2}):(\\d{2})(?:" + SP + "?([AaPp][Mm]|上午|下午))?";

// The name is lazy: the first split that leaves "[date] time" at the end wins, so a name may itself hold
// spaces ("某某某 CS 16:44:12"). The line may end in spaces (the window pads some headers).
const HEADER = new RegExp(`^(\\S.*?)${SP}+(?:(${DATE})${SP}+)?(${TIME})${SP}*$`);
const DASH = "[—–\\-─━－―ー~～=]";
const DIVIDER = new RegExp(`^${SP}*(?:${DASH}${SP}*)+(${DATE})(?:${SP}+([^\\d—–\\-─━－―ー~～=]{1,12}?))?${SP}*(?:${DASH}${SP}*)+$`);
const TITLES = /^(?:【[^】]*】)+/;
const A_DATE = new RegExp(`^(?:${DATE})$`);
/** The longest name taken for a header: QQ nicknames and group cards are far shorter, titles included. */
export const MAX_NAME = 60;
/**
 * Longer lines are neither headers nor dividers, and are not given to the regexes: their lazy and
 * repeated parts would backtrack quadratically over a long run of spaces (a hostile or damaged line).
 */
const MAX_LINE = 240;
const DASH_START = /^[ \t\u00a0\u3000]*[—–\-─━－―ー~～=]/;

/** A calendar date as written, its order resolved by the caller for N/N/YYYY. */
export interface DateParts {
  /** Exactly as written. */
  raw: string;
  year: number;
  /** For N/N/YYYY dates the first and second numbers in file order; month and day otherwise. */
  first: number;
  second: number;
  /** True for N/N/YYYY (month/day order to be decided). */
  yearLast: boolean;
}

/** A header line split into its parts. */
export interface HeaderParts {
  /** The sender exactly as written, titles included (separator and time removed). */
  sender: string;
  /** The date and time exactly as written (the Timestamp's raw); time only when no date. */
  rawTime: string;
  date?: DateParts;
  hour: number;
  minute: number;
  sec: number;
  meridiem?: "am" | "pm";
}

/** A date divider line. */
export interface DividerParts {
  date: DateParts;
  /** Text after the date inside the dashes (a weekday, say), when any. */
  label?: string;
}

function dateOf(m: RegExpExecArray, at: number, raw: string): DateParts {
  if (m[at] !== undefined) return { raw, year: Number(m[at]), first: Number(m[at + 1]), second: Number(m[at + 2]), yearLast: false };
  if (m[at + 3] !== undefined) return { raw, year: Number(m[at + 3]), first: Number(m[at + 4]), second: Number(m[at + 5]), yearLast: false };
  return { raw, year: Number(m[at + 8]), first: Number(m[at + 6]), second: Number(m[at + 7]), yearLast: true };
}

/**
 * Parses a header line, or returns undefined. The shape alone; whether a line in its place starts a
 * message (after a blank line, a divider or at the start) is the parser's rule. A line is refused when
 * its "name" is empty, longer than {@link MAX_NAME}, a date (a dated line with no name, as the QQ TXT
 * export writes for an empty sender), or ends in a colon or comma ("时间： 16:44:12" is text).
 */
export function parseHeaderLine(line: string): HeaderParts | undefined {
  if (line.length > MAX_LINE) return undefined;
  // Fast path: a header ends in a digit, M or 午 (after optional spaces).
  const end = line.trimEnd();
  const last = end.charCodeAt(end.length - 1);
  if (!((last >= 48 && last <= 57) || last === 77 || last === 109 || last === 0x5348)) return undefined;
  const m = HEADER.exec(line);
  if (!m) return undefined;
  const sender = m[1]!;
  if ([...sender].length > MAX_NAME || A_DATE.test(sender) || /[:：,，]$/.test(sender)) return undefined;
  const rawDate = m[2];
  const pre = m[13], post = m[17];
  if (pre !== undefined && post !== undefined) return undefined; // "下午 9:16:13 PM": no such clock
  const marker = post ?? pre;
  const h: HeaderParts = {
    sender,
    // From the date's (or time's) start to the time's end, as written: inner spacing kept.
    rawTime: line.slice(sender.length).trim(),
    hour: Number(m[14]),
    minute: Number(m[15]),
    sec: Number(m[16]),
  };
  if (rawDate !== undefined) h.date = dateOf(m, 3, rawDate);
  if (marker !== undefined) h.meridiem = /^[Aa]|上午/.test(marker) ? "am" : "pm";
  // A time of day no clock shows is not a header without a date to prove the shape ("99:99:99").
  if (!h.date && (h.minute > 59 || h.sec > 59 || h.hour > 23)) return undefined;
  return h;
}

/** Parses a date divider (`— —  2020-2-21  — —`), or returns undefined. */
export function parseDivider(line: string): DividerParts | undefined {
  if (line.length > MAX_LINE || !DASH_START.test(line)) return undefined;
  const m = DIVIDER.exec(line);
  if (!m) return undefined;
  const d: DividerParts = { date: dateOf(m, 2, m[1]!) };
  if (m[11] !== undefined && m[11].trim() !== "") d.label = m[11].trim();
  return d;
}

const DASHES = new Set("—–-─━－―ー~～=");
const SPACES = new Set(" \t\u00a0\u3000");

/**
 * True for a line shaped like a divider whose middle is no date this grammar reads: dashes (spaces
 * between them allowed) on both sides of text that holds no dash ("— — 昨天 — —"). A scan, not a
 * regex: the regex's optional spaces on both sides of the middle backtracked badly on long lines.
 */
export function isDividerLike(line: string): boolean {
  if (line.length > MAX_LINE) return false;
  let i = 0, j = line.length, left = 0, right = 0;
  for (; i < j && (SPACES.has(line[i]!) || DASHES.has(line[i]!)); i++) if (DASHES.has(line[i]!)) left++;
  for (; j > i && (SPACES.has(line[j - 1]!) || DASHES.has(line[j - 1]!)); j--) if (DASHES.has(line[j - 1]!)) right++;
  if (left === 0 || right === 0 || i === j) return false;
  for (let k = i; k < j; k++) if (DASHES.has(line[k]!)) return false;
  return !parseDivider(line);
}

/** A sender split into its leading `【…】` titles and the name. */
export interface SenderParts {
  name: string;
  /** Title texts without brackets, in order. */
  titles: string[];
}

/** Splits a sender into titles and name; a sender that is nothing but titles keeps them as its name. */
export function parseSender(sender: string): SenderParts {
  const t = TITLES.exec(sender);
  if (!t) return { name: sender, titles: [] };
  const name = sender.slice(t[0].length).replace(/^[ \t\u00a0\u3000]+/, "");
  if (name === "") return { name: sender, titles: [] };
  return { name, titles: t[0].slice(1, -1).split("】【") };
}
