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
