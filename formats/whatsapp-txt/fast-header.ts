/**
 * A fast path for the common header layouts, tried before the general grammar (grammar.ts): plain
 * numeric dates and `H:MM[:SS]` times with nothing to normalise before the author, i.e.
 *
 *   Android  `31/12/2022, 23:40 - `    `12/31/22, 11:40 PM - `   (also NBSP / narrow NBSP before AM/PM)
 *   iOS     `[31/12/2022, 23:40:26] `  `[12/12/25, 8:32 pm] `
 *
 * It returns exactly the Header the general grammar would build for such a line, or undefined when the
 * line is anything else (the caller then runs the general grammar, which decides). So it can only make a
 * line cheaper, never read it differently; grammar.test.ts checks the two agree.
 */
import type { Header, Meridiem } from "./grammar.js";

const shapeCache = new Map<number, string>();

// The marks normalize.ts drops from its matching view.
const isMark = (c: number): boolean =>
  c === 0xfeff || c === 0x200b || c === 0x200e || c === 0x200f || c === 0x061c || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Length of the run of ASCII digits at `i` (at most `max + 1`, enough to tell "too long"). */
function digitRun(s: string, i: number, max: number): number {
  let n = 0;
  while (n <= max && isDigit(s.charCodeAt(i + n))) n++;
  return n;
}

/** The header of a line in one of the common layouts, or undefined (then the general grammar decides). */
export function fastHeader(raw: string): Header | undefined {
  let i = 0;
  const ios = raw.charCodeAt(0) === 91; // "["
  if (ios) i = 1;
  const dtStart = i;
  // DATE: a{1,4} sep b{1,2} sep c{1,4}, each run ending in a non-digit, sep one of . / -
  const la = digitRun(raw, i, 4);
  if (la === 0 || la > 4) return undefined;
  const sepCode = raw.charCodeAt(i + la);
  if (sepCode !== 47 && sepCode !== 46 && sepCode !== 45) return undefined;
  const ib = i + la + 1;
  const lb = digitRun(raw, ib, 2);
  if (lb === 0 || lb > 2 || raw.charCodeAt(ib + lb) !== sepCode) return undefined;
  const ic = ib + lb + 1;
  const lc = digitRun(raw, ic, 4);
  if (lc === 0 || lc > 4) return undefined;
  i = ic + lc;
  // ", " between date and time (a "." or " BE" after the year, or another separator: general grammar).
  if (raw.charCodeAt(i) !== 44 || raw.charCodeAt(i + 1) !== 32) return undefined;
  i += 2;
  // TIME: H{1,2}:MM[:SS]
  const ih = i;
  const lh = digitRun(raw, ih, 2);
  if (lh === 0 || lh > 2 || raw.charCodeAt(ih + lh) !== 58) return undefined;
  const im = ih + lh + 1;
  if (digitRun(raw, im, 2) !== 2) return undefined;
  i = im + 2;
  let second: number | undefined;
  if (raw.charCodeAt(i) === 58) {
    if (digitRun(raw, i + 1, 2) !== 2) return undefined;
    second = Number(raw.slice(i + 1, i + 3));
    i += 3;
  }
  const hour = Number(raw.slice(ih, ih + lh));
  const minute = Number(raw.slice(im, im + 2));
  if (hour > 24 || minute > 59 || (second !== undefined && second > 59)) return undefined;
  // Optional 12-hour marker: (space | NBSP | narrow NBSP) then AM / PM in upper or lower case.
  let meridiem: Meridiem | undefined;
  const sp = raw.charCodeAt(i);
  if (sp === 32 || sp === 0xa0 || sp === 0x202f) {
    const m1 = raw.charCodeAt(i + 1) | 0x20;
    const m2 = raw.charCodeAt(i + 2) | 0x20;
    if ((m1 === 97 || m1 === 112) && m2 === 109) {
      const after = raw.charCodeAt(i + 3);
      // "AM." / "A.M." / "AM-" …: leave to the general grammar.
      if (after !== 32 && after !== 93) return undefined;
      meridiem = m1 === 97 ? "am" : "pm";
      i += 3;
    }
  }
  const dtEnd = i;
  let family: Header["family"];
  let restStart: number;
  if (ios) {
    if (raw.charCodeAt(i) !== 93) return undefined; // "]"
    family = "ios";
    const c = raw.charCodeAt(i + 1);
    // A non-ASCII character here may be a space or mark the general grammar normalises: let it decide.
    if (c >= 0x80) return undefined;
    restStart = c === 32 ? i + 2 : i + 1;
  } else {
    // " - " then the author; a line ending right after " -" is also Android.
    if (raw.charCodeAt(i) !== 32 || raw.charCodeAt(i + 1) !== 45) return undefined;
    const c = raw.charCodeAt(i + 2);
    if (c === 32) restStart = i + 3;
    else if (i + 2 === raw.length) restStart = i + 2;
    else return undefined;
    family = "android";
  }
  // An invisible mark where the author starts is skipped by the general grammar: let it decide.
  if (isMark(raw.charCodeAt(restStart))) return undefined;
  const code =
    (ios ? 1 : 0) |
    ((sepCode === 47 ? 0 : sepCode === 46 ? 1 : 2) << 1) |
    ((la > 2 ? 1 : 0) << 3) |
    ((lb > 2 ? 1 : 0) << 4) |
    ((lc > 2 ? 1 : 0) << 5) |
    ((second !== undefined ? 1 : 0) << 6) |
    ((meridiem ? 1 : 0) << 7);
  let shape = shapeCache.get(code);
  if (shape === undefined) {
    const y = (n: number): string => (n > 2 ? "Y" : "9");
    shape = [family, `n${String.fromCharCode(sepCode)}${y(la)}${y(lb)}${y(lc)}`, ", ", ":", second !== undefined ? "s" : "", meridiem ? "12" : "24", ""].join("|");
    shapeCache.set(code, shape);
  }
  const h: Header = {
    family,
    date: { kind: "numeric", parts: [raw.slice(dtStart, dtStart + la), raw.slice(ib, ib + lb), raw.slice(ic, ic + lc)], sep: String.fromCharCode(sepCode), buddhist: false },
    timeFirst: false,
    hour,
    minute,
    rawStart: dtStart,
    rawEnd: dtEnd,
    restStart,
    shape,
  };
  if (second !== undefined) h.second = second;
  if (meridiem) h.meridiem = meridiem;
  return h;
}
