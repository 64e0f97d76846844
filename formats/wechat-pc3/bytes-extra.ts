import { ProtoError, decodeProto, protoGet, protoString } from "../wechat-shared/protobuf.js";

/** What a PC 3.x `BytesExtra` blob says about its message. */
export interface BytesExtraInfo {
  /** Item type 1: the sender's username in a group. */
  sender?: string;
  /** Item type 3: thumbnail path (`FileStorage\…`). */
  thumb?: string;
  /** Item type 4: the media file path (`FileStorage\…`). */
  file?: string;
  /** Other items as `type: value`, kept in extra. */
  others: Record<string, string>;
}

/**
 * Decodes BytesExtra: field 1 = header, field 3 = repeated item { 1: int type, 2: string value }
 * (formats-cn.md §5.2; three tools agree). Throws a ProtoError on damaged bytes.
 */
export function decodeBytesExtra(blob: Uint8Array): BytesExtraInfo {
  return fastBytesExtra(blob) ?? decodeBytesExtraGeneral(blob);
}

const utf8 = new TextDecoder("utf-8");

/** A varint below 2^28 at `pos` as [value, next]; undefined when longer or cut (the general path decides). */
function smallVarint(b: Uint8Array, pos: number, end: number): number {
  let v = 0;
  for (let shift = 0; shift < 28; shift += 7) {
    if (pos >= end) return -1;
    const x = b[pos++]!;
    v |= (x & 0x7f) << shift;
    if ((x & 0x80) === 0) {
      lastPos = pos;
      return v;
    }
  }
  return -1;
}
let lastPos = 0;

/**
 * The usual BytesExtra (small varints, item = {1: type, 2: string}) read without building field lists or
 * bigints; undefined for anything else — the general decoder then reads it (and reports damage) as before.
 */
function fastBytesExtra(blob: Uint8Array, length = blob.length): BytesExtraInfo | undefined {
  // Made at the first item: a blob with none (most rows of a one-to-one chat) shares NO_ITEMS.
  let info: BytesExtraInfo | undefined;
  let pos = 0;
  while (pos < length) {
    const key = smallVarint(blob, pos, length);
    if (key < 0) return undefined;
    pos = lastPos;
    const field = key >>> 3, wire = key & 7;
    if (field === 0) return undefined;
    if (wire === 0) {
      if (smallVarint(blob, pos, length) < 0) return undefined;
      pos = lastPos;
      continue;
    }
    if (wire !== 2) return undefined;
    const len = smallVarint(blob, pos, length);
    if (len < 0) return undefined;
    const start = lastPos, end = start + len;
    if (end > length) return undefined;
    pos = end;
    if (field !== 3) continue;
    // item: {1: varint type, 2: bytes value}, each once, in any order; anything else → general path.
    let type = -1, vs = -1, ve = -1, p = start;
    while (p < end) {
      const k = smallVarint(blob, p, length);
      if (k < 0 || lastPos > end) return undefined;
      p = lastPos;
      if (k === 8 && type < 0) {
        type = smallVarint(blob, p, length);
        if (type < 0 || lastPos > end) return undefined;
        p = lastPos;
      } else if (k === 18 && vs < 0) {
        const l = smallVarint(blob, p, length);
        if (l < 0 || lastPos + l > end) return undefined;
        vs = lastPos;
        ve = lastPos + l;
        p = ve;
      } else return undefined;
    }
    if (type < 0 || vs < 0) continue;
    const value = utf8.decode(blob.subarray(vs, ve));
    info ??= { others: {} };
    if (type === 1 && info.sender === undefined) info.sender = value;
    else if (type === 3 && info.thumb === undefined) info.thumb = value;
    else if (type === 4 && info.file === undefined) info.file = value;
    else info.others[String(type)] = value;
  }
  return info ?? NO_ITEMS;
}

/** The answer for a blob without items (frozen: shared by every such row). */
const NO_ITEMS: BytesExtraInfo = Object.freeze({ others: Object.freeze({}) as Record<string, string> });

const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) HEX["0123456789abcdef".charCodeAt(i)] = HEX["0123456789ABCDEF".charCodeAt(i)] = i;
let scratch = new Uint8Array(256);

/**
 * {@link decodeBytesExtra}'s fast path on SQLite's `hex(BytesExtra)`: the bytes are unpacked into a
 * reused buffer (no Buffer per row). Undefined when the text is not hex or the blob not the usual shape:
 * the caller then decodes `Buffer.from(hex, "hex")` as before.
 */
export function fastBytesExtraHex(hex: string): BytesExtraInfo | undefined {
  const n = hex.length >> 1;
  if (n * 2 !== hex.length) return undefined;
  if (scratch.length < n) scratch = new Uint8Array(Math.max(n, scratch.length * 2));
  for (let i = 0; i < n; i++) {
    const a = hex.charCodeAt(2 * i), b = hex.charCodeAt(2 * i + 1);
    const h = a < 128 ? HEX[a]! : -1, l = b < 128 ? HEX[b]! : -1;
    if (h < 0 || l < 0) return undefined;
    scratch[i] = (h << 4) | l;
  }
  return fastBytesExtra(scratch, n);
}

/** The general decoder (bigint varints, any wire type); throws a ProtoError on damaged bytes. */
export function decodeBytesExtraGeneral(blob: Uint8Array): BytesExtraInfo {
  const info: BytesExtraInfo = { others: {} };
  for (const f of decodeProto(blob)) {
    if (f.field !== 3 || !f.bytes) continue;
    const item = decodeProto(f.bytes);
    const type = protoGet(item, 1)?.int;
    const value = protoString(protoGet(item, 2));
    if (type === undefined || value === undefined) continue;
    if (type === 1n && info.sender === undefined) info.sender = value;
    else if (type === 3n && info.thumb === undefined) info.thumb = value;
    else if (type === 4n && info.file === undefined) info.file = value;
    else info.others[String(type)] = value;
  }
  return info;
}

export { ProtoError };
