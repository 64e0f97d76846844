import { Readable } from "node:stream";
import * as zlib from "node:zlib";
import type yauzlTypes from "yauzl";

type Yauzl = typeof yauzlTypes;
import { ChatportError } from "../diagnostics/errors.js";
import { hashMember, type HashOptions } from "./hash.js";
import type { InputSource, InputTree } from "./source.js";
import { ZipEntryIndex } from "./zip-index.js";
import { rangeReaders, type RangeReaders } from "./zip-range-readers.js";

/**
 * Read-only access to a zip archive as an {@link InputTree}, for readers of export zips (WhatsApp,
 * Telegram, Slack …). Built on yauzl: the central directory is read once, each entry is inflated as a
 * stream when opened, nothing is extracted to disk, sizes are checked while streaming and the CRC-32
 * when an entry has been read to its end.
 * Entry names that would escape the tree (absolute, `..`, drive letters) are refused, and archives whose
 * declared sizes look like a zip bomb are rejected with a clear error before any entry is read.
 */

/** Limits against zip bombs and runaway archives. */
export interface ZipLimits {
  /** Most entries an archive may hold. */
  maxEntries: number;
  /** Largest uncompressed size of one entry. */
  maxEntryBytes: number;
  /** Largest uncompressed size of all entries together. */
  maxTotalBytes: number;
  /** Highest compression ratio tolerated for an entry larger than `ratioFloorBytes`. */
  maxRatio: number;
  /** Entries smaller than this are never refused for their ratio (a small file cannot bomb). */
  ratioFloorBytes: number;
  /** Archives expanding to less than this in all are never refused for their overall ratio. */
  archiveRatioFloorBytes: number;
  /** Largest in-memory input (a source without a path on disk) that is buffered to read it. */
  maxBufferedBytes: number;
}

/** Default limits: generous for real exports with video, far below what a bomb expands to. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 500_000,
  maxEntryBytes: 16 * 2 ** 30,
  maxTotalBytes: 64 * 2 ** 30,
  maxRatio: 200,
  ratioFloorBytes: 256 * 2 ** 20,
  archiveRatioFloorBytes: 64 * 2 ** 20,
  maxBufferedBytes: 2 ** 30,
};

/** An entry the tree refused to expose, and why. */
export interface RefusedEntry {
  name: string;
  reason: string;
}

/** A zip as a tree: the usual list/open, plus the entries it refused. */
export interface ZipTree extends InputTree {
  /** Entries left out of `list()`: unsafe names (zip-slip), encrypted or undecodable data, duplicates. */
  refused(): Promise<RefusedEntry[]>;
}

/** True when the bytes start like a zip archive (a local file header or an empty archive's end record). */
export function isZipHeader(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
}

// yauzl is loaded on first use (it costs the CLI start-up memory on every run otherwise).
let lib: Promise<{ yauzl: Yauzl } & RangeReaders> | undefined;
const loadYauzl = () =>
  (lib ??= import("yauzl").then((m) => {
    const yauzl = ((m as { default?: Yauzl }).default ?? m) as Yauzl;
    return { yauzl, ...rangeReaders(yauzl) };
  }));

interface Loaded {
  yauzl: Yauzl;
  zip: yauzlTypes.ZipFile;
  entries: ZipEntryIndex;
  names: string[];
  refused: RefusedEntry[];
}

const shared = new WeakMap<InputSource, ZipTree>();

/** Opens a zip input as a read-only tree. The central directory is read on first use. */
export function zipTree(source: InputSource, limits?: Partial<ZipLimits>): ZipTree {
  // Detection, the reader and the attachment lookup each ask for the tree of the same input: with the
  // default limits they share one, so the central directory is read and held once.
  if (!limits) {
    let t = shared.get(source);
    if (!t) shared.set(source, (t = zipTree(source, {})));
    return t;
  }
  const lim = { ...DEFAULT_ZIP_LIMITS, ...limits };
  let loading: Promise<Loaded> | undefined;
  const load = () => (loading ??= loadZip(source, lim));
  const tree: ZipTree = {
    kind: "tree",
    name: source.name,
    async list() {
      return [...(await load()).names];
    },
    async refused() {
      return [...(await load()).refused];
    },
    async open(relPath: string) {
      const { yauzl, zip, entries } = await load();
      const entry = entries.entry(yauzl, normaliseName(yauzl, relPath) ?? "\u0000");
      if (!entry) return undefined;
      return entrySource(zip, entry, relPath, tree, source.name, source.path);
    },
  };
  return tree;
}

