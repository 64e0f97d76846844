/**
 * True when a number literal must be kept as its text: an integer a double cannot hold exactly (ids and
 * `from_id` digits beyond 2^53), or a value beyond what a double holds at all (`1e400`, 400 digits),
 * which would read as Infinity. Both path of the reader (walker and fast path) keep such literals as
 * strings, so an id is its source text, never "Infinity" nor a rounded neighbour.
 */
export function keepsLiteral(n: number, literal: string): boolean {
  return (n > Number.MAX_SAFE_INTEGER || n < -Number.MAX_SAFE_INTEGER) && (n === Infinity || n === -Infinity || /^-?\d+$/.test(literal));
}

/**
 * Puts quotes around the number literals {@link keepsLiteral} keeps (outside strings), so JSON.parse
 * keeps their text as strings — what the walker's tokenizer does for them.
 */
export function quoteBigIntegers(text: string): string {
  let out = "";
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // Skip the string.
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92) i += 2;
        else if (d === 34) break;
        else i++;
      }
      i++;
      continue;
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if ((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) j++;
        else break;
      }
      const lit = text.slice(i, j);
      const num = Number(lit);
      if (keepsLiteral(num, lit)) {
        out += text.slice(last, i) + '"' + lit + '"';
        last = j;
      }
      i = j;
      continue;
    }
    i++;
  }
  return last === 0 ? text : out + text.slice(last);
}
