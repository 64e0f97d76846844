import type protobufModule from "protobufjs/minimal.js";

// protobufjs is loaded when a QQNT database is read (loadProtobuf), not when chatport starts: most
// conversions never need it, and every module loaded up front stays in the process's memory.
let Reader: typeof protobufModule.Reader | undefined;

/** Loads protobufjs once; {@link decodeFields} needs it. */
export async function loadProtobuf(): Promise<void> {
  Reader ??= (await import("protobufjs/minimal.js")).default.Reader;
}

/**
 * A schema-less view of a protobuf message: every field as (number, wire type, value), in wire order.
 * QQNT bodies are decoded this way (protobufjs' Reader, no .proto) because the field set is known only
 * from community reverse engineering (formats-cn.md §3.4): what this reader understands is picked out
 * by number, and everything else stays reachable (unknown elements are kept as hex).
 */
export interface PbField {
  no: number;
  /** 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32. */
  wire: number;
  /** Varints and fixed64 as decimal strings (64-bit safe), fixed32 as number, bytes as bytes. */
  value: string | number | Uint8Array;
}

/** Decodes one message level. Throws on malformed input (callers report `malformed-payload`). */
export function decodeFields(buf: Uint8Array): PbField[] {
  if (!Reader) throw new Error("protobufjs is not loaded (call loadProtobuf first)");
  const r = Reader.create(buf);
  const out: PbField[] = [];
  while (r.pos < r.len) {
    const tag = r.uint32();
    const no = tag >>> 3;
    const wire = tag & 7;
    if (no === 0) throw new Error(`field number 0 at byte ${r.pos}`);
    switch (wire) {
      case 0:
        out.push({ no, wire, value: r.uint64().toString() });
        break;
      case 1:
        out.push({ no, wire, value: r.fixed64().toString() });
        break;
      case 2:
        out.push({ no, wire, value: r.bytes() });
        break;
      case 5:
        out.push({ no, wire, value: r.fixed32() });
        break;
      default:
        throw new Error(`unsupported wire type ${wire} for field ${no}`);
    }
  }
  return out;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The first field `no` as UTF-8 text (undefined when absent or not valid UTF-8). */
export function pbString(fields: PbField[], no: number): string | undefined {
  const f = fields.find((x) => x.no === no && x.wire === 2);
  if (!f) return undefined;
  try {
    return utf8.decode(f.value as Uint8Array);
  } catch {
    return undefined;
  }
}

/** The first field `no` as an unsigned integer in decimal (64-bit safe). */
export function pbUint(fields: PbField[], no: number): string | undefined {
  const f = fields.find((x) => x.no === no && (x.wire === 0 || x.wire === 1 || x.wire === 5));
  return f === undefined ? undefined : String(f.value);
}

/** The first field `no` as a small number (sizes, types, seconds). */
export function pbNumber(fields: PbField[], no: number): number | undefined {
  const v = pbUint(fields, no);
  return v === undefined ? undefined : Number(v);
}

/** Every length-delimited field `no` as bytes. */
export function pbBytesAll(fields: PbField[], no: number): Uint8Array[] {
  return fields.filter((x) => x.no === no && x.wire === 2).map((x) => x.value as Uint8Array);
}

/** The first length-delimited field `no` as bytes. */
export function pbBytes(fields: PbField[], no: number): Uint8Array | undefined {
  return pbBytesAll(fields, no)[0];
}

/** Lower-case hex of bytes. */
export function hex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");
}
