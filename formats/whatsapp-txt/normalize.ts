/**
 * Matching-only normalisation of WhatsApp export lines (formats-intl.md §1.2). The raw line is always
 * kept for the archive; this view exists so one grammar matches every locale: invisible marks removed,
 * exotic spaces made plain, native digits made ASCII, the Arabic comma made a comma. Never NFKC: that
 * would alter user content.
 */

// U+FEFF (BOM, also found at line starts and inside iOS brackets), LRM/RLM, ALM, LRE…RLO, LRI…PDI,
// zero-width space/joiners that some exports put around names.
const MARKS = /[\uFEFF\u200B\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/;
const MARKS_G = /[\uFEFF\u200B\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g;
// NBSP, NARROW NBSP (Android 13+/iOS 16+ before AM/PM), THIN SPACE, FIGURE SPACE, EN/EM spaces.
const SPACES = /[\u00A0\u202F\u2009\u2007\u2002\u2003\u2000-\u2006\u2008\u200A]/;

// First code point of each run of ten decimal digits WhatsApp locales are known or likely to use:
// Arabic-Indic, Extended Arabic-Indic (Persian/Urdu), Devanagari, Bengali, Gurmukhi, Gujarati, Oriya,
// Tamil, Telugu, Kannada, Malayalam, Thai, Lao, Tibetan, Myanmar, Khmer, Mongolian, fullwidth.
const DIGIT_ZEROS = [
  0x0660, 0x06f0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0e50, 0x0ed0, 0x0f20,
  0x1040, 0x17e0, 0x1810, 0xff10,
];

/** The ASCII digit for a native decimal digit code point, or undefined. */
function asciiDigit(cp: number): string | undefined {
  for (const z of DIGIT_ZEROS) if (cp >= z && cp <= z + 9) return String(cp - z);
  return undefined;
}

/** A normalised view of a string with, for each of its characters, the index in the raw string. */
export interface NormView {
  text: string;
  /** map[i] = index in raw of text[i]; map[text.length] = raw index just after the last char used. */
  map: number[];
}

/** Normalises up to `limit` raw characters for matching, keeping a map back to raw positions. */
export function normView(raw: string, limit = raw.length): NormView {
  let text = "";
  const map: number[] = [];
  const end = Math.min(raw.length, limit);
  for (let i = 0; i < end; i++) {
    const ch = raw[i]!;
    const cp = ch.charCodeAt(0);
    if (cp < 0x80) {
      text += ch;
      map.push(i);
      continue;
    }
    if (MARKS.test(ch)) continue;
    if (SPACES.test(ch)) {
      text += " ";
    } else if (cp === 0x060c) {
      text += ","; // Arabic comma between date and time
    } else {
      const d = asciiDigit(cp);
      text += d ?? ch;
    }
    map.push(i);
  }
  map.push(end);
  return { text, map };
}

/** The string with invisible marks removed and exotic spaces made plain (for names and keywords). */
export function cleanText(s: string): string {
  let out = s.replace(MARKS_G, "");
  if (/[^\x00-\x7F]/.test(out)) out = out.replace(/[\u00A0\u202F\u2009\u2007\u2000-\u2006\u2008\u200A]/g, " ");
  return out;
}

/** True when the string has nothing but invisible marks and white space. */
export function isBlank(s: string): boolean {
  return cleanText(s).trim() === "";
}
