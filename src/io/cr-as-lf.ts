import type { InputSource } from "./source.js";

const CR = 13;
const LF = 10;

/**
 * The bytes of a chunk stream with every lone CR (one no LF follows) turned into LF: byte for byte, so
 * offsets and sizes stay those of the file. Chunks are copied (a source may reuse its buffers); a CR at
 * the end of a chunk waits for the next chunk's first byte.
 */
export async function* loneCrToLf(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncIterable<Uint8Array> {
  let pendingCr = false;
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    if (pendingCr) yield Uint8Array.of(chunk[0] === LF ? CR : LF);
    const out = new Uint8Array(chunk.length); // a copy: Buffer#slice would be a view of the source's bytes
    out.set(chunk);
    const last = out.length - 1;
    for (let i = out.indexOf(CR); i !== -1 && i < last; i = out.indexOf(CR, i + 1)) if (out[i + 1] !== LF) out[i] = LF;
    pendingCr = out[last] === CR;
    yield pendingCr ? out.subarray(0, last) : out;
  }
  if (pendingCr) yield Uint8Array.of(LF);
}

/**
 * A view of a text file whose lines end in lone CRs (classic Mac OS, some converters) as the same file
 * with LF line ends, for parsers that split lines at LF only (MIME). Byte offsets, line numbers counted
 * at LF and the size are those of the view, which are the file's own; the file is not changed.
 */
export function loneCrAsLfSource(source: InputSource): InputSource {
  const view: InputSource = {
    kind: "file",
    name: source.name,
    size: source.size,
    ...(source.parent ? { parent: source.parent } : {}),
    stream: () => loneCrToLf(source.stream()),
    async head(n: number) {
      // One byte more tells whether a CR at the end of the head is lone.
      const bytes = await source.head(n + 1);
      const out: Uint8Array[] = [];
      for await (const c of loneCrToLf([bytes])) out.push(c);
      return concat(out).subarray(0, Math.min(n, bytes.length));
    },
  };
  const range = source.range?.bind(source);
  if (range)
    view.range = async function* (start: number, end: number) {
      // One byte past the end decides a CR at the end; it is cut off again.
      let left = Math.max(0, end - start);
      for await (const c of loneCrToLf(range(start, Math.min(end + 1, source.size)))) {
        if (left <= 0) break;
        const piece = c.length > left ? c.subarray(0, left) : c;
        left -= piece.length;
        yield piece;
      }
    };
  return view;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}
