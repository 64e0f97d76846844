/**
 * First pass over an MHT: index every part without keeping any body. HTML parts get their text
 * encoding decided (BOM, declared charset, else strict UTF-8 over the whole part, else GB18030); media
 * parts get their decoded size, SHA-256, sniffed type and byte range, so messages read in the second
 * pass can name their images' hashes although the image parts come after the HTML in the file.
 */
import { createHash } from "node:crypto";
import { sniffMediaType } from "../../src/io/media.js";
import type { InputSource } from "../../src/io/source.js";
import type { ReadContext } from "../../src/plugin/types.js";
import { partDecoder, walkContainer, type PartDecoder, type PartHead } from "./container.js";

/** Text encodings an HTML part can be decoded with. */
export type HtmlEncoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

/** An HTML part and how to decode it. */
export interface HtmlPart {
  head: PartHead;
  encoding: HtmlEncoding;
  /** True when strict UTF-8 failed and GB18030 was chosen (reported as `encoding-fallback`). */
  fallback: boolean;
}

/** A media part (an image, normally), ready to be named by messages and fetched later. */
export interface MediaPart {
  head: PartHead;
  /** Content-Location, the key `<IMG src>` refers to. */
  location?: string;
  /** Declared media type (Content-Type). */
  declaredType: string;
  /** Type the first bytes announce, when recognisable. */
  sniffedType?: string;
  /** Decoded size in bytes and SHA-256 of the decoded bytes. */
  bytes: number;
  sha256: string;
  /** Byte range of the encoded body in the file. */
  bodyEnd: number;
  /** True when the file ends inside this part (no closing boundary after it). */
  truncated: boolean;
  /** Set in the second pass when a message refers to it. */
  referenced: boolean;
}

/** Everything the first pass learnt. */
export interface MhtIndex {
  rootType: string;
  boundary?: string;
  html: Map<number, HtmlPart>;
  /** Media parts by Content-Location exactly as written. */
  media: Map<string, MediaPart>;
  /** Media parts by lower-cased Content-Location (fallback lookup: GUID case varies, formats-cn.md §2.1). */
  mediaFolded: Map<string, MediaPart>;
  /** Parts that are neither HTML nor media with a location (kept for reporting). */
  other: MediaPart[];
  /** The closing boundary was seen. */
  closed: boolean;
  parts: number;
  bytes: number;
}

/** Transfer encodings that leave the text's bytes as they are. */
export const IDENTITY = new Set(["", "7bit", "8bit", "binary"]);

const GB_CHARSETS = /^(gb2312|gbk|gb18030|x-gbk|cp936|windows-936|euc-cn)$/;

function isMediaType(t: string): boolean {
  return /^(image|audio|video)\//.test(t) || t === "application/octet-stream";
}

/** Options of {@link indexParts}. */
export interface IndexOptions {
  /**
   * The file was UTF-16 and is read transcoded to UTF-8: an HTML part without a transfer encoding is
   * UTF-8 now, whatever charset it declares (the editor that re-saved it decoded that charset).
   */
  transcoded?: boolean;
}

