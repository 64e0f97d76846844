/**
 * UTF-32 (LE and BE), which WHATWG TextDecoder does not know: sniffing, a streaming decoder and the
 * damage survey. Some Windows editors and converters still offer "UTF-32" when a chat export is saved
 * again; such a file must read exactly as its UTF-8 twin.
 */

/** The two UTF-32 byte orders. */
export type Utf32Encoding = "utf-32le" | "utf-32be";

/**
 * UTF-32 without a BOM, told by the zero bytes of its code units: in the first 4096 bytes (at least two
 * units), every unit's top byte is 0 and the next at most 0x10 (no code point exceeds U+10FFFF) in
 * at least 99% of the units, and under 5% of them are U+0000. UTF-16 or 8-bit text cannot make that
 * pattern (in UTF-16LE ASCII text every other unit's third byte is a letter).
 */
export function sniffUtf32(head: Uint8Array): Utf32Encoding | undefined {
  const n = Math.min(head.length, 4096) & ~3;
  if (n < 8) return undefined;
  const units = n / 4;
  let le = 0, be = 0, leNul = 0, beNul = 0;
  for (let i = 0; i < n; i += 4) {
    const b0 = head[i]!, b1 = head[i + 1]!, b2 = head[i + 2]!, b3 = head[i + 3]!;
    if (b3 === 0 && b2 <= 0x10) {
      le++;
      if (b0 === 0 && b1 === 0 && b2 === 0) leNul++;
    }
    if (b0 === 0 && b1 <= 0x10) {
      be++;
      if (b1 === 0 && b2 === 0 && b3 === 0) beNul++;
    }
  }
  if (le >= units * 0.99 && leNul < units * 0.05) return "utf-32le";
  if (be >= units * 0.99 && beNul < units * 0.05) return "utf-32be";
  return undefined;
}

/** The code point of the 4 bytes at `i`, in the byte order given. */
const unitAt = (b: Uint8Array, i: number, be: boolean): number =>
  be ? ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0 : ((b[i + 3]! << 24) | (b[i + 2]! << 16) | (b[i + 1]! << 8) | b[i]!) >>> 0;

/** True for a unit that is no Unicode scalar value (beyond U+10FFFF, or a surrogate). */
const isInvalid = (cp: number): boolean => cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff);

/**
 * Decodes UTF-32 chunk by chunk, like `TextDecoder.decode(chunk, {stream: true})`: a unit cut by a
 * chunk's end is completed from the next chunk, a leading U+FEFF (the BOM) is dropped, every unit that
 * is no Unicode scalar value and an incomplete unit at the very end each become U+FFFD (counted in
 * {@link invalid}). Chunks may be reused buffers: nothing is kept from them but the cut unit's bytes.
 */
export class Utf32Decoder {
  /** Units read as U+FFFD so far. */
  invalid = 0;
  private readonly be: boolean;
  private readonly carry = new Uint8Array(4);
  private kept = 0;
  private started = false;
  private out = new Uint8Array(0);

  constructor(encoding: Utf32Encoding) {
    this.be = encoding === "utf-32be";
  }

  /** The text of `chunk` (and of the bytes held from the last one); `final` ends the stream. */
  decode(chunk: Uint8Array, final = false): string {
    // Bytes cut off at the end of the last chunk, completed from this one.
    let bytes = chunk;
    if (this.kept > 0) {
      const need = 4 - this.kept;
      if (chunk.length < need) {
        this.carry.set(chunk, this.kept);
        this.kept += chunk.length;
        return final ? this.finish("") : "";
      }
      this.carry.set(chunk.subarray(0, need), this.kept);
      bytes = chunk.subarray(need);
    }
    const whole = bytes.length & ~3;
    // Each unit gives at most two UTF-16 code units (4 bytes of UTF-16LE), plus one held unit.
    const room = whole + 4;
    if (this.out.length < room) this.out = new Uint8Array(room);
    const out = this.out;
    let o = 0;
    const put = (cp: number): void => {
      if (!this.started) {
        this.started = true;
        if (cp === 0xfeff) return;
      }
      if (isInvalid(cp)) {
        this.invalid++;
        cp = 0xfffd;
      }
      if (cp < 0x10000) {
        out[o++] = cp & 0xff;
        out[o++] = cp >>> 8;
      } else {
        const v = cp - 0x10000;
        const hi = 0xd800 + (v >>> 10), lo = 0xdc00 + (v & 0x3ff);
        out[o++] = hi & 0xff;
        out[o++] = hi >>> 8;
        out[o++] = lo & 0xff;
        out[o++] = lo >>> 8;
      }
    };
    if (this.kept > 0) {
      put(unitAt(this.carry, 0, this.be));
      this.kept = 0;
    }
    for (let i = 0; i < whole; i += 4) put(unitAt(bytes, i, this.be));
    if (whole < bytes.length) {
      this.carry.set(bytes.subarray(whole), 0);
      this.kept = bytes.length - whole;
    }
    const text = o === 0 ? "" : UTF16LE.decode(out.subarray(0, o));
    return final ? this.finish(text) : text;
  }

  /** Ends the stream: held bytes of an incomplete last unit become one U+FFFD. */
  private finish(text: string): string {
    if (this.kept === 0) return text;
    this.kept = 0;
    this.started = true;
    this.invalid++;
    return text + "\uFFFD";
  }
}

const UTF16LE = new TextDecoder("utf-16le", { ignoreBOM: true });

/** Where a UTF-32 input holds units that are no characters: how many, and on which lines (the first `keep`). */
export async function surveyUtf32(chunks: AsyncIterable<Uint8Array>, encoding: Utf32Encoding, keep: number): Promise<{ invalid: number; lines: number[] }> {
  const be = encoding === "utf-32be";
  const out = { invalid: 0, lines: [] as number[] };
  const held = new Uint8Array(4);
  let kept = 0;
  let line = 1;
  let lastCr = false;
  const unit = (cp: number): void => {
    if (cp === 0x0a) {
      if (!lastCr) line++;
      lastCr = false;
      return;
    }
    lastCr = cp === 0x0d;
    if (lastCr) line++;
    else if (isInvalid(cp)) {
      out.invalid++;
      if (out.lines.length < keep && out.lines[out.lines.length - 1] !== line) out.lines.push(line);
    }
  };
  for await (const chunk of chunks) {
    let i = 0;
    while (kept > 0 && i < chunk.length) {
      held[kept++] = chunk[i++]!;
      if (kept === 4) {
        unit(unitAt(held, 0, be));
        kept = 0;
      }
    }
    const end = i + ((chunk.length - i) & ~3);
    for (; i < end; i += 4) unit(unitAt(chunk, i, be));
    for (; i < chunk.length; i++) held[kept++] = chunk[i]!;
  }
  if (kept > 0) {
    out.invalid++;
    if (out.lines.length < keep && out.lines[out.lines.length - 1] !== line) out.lines.push(line);
  }
  return out;
}
