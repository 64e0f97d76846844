import type { Place } from "../../src/model/schema.js";
import type { ReadContext } from "../../src/plugin/types.js";
import { bytesToText, DecompressError, isInvalidUtf8, isZstd } from "../wechat-shared/compression.js";
import { toHex } from "../wechat-shared/protobuf.js";

/**
 * `message_content` read as a BLOB: zstd when it starts with 28 B5 2F FD (`WCDB_CT_message_content` = 4),
 * else UTF-8 text (formats-cn.md §6). Damaged zstd, or CT = 4 without the magic, is reported and the bytes
 * kept as hex.
 */
export function decodeContent(
  bytes: Buffer | string | null,
  ct: bigint | null,
  zstd: (b: Uint8Array) => Uint8Array,
  ctx: ReadContext,
  file: string,
  place: Place,
): { text: string; hex?: string } {
  if (bytes === null) return { text: "" };
  if (typeof bytes === "string") return { text: bytes };
  if (isZstd(bytes)) {
    try {
      const plain = zstd(bytes);
      return { text: checked(bytesToText(plain), plain, ctx, file, place) };
    } catch (e) {
      if (!(e instanceof DecompressError)) throw e;
      ctx.report("malformed-payload", { message: `message_content is damaged zstd (${e.message}); kept as hex in extra.`, file, place, raw: toHex(bytes) });
      return { text: "", hex: toHex(bytes) };
    }
  }
  if (ct !== null && ct !== 0n) {
    ctx.report("malformed-payload", {
      message: `message_content is marked compressed (WCDB_CT_message_content = ${ct}) but is not zstd; kept as hex in extra.`,
      file, place, raw: toHex(bytes),
    });
    return { text: "", hex: toHex(bytes) };
  }
  return { text: checked(bytesToText(bytes), bytes, ctx, file, place) };
}

/** `text` decoded from `bytes`; reports `encoding-replacement` when its U+FFFD stand for bytes that are not UTF-8 (the text is kept). */
function checked(text: string, bytes: Uint8Array, ctx: ReadContext, file: string, place: Place): string {
  if (text.includes("\uFFFD") && isInvalidUtf8(bytes))
    ctx.report("encoding-replacement", { message: "message_content is not valid UTF-8; the bad bytes read as U+FFFD (text kept, the bytes as raw).", file, place, raw: toHex(bytes) });
  return text;
}