/** Runs the first pass. Reports container-level findings (stray text, duplicate locations, truncation). */
export async function indexParts(source: InputSource, ctx: ReadContext, options: IndexOptions = {}): Promise<MhtIndex> {
  const index: MhtIndex = { rootType: "", html: new Map(), media: new Map(), mediaFolded: new Map(), other: [], closed: false, parts: 0, bytes: 0 };
  let decoder: PartDecoder | undefined;
  let utf8: InstanceType<typeof TextDecoder> | undefined;
  let utf8Ok = true;
  let firstBytes: Buffer[] = [];
  let firstLen = 0;
  let hash: ReturnType<typeof createHash> | undefined;
  let size = 0;
  let lastMedia: MediaPart | undefined;

  const feed = (part: PartHead, data: Buffer[]) => {
    for (const b of data) {
      if (firstLen < 16) {
        firstBytes.push(b);
        firstLen += b.length;
      }
      if (isHtml(part)) {
        if (utf8Ok && utf8) {
          try {
            utf8.decode(b, { stream: true });
          } catch {
            utf8Ok = false;
          }
        }
      } else {
        hash!.update(b);
        size += b.length;
      }
    }
  };

  for await (const ev of walkContainer(source)) {
    switch (ev.type) {
      case "root":
        index.rootType = ev.contentType;
        if (ev.boundary) index.boundary = ev.boundary;
        break;
      case "part":
        index.parts++;
        decoder = partDecoder(ev.node);
        utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
        utf8Ok = true;
        firstBytes = [];
        firstLen = 0;
        hash = createHash("sha256");
        size = 0;
        break;
      case "body":
        feed(ev.part, decoder!.write(ev.raw));
        break;
      case "part-end": {
        const part = ev.part;
        feed(part, await decoder!.end());
        const first = Buffer.concat(firstBytes).subarray(0, 16);
        if (isHtml(part)) {
          if (utf8Ok && utf8) {
            try {
              utf8.decode();
            } catch {
              utf8Ok = false;
            }
          }
          index.html.set(
            part.no,
            options.transcoded && IDENTITY.has(part.encoding) ? { head: part, encoding: "utf-8", fallback: false } : decideEncoding(part, first, utf8Ok, ctx, source.name),
          );
          lastMedia = undefined;
          break;
        }
        const sniffed = sniffMediaType(first);
        // Declared an image, but its bytes start like none (base64 that decodes to junk, a wrong part):
        // kept as written, and said so before a viewer shows a broken picture.
        if (!sniffed && part.contentType.startsWith("image/") && size > 0)
          ctx.report("malformed-payload", {
            message: `Part ${part.no}${part.location ? ` (${part.location})` : ""} is declared ${part.contentType} but its ${size} bytes start like no image format (${first.subarray(0, 8).toString("hex")}…); kept as written.`,
            file: source.name,
            place: { line: part.headerLine },
          });
        const media: MediaPart = {
          head: part,
          ...(part.location !== undefined ? { location: part.location } : {}),
          declaredType: part.contentType,
          ...(sniffed ? { sniffedType: sniffed } : {}),
          bytes: size,
          sha256: hash!.digest("hex"),
          bodyEnd: ev.bodyEnd,
          truncated: false,
          referenced: false,
        };
        lastMedia = media;
        if (part.location === undefined || !(isMediaType(part.contentType) || part.contentType === "")) {
          index.other.push(media);
          break;
        }
        if (index.media.has(part.location)) {
          ctx.report("duplicate-id", {
            message: `Part ${part.no} repeats Content-Location ${part.location}; messages refer to the first part with that name.`,
            file: source.name,
            place: { line: part.headerLine },
            raw: part.headerText.replace(/\r\n/g, "\n").trim(),
          });
          index.other.push(media);
          break;
        }
        index.media.set(part.location, media);
        const folded = part.location.toLowerCase();
        if (!index.mediaFolded.has(folded)) index.mediaFolded.set(folded, media);
        break;
      }
      case "between": {
        const stray = strayText(ev.raw.toString("utf8"), index.boundary);
        if (stray)
          ctx.report("unrecognized-record", {
            message: "Text between MIME parts that is neither a boundary nor blank; not part of any message.",
            file: source.name,
            place: { line: ev.line },
            raw: stray,
          });
        break;
      }
      case "end":
        index.closed = ev.closed;
        index.bytes = ev.bytes;
        if (!ev.closed) {
          if (lastMedia) lastMedia.truncated = true;
          ctx.report("truncated-input", {
            message: `${source.name} ends without the closing MIME boundary; the last part may be cut short${lastMedia?.location ? ` (${lastMedia.location})` : ""}.`,
            file: source.name,
            place: { line: ev.lines },
          });
        }
        break;
    }
  }
  return index;
}

/** True for a part whose body is the chat's HTML. */
export function isHtml(part: PartHead): boolean {
  return part.contentType === "text/html" || (part.root && part.contentType === "");
}

/** Text between parts minus boundary lines and blank lines, or "" when nothing else is there. */
function strayText(text: string, boundary: string | undefined): string {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "" && !(boundary && l.trim().startsWith(`--${boundary}`)))
    .join("\n");
}

/**
 * The text encoding of an HTML part: a BOM wins; a declared GB charset is honoured; otherwise UTF-8
 * when the whole part is valid UTF-8 (the exporter writes raw UTF-8 under a false "7bit", §2.1),
 * else GB18030, reported.
 */
function decideEncoding(part: PartHead, first: Buffer, utf8Ok: boolean, ctx: ReadContext, file: string): HtmlPart {
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) return { head: part, encoding: "utf-8", fallback: false };
  if (first[0] === 0xff && first[1] === 0xfe) return { head: part, encoding: "utf-16le", fallback: false };
  if (first[0] === 0xfe && first[1] === 0xff) return { head: part, encoding: "utf-16be", fallback: false };
  if (part.charset && GB_CHARSETS.test(part.charset)) return { head: part, encoding: "gb18030", fallback: false };
  if (utf8Ok) return { head: part, encoding: "utf-8", fallback: false };
  ctx.report("encoding-fallback", {
    message: `The HTML part of ${file} (part ${part.no}) is not valid UTF-8; decoded as GB18030 (the Chinese Windows code page).`,
    file,
    place: { line: part.bodyLine },
  });
  return { head: part, encoding: "gb18030", fallback: true };
}
