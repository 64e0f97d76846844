/**
 * A cell of a column meant for bytes (protobuf, LZ4, zstd), as bytes: SQLite keeps whatever was stored,
 * so a BLOB column may hold TEXT or a number (a damaged or hand-edited database). A BLOB is taken as it
 * is, TEXT as its UTF-8, a number as its decimal text; the decoder then reads or refuses those bytes,
 * and the reader reports them like any undecodable blob. NULL and empty cells give undefined.
 */
export function cellBytes(v: unknown): Buffer | undefined {
  if (v === null || v === undefined) return undefined;
  const b = Buffer.isBuffer(v) ? v : v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : Buffer.from(String(v), "utf8");
  return b.length ? b : undefined;
}
