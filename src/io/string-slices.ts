/**
 * The slices of a long string, `size` UTF-16 units at most (one less where a surrogate pair would be
 * cut), in order. Encoding each slice to UTF-8 gives the string's own bytes: a pair cut in two would be
 * encoded as two U+FFFD. For hashing or writing a string of many MB without a second copy of it (hostile
 * input: one 60 MB line).
 */
export function* stringSlices(s: string, size: number): Generator<string> {
  for (let at = 0; at < s.length; ) {
    let end = Math.min(at + size, s.length);
    const last = s.charCodeAt(end - 1);
    if (end < s.length && end - at > 1 && last >= 0xd800 && last <= 0xdbff) end--;
    yield s.slice(at, end);
    at = end;
  }
}
