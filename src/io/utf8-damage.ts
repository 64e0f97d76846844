/** Where a text input holds what its encoding cannot decode (each piece read as one U+FFFD). */
export interface TextDamage {
  /** Pieces read as U+FFFD. */
  invalid: number;
  /** Lines (1-based; LF, CRLF and CR end a line) holding the first of them, at most {@link LINES_KEPT}. */
  lines: number[];
}

/** What a file that is not all valid UTF-8 holds, byte sequence by byte sequence. */
export interface Utf8Survey extends TextDamage {
  /** Sequences that are not UTF-8: each decodes to one U+FFFD (WHATWG maximal subparts). */
  invalid: number;
  /** Valid characters of two to four bytes: the evidence that the file is UTF-8 after all. */
  multibyte: number;
  /** Lines (1-based; LF, CRLF and CR end a line) holding the first invalid sequences, at most {@link LINES_KEPT}. */
  lines: number[];
  /** Whether the bytes decode as GB18030 without an error. */
  gb18030: boolean;
}

/** Lines of invalid sequences a survey keeps. */
export const LINES_KEPT = 10;

/**
 * Surveys the bytes of a file strict UTF-8 refused: how many byte sequences are invalid and where, how
 * many valid multi-byte characters surround them, and whether GB18030 would read it cleanly. One pass in
 * JavaScript, so it is run only after the fast whole-file check failed. Chunks may be reused buffers
 * (each is done with before the next is asked for).
 */
export async function surveyUtf8(chunks: AsyncIterable<Uint8Array>): Promise<Utf8Survey> {
  const out: Utf8Survey = { invalid: 0, multibyte: 0, lines: [], gb18030: true };
  const gb = new TextDecoder("gb18030", { fatal: true });
  let line = 1;
  let lastCr = false;
  // A character cut by a chunk's end is completed from the next chunk: keep its bytes.
  let carry: Uint8Array = new Uint8Array(0);
  const scan = (bytes: Uint8Array, final: boolean): void => {
    let i = 0;
    const n = bytes.length;
    while (i < n) {
      const b = bytes[i]!;
      if (b < 0x80) {
        if (b === 0x0a) {
          if (!lastCr) line++;
          lastCr = false;
        } else if (b === 0x0d) {
          line++;
          lastCr = true;
        } else lastCr = false;
        i++;
        continue;
      }
      lastCr = false;
      const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
      if (need < 0) {
        invalidAt(out, line);
        i++;
        continue;
      }
      if (i + need >= n && !final) {
        carry = bytes.slice(i);
        return;
      }
      // The second byte's range depends on the lead (no overlong forms, no surrogates, ≤ U+10FFFF).
      const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
      const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
      let k = 1;
      for (; k <= need && i + k < n; k++) {
        const c = bytes[i + k]!;
        if (k === 1 ? c < lo || c > hi : (c & 0xc0) !== 0x80) break;
      }
      if (k > need) out.multibyte++;
      else invalidAt(out, line);
      i += k;
    }
    carry = new Uint8Array(0);
  };
  for await (const chunk of chunks) {
    const bytes = carry.length ? concat(carry, chunk) : chunk;
    scan(bytes, false);
    if (out.gb18030) {
      try {
        gb.decode(chunk, { stream: true });
      } catch {
        out.gb18030 = false;
      }
    }
  }
  if (carry.length) scan(carry, true);
  if (out.gb18030) {
    try {
      gb.decode();
    } catch {
      out.gb18030 = false;
    }
  }
  return out;
}

function invalidAt(out: Utf8Survey, line: number): void {
  out.invalid++;
  if (out.lines.length < LINES_KEPT && out.lines[out.lines.length - 1] !== line) out.lines.push(line);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const m = new Uint8Array(a.length + b.length);
  m.set(a);
  m.set(b, a.length);
  return m;
}

/**
 * Whether a surveyed file is UTF-8 with some damage rather than GB18030: GB18030 cannot read it, or its
 * valid multi-byte characters outnumber the invalid sequences ten to one. (GB18030 text forms a valid
 * UTF-8 pair in fewer than one character in ten, and leaves most of the others invalid.)
 */
export function isDamagedUtf8(s: Utf8Survey): boolean {
  return !s.gb18030 || s.multibyte >= 10 * s.invalid;
}
