/**
 * Puts quotes around integer literals a double cannot hold exactly (outside strings), so JSON.parse
 * keeps their digits as strings — what the walker's tokenizer does for them.
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
      if (Number.isInteger(num) && !Number.isSafeInteger(num) && /^-?\d+$/.test(lit)) {
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
