import type { Place } from "../../src/model/schema.js";
import type { ReadContext } from "../../src/plugin/types.js";
import { bytesToText, DecompressError, isZstd } from "../wechat-shared/compression.js";
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
      return { text: bytesToText(zstd(bytes)) };
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
  return { text: bytesToText(bytes) };
}
