/**
 * The media store of an MHT: hands out the decoded bytes of an image part named `mht:{GUID}.dat`,
 * reading only that part's byte range of the file (recorded by the first pass) and decoding it with the
 * same transfer decoder, so the bytes hash to the SHA-256 the message carries.
 */
import type { MediaStore } from "../../src/io/media.js";
import { readRange, type InputSource } from "../../src/io/source.js";
import { decodeBody } from "./container.js";
import type { MediaPart, MhtIndex } from "./index-parts.js";

/** The path prefix of attachments whose bytes live inside the MHT. */
export const MHT_PATH_PREFIX = "mht:";

/** A store over the indexed parts of `source`. */
export function mhtMediaStore(source: InputSource, index: MhtIndex): MediaStore {
  return {
    async open(path) {
      if (!path.startsWith(MHT_PATH_PREFIX)) return undefined;
      const loc = path.slice(MHT_PATH_PREFIX.length);
      const part = index.media.get(loc) ?? index.mediaFolded.get(loc.toLowerCase());
      return part ? partSource(source, part) : undefined;
    },
  };
}

/** One media part as an input source of its decoded bytes. */
export function partSource(source: InputSource, part: MediaPart): InputSource {
  const stream = () => decodeBody(part.head.encoding, readRange(source, part.head.bodyOffset, part.bodyEnd));
  return {
    kind: "file",
    name: part.location ?? `part-${part.head.no}`,
    size: part.bytes,
    stream,
    async head(n: number) {
      const out: Buffer[] = [];
      let got = 0;
      for await (const b of stream()) {
        out.push(b);
        got += b.length;
        if (got >= n) break;
      }
      return Buffer.concat(out).subarray(0, n);
    },
  };
}