/** A "/"-path without empty or "." segments; undefined when it is absolute or climbs with "..". */
function normaliseName(yauzl: Yauzl, name: string): string | undefined {
  if (yauzl.validateFileName(name.replace(/\\/g, "/")) !== null) return undefined;
  const parts = name.split(/[\\/]+/).filter((p) => p !== "" && p !== ".");
  if (parts.length === 0 || parts.includes("..")) return undefined;
  return parts.join("/");
}

async function loadZip(source: InputSource, lim: ZipLimits): Promise<Loaded> {
  const { yauzl, FileRangeReader, BufferRangeReader } = await loadYauzl();
  const reader = source.path ? new FileRangeReader(source.path) : new BufferRangeReader(await bufferOf(source, lim));
  let zip: yauzlTypes.ZipFile;
  try {
    zip = await yauzl.fromRandomAccessReaderPromise(reader, source.size, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
  } catch (e) {
    throw new ChatportError("input-damaged", `${source.name} is not a readable zip archive (${(e as Error).message}); check that the download or copy finished.`, { cause: e });
  }
  if (zip.entryCount > lim.maxEntries)
    throw new ChatportError("input-damaged", `${source.name} declares ${zip.entryCount} entries, more than the ${lim.maxEntries} chatport accepts; unzip it yourself and pass the folder if it is genuine.`);
  const entries = new ZipEntryIndex();
  const refused: RefusedEntry[] = [];
  let total = 0, compressed = 0;
  // Each entry is checked as the directory is read, and only what opening it needs is kept.
  const scan = (e: yauzlTypes.Entry): void => {
    const decoded = yauzl.getFileNameLowLevel(e.generalPurposeBitFlag, e.fileNameRaw, e.extraFields, false);
    const name = normaliseName(yauzl, decoded);
    if (decoded.endsWith("/") && name !== undefined) return; // a folder entry
    if (name === undefined) {
      refused.push({ name: decoded, reason: "unsafe path (absolute or climbing with ..): refused against zip-slip" });
      return;
    }
    total += e.uncompressedSize;
    compressed += e.compressedSize;
    if (e.uncompressedSize > lim.maxEntryBytes)
      throw bomb(source.name, `entry "${name}" would expand to ${e.uncompressedSize} bytes (limit ${lim.maxEntryBytes})`);
    if (e.uncompressedSize > lim.ratioFloorBytes && e.uncompressedSize > lim.maxRatio * Math.max(1, e.compressedSize))
      throw bomb(source.name, `entry "${name}" expands ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))}:1`);
    if (e.isEncrypted()) {
      refused.push({ name, reason: "encrypted entry: chatport does not decrypt" });
      return;
    }
    if (e.compressionMethod !== 0 && e.compressionMethod !== 8) {
      refused.push({ name, reason: `unsupported compression method ${e.compressionMethod}` });
      return;
    }
    if (entries.has(name)) {
      refused.push({ name, reason: "duplicate name: the first entry is used" });
      return;
    }
    entries.add(name, e);
  };
  try {
    await readEntries(zip, source.name, scan);
  } finally {
    reader.releaseDirectory();
  }
  if (total > lim.maxTotalBytes) throw bomb(source.name, `its entries would expand to ${total} bytes (limit ${lim.maxTotalBytes})`);
  // Many entries each just under the per-entry floor add up: the archive as a whole is checked too.
  if (total > lim.archiveRatioFloorBytes && total > lim.maxRatio * Math.max(1, source.size))
    throw bomb(source.name, `its ${source.size} bytes would expand to ${total} (${Math.round(total / Math.max(1, source.size))}:1 over the whole archive)`);
  // Entries that overlap (sharing compressed data) are the "non-recursive zip bomb" construction.
  if (compressed > source.size + 64)
    throw bomb(source.name, `its entries claim ${compressed} compressed bytes in a ${source.size}-byte file (entries that overlap, or sizes that lie in a damaged archive)`);
  return { yauzl, zip, entries, names: entries.names(), refused };
}

function bomb(name: string, what: string): ChatportError {
  return new ChatportError("input-damaged", `${name} looks like a zip bomb: ${what}; refused. If the archive is genuine, unzip it with a tool you trust and pass the folder.`, { code: "zip-bomb" });
}

/** Reads the central directory, handing each entry to `scan`; an error `scan` throws stops the reading. */
function readEntries(zip: yauzlTypes.ZipFile, name: string, scan: (e: yauzlTypes.Entry) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let stopped = false;
    zip.on("entry", (e: yauzlTypes.Entry) => {
      if (stopped) return;
      try {
        scan(e);
      } catch (err) {
        stopped = true;
        return reject(err);
      }
      zip.readEntry();
    });
    zip.on("end", () => resolve());
    zip.on("error", (e: Error) => {
      stopped = true;
      reject(new ChatportError("input-damaged", `${name}: the zip's directory is damaged (${e.message}); export or download it again.`, { cause: e }));
    });
    zip.readEntry();
  });
}

