/**
 * The MIME container of a QQ MHT export (formats-cn.md §2.1), streamed with mailsplit: parts, their
 * headers, their byte ranges and line numbers, and their bodies as chunks. Nothing is buffered beyond
 * one chunk, so a file of any size walks in flat memory.
 */
import { Readable } from "node:stream";
import type { MimeNode, SplitterChunk } from "@zone-eu/mailsplit";
import { ChatportError } from "../../src/diagnostics/errors.js";

/** One leaf part of the container, as its header block describes it. */
export interface PartHead {
  /** 1-based number of the leaf part in file order. */
  no: number;
  /** Lower-case media type, "" when the part has no Content-Type. */
  contentType: string;
  /** Lower-case `charset` parameter, when given. */
  charset?: string;
  /** Lower-case Content-Transfer-Encoding, "" when absent. */
  encoding: string;
  /** Content-Location exactly as written (`{GUID}.dat`), when given. */
  location?: string;
  /** The header block as written (for diagnostics). */
  headerText: string;
  /** Byte offset and 1-based line of the header block. */
  headerOffset: number;
  headerLine: number;
  /** Byte offset and 1-based line where the body starts. */
  bodyOffset: number;
  bodyLine: number;
  /** True when the whole file is this one part (no multipart container). */
  root: boolean;
}

/** What walking the container yields, in file order. */
export type ContainerEvent =
  | { type: "root"; contentType: string; boundary?: string; headerText: string }
  | { type: "part"; part: PartHead; node: MimeNode }
  | { type: "body"; part: PartHead; node: MimeNode; raw: Buffer }
  | { type: "part-end"; part: PartHead; bodyEnd: number; endLine: number }
  /** Bytes between parts: preamble, boundary lines, epilogue. */
  | { type: "between"; raw: Buffer; offset: number; line: number }
  | { type: "end"; bytes: number; lines: number; closed: boolean };

/** Number of LF bytes in a buffer. */
export function countLf(b: Uint8Array): number {
  let n = 0;
  let i = -1;
  const buf = Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  while ((i = buf.indexOf(10, i + 1)) !== -1) n++;
  return n;
}

/** The value of a header line ("Name: value" or "Name:value", folded lines joined), trimmed. */
function headerValue(node: MimeNode, key: string): string | undefined {
  if (!node.headers) return undefined;
  const lines = node.headers.get(key);
  const first = lines[0];
  if (first === undefined) return undefined;
  const colon = first.indexOf(":");
  return first.slice(colon + 1).replace(/\r?\n[ \t]+/g, " ").trim();
}

function param(value: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|[;\\s])${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, "i").exec(value);
  return m ? (m[1] ?? m[2]) : undefined;
}

/**
 * Walks a MIME container: yields the root header, then for each leaf part its head, its raw body chunks
 * and its end (with the byte range of the body), then the totals. Offsets are counted from the bytes
 * mailsplit hands back, which reproduce the input exactly.
 */
