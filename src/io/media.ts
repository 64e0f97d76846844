import type { InputSource } from "./source.js";

/**
 * Hands out the bytes behind attachment paths a reader recorded, for media that lives inside the input
 * (an image part of an MHT, a member of a container) rather than as a file beside it. A reader registers
 * one through `ReadContext.provideMedia`; writers reach it through `WriteContext.openAttachment`, and the
 * pipeline uses it to write the media beside the output.
 */
export interface MediaStore {
  /**
   * The decoded bytes of the attachment recorded under `path` (e.g. `mht:{GUID}.dat`), or undefined
   * when this store does not hold that path. Each `stream()` of the result starts from the beginning.
   */
  open(path: string): Promise<InputSource | undefined>;
}

/** File extensions for the media types chatport writes out, the part's own type when known. */
const EXTENSIONS: Record<string, string> = {
  "image/png": ".png",
  "image/jpeg": ".jpg",
  "image/jpg": ".jpg",
  "image/gif": ".gif",
  "image/bmp": ".bmp",
  "image/webp": ".webp",
  "image/tiff": ".tif",
  "image/x-icon": ".ico",
  "audio/amr": ".amr",
  "audio/silk": ".silk",
  "audio/mpeg": ".mp3",
  "video/mp4": ".mp4",
};

/** The file extension for a media type (".bin" when unknown). */
export function extensionFor(mediaType: string | undefined): string {
  return (mediaType && EXTENSIONS[mediaType.toLowerCase()]) || ".bin";
}

/**
 * The media type announced by a file's first bytes (PNG, JPEG, GIF, BMP, WebP), or undefined. Used to
 * check a container's declared Content-Type against the bytes it holds.
 */
export function sniffMediaType(head: Uint8Array): string | undefined {
  const b = head;
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return "image/png";
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (b.length >= 6 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return "image/gif";
  if (b.length >= 2 && b[0] === 0x42 && b[1] === 0x4d) return "image/bmp";
  if (b.length >= 12 && b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50)
    return "image/webp";
  return undefined;
}