async function bufferOf(source: InputSource, lim: ZipLimits): Promise<Buffer> {
  if (source.size > lim.maxBufferedBytes)
    throw new ChatportError("input-unreadable", `${source.name} is a ${source.size}-byte zip held in memory; save it to a file and read it from there.`);
  const parts: Buffer[] = [];
  for await (const c of source.stream()) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

function openStream(zip: yauzlTypes.ZipFile, entry: yauzlTypes.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream))));
}

function entrySource(zip: yauzlTypes.ZipFile, entry: yauzlTypes.Entry, name: string, parent: InputTree, zipName: string, zipPath: string | undefined): InputSource {
  const damaged = (e: unknown) =>
    new ChatportError("input-damaged", `${zipName}: entry "${name}" cannot be read (${(e as Error).message}); the zip is damaged — export or download it again.`, { cause: e });
  const source: InputSource = {
    kind: "file",
    name,
    size: entry.uncompressedSize,
    parent,
    async *stream() {
      let s: Readable;
      try {
        s = await openStream(zip, entry);
      } catch (e) {
        throw damaged(e);
      }
      // yauzl checks sizes; the CRC-32 is checked here, over the inflated bytes, when the entry ends.
      let crc = 0;
      try {
        for await (const chunk of s) {
          crc = crc32(chunk as Uint8Array, crc);
          yield chunk as Uint8Array;
        }
      } catch (e) {
        throw damaged(e);
      } finally {
        s.destroy();
      }
      if (crc !== entry.crc32) throw damaged(new Error(`CRC-32 mismatch: ${crc.toString(16)} instead of ${entry.crc32.toString(16)}`));
    },
    async head(n: number) {
      const parts: Buffer[] = [];
      let got = 0;
      for await (const c of this.stream()) {
        parts.push(Buffer.from(c));
        got += c.byteLength;
        if (got >= n) break;
      }
      return Buffer.concat(parts).subarray(0, n);
    },
  };
  // An entry is named within its zip by where its local header starts (names may repeat).
  if (zipPath !== undefined) source.digest = (options?: HashOptions) => hashMember(zipPath, `zip@${entry.relativeOffsetOfLocalHeader}`, source, options);
  return source;
}

/**
 * The tree an input's relative paths (attachments' `path`) resolve against: the folder itself, the zip's
 * contents for a zip file, else the folder a file sits in (when known).
 */
export function inputRoot(input: InputSource | InputTree, head?: Uint8Array): InputTree | undefined {
  if (input.kind === "tree") return input;
  if (head && isZipHeader(head)) return zipTree(input);
  return input.parent;
}

let table: Uint32Array | undefined;
/** CRC-32 (zlib's), continued from `prev`: Node's zlib.crc32 when present (≥ 20.15), else a table. */
function crc32(data: Uint8Array, prev: number): number {
  const native = (zlib as { crc32?: (d: Uint8Array, v?: number) => number }).crc32;
  if (native) return native(data, prev);
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = ~prev >>> 0;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
