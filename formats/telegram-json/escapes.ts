/**
 * Repairs the one JSON-validity quirk of tdesktop's hand-written JSON (formats-intl.md §3.4): control
 * characters are written as `\xHH`, which JSON does not allow. Each `\xHH` whose backslash is itself
 * not escaped (an odd run of backslashes) becomes `\u00HH`, which decodes to the same character.
 * Works on a stream of text chunks: a run of backslashes or an incomplete `\x`, `\xH` at the end of a
 * chunk is held back until the next chunk decides it.
 */
export class XEscapeFilter {
  /** `\xHH` sequences turned into `\u00HH`. */
  fixed = 0;
  /** `\x` not followed by two hex digits: the backslash was doubled so the text survives literally. */
  invalid = 0;
  private carry = "";

  /** Filters one chunk; returns the text that is safe to hand on (may be shorter: a tail is held). */
  push(chunk: string): string {
    const s = this.carry ? this.carry + chunk : chunk;
    this.carry = "";
    let i = s.indexOf("\\");
    if (i === -1) return s;
    let out = "";
    let last = 0;
    while (i !== -1) {
      let j = i;
      while (j < s.length && s.charCodeAt(j) === 92) j++;
      if (j >= s.length || (s.charCodeAt(j) === 120 && (j - i) % 2 === 1 && j + 2 >= s.length)) {
        // The run (or its \x, \xH) may continue in the next chunk: hold it back.
        this.carry = s.slice(i);
        return out + s.slice(last, i);
      }
      if ((j - i) % 2 === 1 && s.charCodeAt(j) === 120) {
        if (isHex(s.charCodeAt(j + 1)) && isHex(s.charCodeAt(j + 2))) {
          out += s.slice(last, j) + "u00" + s.slice(j + 1, j + 3);
          last = j + 3;
          this.fixed++;
        } else {
          out += s.slice(last, j) + "\\x";
          last = j + 1;
          this.invalid++;
        }
      }
      i = s.indexOf("\\", j);
    }
    return out + s.slice(last);
  }

  /** The held-back tail at the end of the input (an unterminated escape; the JSON tokenizer will judge it). */
  flush(): string {
    const rest = this.carry;
    this.carry = "";
    return rest;
  }
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
