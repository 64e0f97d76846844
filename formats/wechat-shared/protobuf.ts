/**
 * A tiny protobuf wire-format walker for the schemaless blobs WeChat stores (PC 3.x `BytesExtra`,
 * `RoomData`, 4.x `packed_info_data`, iOS `dbContact*`). Hand-written instead of a library: these blobs
 * have no published .proto, we need only "field N as varint / bytes / string", and a walker that stops
 * cleanly on damaged input is a few dozen lines.
 */

/** One field of a protobuf message: varints as bigint, length-delimited as bytes. */
export interface ProtoField {
  field: number;
  wire: 0 | 1 | 2 | 5;
  /** Set for wire types 0 (varint), 1 (fixed64) and 5 (fixed32). */
  int?: bigint;
  /** Set for wire type 2 (length-delimited: string, bytes or an embedded message). */
  bytes?: Uint8Array;
}

/** Thrown (and caught by callers) when a blob is not valid protobuf wire format. */
export class ProtoError extends Error {}

function readVarint(buf: Uint8Array, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) throw new ProtoError("varint runs past the end");
    const b = buf[pos++]!;
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7n;
  }
  throw new ProtoError("varint longer than 10 bytes");
}

/** Decodes one message level into its fields, in order. Throws {@link ProtoError} on damaged input. */
export function decodeProto(buf: Uint8Array): ProtoField[] {
  const out: ProtoField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, p1] = readVarint(buf, pos);
    pos = p1;
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (field === 0) throw new ProtoError("field number 0");
    if (wire === 0) {
      const [v, p2] = readVarint(buf, pos);
      pos = p2;
      out.push({ field, wire: 0, int: v });
    } else if (wire === 2) {
      const [len, p2] = readVarint(buf, pos);
      const end = p2 + Number(len);
      if (len > BigInt(buf.length) || end > buf.length) throw new ProtoError("length-delimited field runs past the end");
      out.push({ field, wire: 2, bytes: buf.subarray(p2, end) });
      pos = end;
    } else if (wire === 1 || wire === 5) {
      const n = wire === 1 ? 8 : 4;
      if (pos + n > buf.length) throw new ProtoError("fixed field runs past the end");
      let v = 0n;
      for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(buf[pos + i]!);
      out.push({ field, wire, int: v });
      pos += n;
    } else throw new ProtoError(`unsupported wire type ${wire}`);
  }
  return out;
}

const utf8 = new TextDecoder("utf-8");

/** A length-delimited field's bytes as UTF-8 text (invalid sequences become U+FFFD). */
export function protoString(f: ProtoField | undefined): string | undefined {
  return f?.bytes ? utf8.decode(f.bytes) : undefined;
}

/** The first field with this number. */
export function protoGet(fields: ProtoField[], n: number): ProtoField | undefined {
  return fields.find((f) => f.field === n);
}

/** Hex of bytes, for keeping a blob that could not be decoded. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}
