/**
 * Works around a data-loss bug of @streamparser/json 0.0.26: its tokenizer decodes string bytes with
 * `new TextDecoder("utf-8", { fatal: true })`, whose default `ignoreBOM: false` drops EF BB BF at the
 * start of every decode call. Each run of a JSON string (and each `\uXXXX` escape) is decoded
 * separately, so U+FEFF (zero-width no-break space) vanished from strings wherever a run started with
 * it, literal or escaped. This swaps that decoder for one that keeps it. Call it on every Tokenizer
 * (or `JSONParser.tokenizer`) right after construction; the regression test
 * "streamparser drops U+FEFF inside strings" fails if the library's internals change.
 */
export function keepFeff<T extends object>(tokenizer: T): T {
  const builder = (tokenizer as { bufferedString?: { decoder?: unknown } }).bufferedString;
  if (builder && builder.decoder instanceof TextDecoder) builder.decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  return tokenizer;
}

/**
 * True when a parsed JSON value nests deeper than `limit` arrays/objects. Iterative, so it is safe on
 * hostile input where recursive code (JSON.stringify, mappers, zod) would overflow the stack.
 */
export function exceedsDepth(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (d + 1 > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === "object") stack.push([child, d + 1]);
  }
  return false;
}
