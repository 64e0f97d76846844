import { ChatportError, unreadableInputError } from "../diagnostics/errors.js";
import type { FileDigest } from "../io/hash-memo.js";
import { hashSource } from "../io/hash.js";
import type { InputSource } from "../io/source.js";
import type { Place } from "../model/schema.js";
import type { ReadContext } from "./types.js";

/**
 * SHA-256 and size of a media file a message names, or undefined when its bytes cannot be read (a zip
 * member with a bad CRC or corrupt deflate data, a file without read permission, a disk error): that is
 * reported as `attachment-unreadable` and the reader keeps the attachment `missing`. One damaged photo
 * must not stop the conversion of the whole chat; other errors still do.
 */
export async function mediaDigest(src: InputSource, ctx: Pick<ReadContext, "report">, file: string, place?: Place): Promise<FileDigest | undefined> {
  try {
    return await hashSource(src);
  } catch (e) {
    const why = e instanceof ChatportError && (e.kind === "input-damaged" || e.kind === "input-unreadable") ? e : unreadableInputError(e);
    if (!why) throw e;
    ctx.report("attachment-unreadable", {
      message: `${why.message} The message keeps this attachment as missing.`,
      file,
      ...(place ? { place } : {}),
      raw: src.name,
    });
    return undefined;
  }
}
