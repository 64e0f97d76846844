/**
 * Where UTF-16 input holds units that are no characters: a high surrogate not followed by a low one, a
 * low one with no high one before it, or an odd byte at the end. TextDecoder reads each as U+FFFD
 * without a word; UTF-8 and UTF-32 damage was reported, UTF-16 damage (an emoji cut in half by an editor
 * or a truncated copy) was not.
 */
export type Utf16Encoding = "utf-16le" | "utf-16be";

/** Checks UTF-16 bytes chunk by chunk (a unit or a surrogate pair may straddle two chunks). */
export class Utf16Checker {
  /** Units that are no characters, so far. */
  invalid = 0;
  /** The line (1-based; LF, CRLF and lone CR each end one) of the last unit seen. */
  line = 1;
  /** Lines holding invalid units, the first `keep` of them. */
  readonly lines: number[] = [];
  private odd = -1;
  private highPending = false;
  private lastCr = false;
  private readonly be: boolean;

  constructor(
    encoding: Utf16Encoding,
    private readonly keep = 0,
  ) {
    this.be = encoding === "utf-16be";
  }

  /** Takes the next bytes; returns how many invalid units they completed. */
  push(chunk: Uint8Array): number {
    const before = this.invalid;
    let i = 0;
    if (this.odd >= 0 && chunk.length > 0) {
      this.unit(this.be ? (this.odd << 8) | chunk[0]! : this.odd | (chunk[0]! << 8));
      this.odd = -1;
      i = 1;
    }
    const end = i + ((chunk.length - i) & ~1);
    const be = this.be;
    for (; i < end; i += 2) this.unit(be ? (chunk[i]! << 8) | chunk[i + 1]! : chunk[i]! | (chunk[i + 1]! << 8));
    if (i < chunk.length) this.odd = chunk[i]!;
    return this.invalid - before;
  }

  /** Ends the input: a high surrogate or a single byte left over is invalid. Returns how many. */
  end(): number {
    const before = this.invalid;
    if (this.highPending) this.bad();
    this.highPending = false;
    if (this.odd >= 0) this.bad();
    this.odd = -1;
    return this.invalid - before;
  }

  private unit(u: number): void {
    if (u >= 0xdc00 && u <= 0xdfff) {
      if (this.highPending) this.highPending = false;
      else this.bad();
      this.lastCr = false;
      return;
    }
    if (this.highPending) {
      this.highPending = false;
      this.bad();
    }
    if (u >= 0xd800 && u <= 0xdbff) {
      this.highPending = true;
      this.lastCr = false;
      return;
    }
    if (u === 0x0a) {
      if (!this.lastCr) this.line++;
      this.lastCr = false;
      return;
    }
    this.lastCr = u === 0x0d;
    if (this.lastCr) this.line++;
  }

  private bad(): void {
    this.invalid++;
    if (this.lines.length < this.keep && this.lines[this.lines.length - 1] !== this.line) this.lines.push(this.line);
  }
}

/** One pass over UTF-16 bytes: the units that are no characters and the first `keep` lines holding them. */
export async function surveyUtf16(chunks: AsyncIterable<Uint8Array>, encoding: Utf16Encoding, keep: number): Promise<{ invalid: number; lines: number[] }> {
  const c = new Utf16Checker(encoding, keep);
  for await (const chunk of chunks) c.push(chunk);
  c.end();
  return { invalid: c.invalid, lines: c.lines };
}
