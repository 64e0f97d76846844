import { checkpointedView, type Checkpoint, type CheckpointedTransform } from "./checkpointed-view.js";
import type { InputSource } from "./source.js";
import type { Utf16Encoding } from "./utf16-damage.js";

/** UTF-16 units that are no characters (read as U+FFFD), counted over one whole pass of a view. */
export interface Utf16Damage {
  /** How many units (or a byte cut short at the end). */
  invalid: number;
  /** Byte offset in the file of the first one. */
  firstByte: number;
}

/**
 * UTF-16 bytes transcoded to UTF-8, chunk by chunk. A U+FEFF (the byte-order mark) is kept, so a file
 * saved from UTF-8 with a BOM comes back with the UTF-8 BOM it had. Each chunk is decoded up to its last
 * whole character; an odd byte or a high surrogate at its end waits for the next chunk, so `mark` is
 * told where a chunk starts in the view and in the file only when nothing waits. Units that are no
 * characters become U+FFFD and are told to `onDamage` (count, file offset of the first).
 */
export async function* utf16ToUtf8(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  encoding: Utf16Encoding,
  mark?: (at: Checkpoint) => void,
  start: Checkpoint = { view: 0, file: 0 },
  onDamage?: (invalid: number, firstByte: number) => void,
): AsyncIterable<Uint8Array> {
  const be = encoding === "utf-16be";
  // ignoreBOM: each decode call is a fresh one, and a BOM-dropping decoder would drop a U+FEFF at the start of every chunk.
  const decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
  const encoder = new TextEncoder();
  const convert = (bytes: Uint8Array, at: number): Uint8Array => {
    const text = decoder.decode(bytes);
    if (onDamage && text.includes("\uFFFD")) {
      const d = invalidUnits(bytes, be);
      if (d.invalid > 0) onDamage(d.invalid, at + d.firstByte);
    }
    return encoder.encode(text);
  };
  let carry: Uint8Array = new Uint8Array(0);
  let file = start.file;
  let view = start.view;
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    if (carry.length === 0) mark?.({ view, file });
    const buf = carry.length === 0 ? chunk : concat(carry, chunk);
    const at = file - carry.length;
    let whole = buf.length & ~1;
    if (whole >= 2 && isHigh(unitAt(buf, whole - 2, be))) whole -= 2;
    const out = convert(buf.subarray(0, whole), at);
    carry = buf.slice(whole); // a copy: the source may reuse its buffer
    file += chunk.length;
    view += out.length;
    if (out.length > 0) yield out;
  }
  if (carry.length > 0) yield convert(carry, file - carry.length);
}

/**
 * A UTF-16 file (Windows Notepad's "Unicode" re-save, little- or big-endian) seen as the UTF-8 file it
 * holds, for parsers that read bytes (MIME). Line numbers are the file's; offsets are the view's, mapped
 * back through checkpoints. `damage` tells the units that were no characters, as counted by the last
 * whole `stream()` pass (none before one ends).
 */
export function utf16AsUtf8Source(source: InputSource, encoding: Utf16Encoding): { source: InputSource; damage(): Utf16Damage | undefined } {
  let damage: Utf16Damage | undefined;
  const transform: CheckpointedTransform = (chunks, mark, start) => {
    if (!mark) return utf16ToUtf8(chunks, encoding, undefined, start); // a range: not a whole pass
    return (async function* () {
      let seen: Utf16Damage | undefined;
      yield* utf16ToUtf8(chunks, encoding, mark, start, (invalid, firstByte) => {
        seen = seen ? { invalid: seen.invalid + invalid, firstByte: seen.firstByte } : { invalid, firstByte };
      });
      damage = seen;
    })();
  };
  // A UTF-16 unit (2 bytes) becomes at most 3 UTF-8 bytes, a lone last byte U+FFFD (3 bytes).
  return { source: checkpointedView(source, transform, Math.ceil(source.size / 2) * 3), damage: () => damage };
}

function unitAt(b: Uint8Array, i: number, be: boolean): number {
  return be ? (b[i]! << 8) | b[i + 1]! : b[i]! | (b[i + 1]! << 8);
}

function isHigh(u: number): boolean {
  return u >= 0xd800 && u <= 0xdbff;
}

/** Units of `b` that are no characters: unpaired surrogates, and a last odd byte. */
function invalidUnits(b: Uint8Array, be: boolean): { invalid: number; firstByte: number } {
  let invalid = 0;
  let firstByte = -1;
  const bad = (at: number) => {
    if (invalid++ === 0) firstByte = at;
  };
  let i = 0;
  for (; i + 1 < b.length; i += 2) {
    const u = unitAt(b, i, be);
    if (isHigh(u)) {
      const next = i + 3 < b.length ? unitAt(b, i + 2, be) : -1;
      if (next >= 0xdc00 && next <= 0xdfff) i += 2;
      else bad(i);
    } else if (u >= 0xdc00 && u <= 0xdfff) bad(i);
  }
  if (i < b.length) bad(i);
  return { invalid, firstByte };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const all = new Uint8Array(a.length + b.length);
  all.set(a);
  all.set(b, a.length);
  return all;
}