export async function* walkContainer(source: { name: string; stream(): AsyncIterable<Uint8Array> }): AsyncIterable<ContainerEvent> {
  const { Splitter } = await import("@zone-eu/mailsplit"); // loaded on first use (startup cost)
  // mailsplit refuses a message of more than 1,000 parts by default (a guard for mail servers); an MHT
  // export has one part per picture, and real ones hold tens of thousands. Nodes are not kept by the
  // splitter (each is handed on and dropped), so no limit is needed for memory.
  const splitter = new Splitter({ maxHeadSize: 1 << 20, maxChildNodes: Number.MAX_SAFE_INTEGER });
  const input = Readable.from(source.stream(), { objectMode: false });
  input.on("error", (e) => splitter.destroy(e));
  input.pipe(splitter);
  let offset = 0;
  let line = 1;
  let no = 0;
  let current: PartHead | undefined;
  let currentNode: MimeNode | undefined;
  let boundary: string | undefined;
  let closed = false;
  let rootSeen = false;
  try {
    for await (const chunk of splitter as AsyncIterable<SplitterChunk>) {
      if (chunk.type === "node") {
        if (current) yield { type: "part-end", part: current, bodyEnd: offset, endLine: line };
        current = undefined;
        const node = chunk as MimeNode;
        const header = node.getHeaders();
        const headerOffset = offset;
        const headerLine = line;
        offset += header.length;
        line += countLf(header);
        const headerText = header.toString("utf8");
        if (!rootSeen) {
          rootSeen = true;
          const ct = headerValue(node, "content-type") ?? "";
          boundary = param(ct, "boundary");
          yield { type: "root", contentType: (node.contentType || "").toLowerCase(), ...(boundary ? { boundary } : {}), headerText };
        }
        if (node.multipart) {
          // mailsplit checks each line against every open boundary: 100,000 nested multiparts (a 7 MB
          // file) took 4 GB. A QQ export nests one level; a few more are allowed.
          if (depthOf(node) > MAX_MULTIPART_DEPTH)
            throw new ChatportError("input-damaged", `${source.name} nests multipart parts more than ${MAX_MULTIPART_DEPTH} levels deep near line ${headerLine} (a QQ export nests one); it is damaged or not an MHT export, and was not read further.`);
          continue;
        }
        const charset = node.charset ? String(node.charset).toLowerCase() : undefined;
        const location = headerValue(node, "content-location");
        current = {
          no: ++no,
          contentType: (node.contentType || "").toLowerCase(),
          ...(charset ? { charset } : {}),
          encoding: (node.encoding || "").toLowerCase(),
          ...(location !== undefined && location !== "" ? { location } : {}),
          headerText,
          headerOffset,
          headerLine,
          bodyOffset: offset,
          bodyLine: line,
          root: node.root,
        };
        currentNode = node;
        yield { type: "part", part: current, node };
      } else if (chunk.type === "body") {
        const raw = chunk.value;
        if (current && currentNode) yield { type: "body", part: current, node: currentNode, raw };
        offset += raw.length;
        line += countLf(raw);
      } else {
        const raw = chunk.value;
        if (current) {
          yield { type: "part-end", part: current, bodyEnd: offset, endLine: line };
          current = undefined;
        }
        if (boundary && !closed && raw.includes(`--${boundary}--`)) closed = true;
        yield { type: "between", raw, offset, line };
        offset += raw.length;
        line += countLf(raw);
      }
    }
  } catch (e) {
    if (e instanceof ChatportError) throw e;
    throw new ChatportError("input-damaged", `${source.name} could not be split into MIME parts near byte ${offset} (${(e as Error).message}); the file may be truncated or not an MHT export.`, { cause: e });
  } finally {
    input.destroy();
    splitter.destroy();
  }
  if (current) yield { type: "part-end", part: current, bodyEnd: offset, endLine: line };
  yield { type: "end", bytes: offset, lines: line, closed: closed || !boundary };
}

/** Multipart levels read before a file is refused as damaged. */
export const MAX_MULTIPART_DEPTH = 32;

/** How many multipart nodes enclose `node` (itself included when it is one), counting up to one past the limit. */
function depthOf(node: MimeNode): number {
  let n = 0;
  for (let x: MimeNode | false | undefined = node; x && n <= MAX_MULTIPART_DEPTH; x = (x as { parentNode?: MimeNode | false }).parentNode) if (x.multipart) n++;
  return n;
}

/** A transfer-encoding decoder for one part (base64, quoted-printable or identity), fed chunk by chunk. */
export interface PartDecoder {
  /** Decodes a chunk; returns what is ready. */
  write(raw: Buffer): Buffer[];
  /** Flushes the tail. */
  end(): Promise<Buffer[]>;
}

/** mailsplit's decoder for a node (libbase64 / libqp / pass-through), driven synchronously. */
export function partDecoder(node: MimeNode): PartDecoder {
  const dec = node.getDecoder();
  const drain = (): Buffer[] => {
    const out: Buffer[] = [];
    let x: Buffer | null;
    while ((x = dec.read() as Buffer | null) !== null) out.push(x);
    return out;
  };
  return {
    write(raw) {
      dec.write(raw);
      return drain();
    },
    async end() {
      dec.end();
      const out: Buffer[] = [];
      for await (const x of dec as AsyncIterable<Buffer>) out.push(x);
      return out;
    },
  };
}

/**
 * Decodes a stored body range with a given transfer encoding, by handing mailsplit a one-part message
 * with that encoding: the same decoder the first pass used, so the bytes (and hash) come out identical.
 */
export async function* decodeBody(encoding: string, raw: AsyncIterable<Uint8Array>): AsyncIterable<Buffer> {
  const head = Buffer.from(`Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: ${encoding || "binary"}\r\n\r\n`, "latin1");
  async function* all() {
    yield head;
    yield* raw;
  }
  let decoder: PartDecoder | undefined;
  for await (const ev of walkContainer({ name: "part", stream: all })) {
    if (ev.type === "part") decoder = partDecoder(ev.node);
    else if (ev.type === "body" && decoder) yield* decoder.write(ev.raw);
  }
  if (decoder) yield* await decoder.end();
}
