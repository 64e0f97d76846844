import { createReadStream, lstatSync, opendirSync, realpathSync, statSync } from "node:fs";
import { open } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, sep } from "node:path";
import type { HashOptions } from "./hash.js";
import type { FileDigest } from "./hash-memo.js";

/**
 * One input file. Readers get bytes only through this, so they run on in-memory input in tests.
 */
export interface InputSource {
  readonly kind: "file";
  /** Name relative to the input root, "/"-separated; what provenance and diagnostics show. */
  readonly name: string;
  /** Absolute path on disk, when there is one (SQLite readers open a private copy of it). */
  readonly path?: string;
  /** Size in bytes. */
  readonly size: number;
  /** The folder (or zip) the file sits in, for readers that look up media next to it. */
  readonly parent?: InputTree;
  /** The bytes, as a stream of chunks. Each call starts from the beginning. */
  stream(): AsyncIterable<Uint8Array>;
  /** At most the first `n` bytes. */
  head(n: number): Promise<Uint8Array>;
  /**
   * The bytes from offset `start` (inclusive) to `end` (exclusive), without reading what comes before:
   * readers that index a container once use it to fetch one member later. Optional; {@link readRange}
   * falls back to skipping through `stream()`.
   */
  range?(start: number, end: number): AsyncIterable<Uint8Array>;
  /**
   * SHA-256 and size of the bytes, for sources that can remember them (a zip entry: see `hashMember` in
   * hash.ts). Optional; `hashSource` streams the bytes otherwise.
   */
  digest?(options?: HashOptions): Promise<FileDigest>;
  /**
   * Opens the bytes for reading in order into buffers the caller owns and reuses. Optional; a pass
   * that looks at each chunk and lets it go uses it instead of `stream()`, which allocates a fresh
   * buffer per chunk: a whole-file pass allocates the file's size in buffers faster than the garbage
   * collector frees them (a 28 MB file: +41 MiB peak RSS in a worker, measured for issue 7).
   */
  openReader?(): Promise<ByteReader>;
}

/** Sequential reads of an {@link InputSource} into caller-owned buffers. */
export interface ByteReader {
  /** Reads up to `length` bytes into `buffer` at `offset`; resolves to the count read, 0 at the end. */
  read(buffer: Uint8Array, offset: number, length: number): Promise<number>;
  close(): Promise<void>;
}

/** The bytes of `source` in [start, end): its own `range` when it has one, else a skip through `stream()`. */
export async function* readRange(source: InputSource, start: number, end: number): AsyncIterable<Uint8Array> {
  if (end <= start) return;
  if (source.range) {
    yield* source.range(start, end);
    return;
  }
  let pos = 0;
  for await (const chunk of source.stream()) {
    const next = pos + chunk.byteLength;
    if (next > start) {
      const from = Math.max(0, start - pos);
      const to = Math.min(chunk.byteLength, end - pos);
      if (to > from) yield chunk.subarray(from, to);
    }
    pos = next;
    if (pos >= end) return;
  }
}

/** A folder or an archive of files: a WeChat data folder, a WhatsApp zip, a Telegram export folder. */
export interface InputTree {
  readonly kind: "tree";
  /** Display name of the folder or archive. */
  readonly name: string;
  /** Absolute path of the folder on disk, when there is one. */
  readonly path?: string;
  /** Every file below it, as "/"-separated relative paths, sorted. */
  list(): Promise<string[]>;
  /** One file below it; undefined when absent. Paths never escape the tree. */
  open(relPath: string): Promise<InputSource | undefined>;
  /**
   * Paths {@link open} refused although a file is there, because it leads out of the tree (a symbolic
   * link to a file elsewhere), in the order first refused; callers report them.
   */
  refusedLinks?(): readonly RefusedPath[];
}

/** A path an {@link InputTree} would not open, and why. */
export interface RefusedPath {
  /** The "/"-separated path asked for, relative to the tree. */
  path: string;
  /** Where it really leads (an absolute path outside the tree). */
  target: string;
}

/** An in-memory input (tests, stdin, zip members). */
export function memorySource(name: string, content: string | Uint8Array, parent?: InputTree): InputSource {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  return {
    kind: "file",
    name,
    size: bytes.byteLength,
    ...(parent ? { parent } : {}),
    async *stream() {
      const step = 1 << 16;
      for (let i = 0; i < bytes.byteLength; i += step) yield bytes.subarray(i, Math.min(i + step, bytes.byteLength));
    },
    async head(n: number) {
      return bytes.subarray(0, Math.min(n, bytes.byteLength));
    },
    async *range(start: number, end: number) {
      const step = 1 << 16;
      const stop = Math.min(end, bytes.byteLength);
      for (let i = Math.max(0, start); i < stop; i += step) yield bytes.subarray(i, Math.min(i + step, stop));
    },
  };
}

/** A file on disk, opened read-only. */
export function fileSource(path: string, name: string, size: number, parent?: InputTree): InputSource {
  return {
    kind: "file",
    name,
    path,
    size,
    ...(parent ? { parent } : {}),
    stream() {
      return createReadStream(path, { highWaterMark: 1 << 16 }) as AsyncIterable<Uint8Array>;
    },
    async openReader() {
      const fh = await open(path, "r");
      return {
        read: async (buffer: Uint8Array, offset: number, length: number) => (await fh.read(buffer, offset, length, null)).bytesRead,
        close: () => fh.close(),
      };
    },
    async head(n: number) {
      const fh = await open(path, "r");
      try {
        const buf = Buffer.alloc(Math.min(n, size));
        const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
        return buf.subarray(0, bytesRead);
      } finally {
        await fh.close();
      }
    },
    range(start: number, end: number) {
      if (end <= start) return (async function* () {})();
      return createReadStream(path, { start, end: end - 1, highWaterMark: 1 << 16 }) as AsyncIterable<Uint8Array>;
    },
  };
}

/** Resolves a relative "/"-path inside a root, refusing anything that would escape it. */
export function safeJoin(root: string, relPath: string): string | undefined {
  const parts = relPath.split(/[\\/]+/).filter((p) => p !== "" && p !== ".");
  if (parts.some((p) => p === "..") || /^[a-zA-Z]:/.test(relPath)) return undefined;
  const full = join(root, ...parts);
  const rel = relative(root, full);
  if (rel.startsWith("..") || rel.includes(`..${sep}`)) return undefined;
  return full;
}

/** A folder on disk as an {@link InputTree}. */
export function directoryTree(path: string, name: string): InputTree {
  let cache: string[] | undefined;
  let realRoot: string | undefined;
  const refused = new Map<string, string>();
  const realFolders = new Map<string, string>();
  const realFolder = (dir: string): string => {
    let real = realFolders.get(dir);
    if (real === undefined) realFolders.set(dir, (real = realpathSync.native(dir)));
    return real;
  };
  const tree: InputTree = {
    kind: "tree",
    name,
    path,
    async list() {
      // A symbolic link to a file is listed when its real location is inside the folder (unzip and tar
      // make them); one leading out is left out and remembered, so the run can say why it is missing.
      const link = (rel: string): boolean => {
        try {
          const full = join(path, rel);
          if (!statSync(full).isFile()) return false;
          const target = realpathSync.native(full);
          if (isInside((realRoot ??= realpathSync.native(path)), target)) return true;
          if (!refused.has(rel)) refused.set(rel, target);
        } catch {
          // A dangling link or a loop: nothing to list.
        }
        return false;
      };
      if (!cache) {
        cache = (await walk(path, "", link)).sort();
      }
      return cache;
    },
    async open(relPath: string) {
      const full = safeJoin(path, relPath);
      if (!full) return undefined;
      try {
        // Synchronous: media are looked up one by one as messages name them, and a thread-pool round
        // trip per call (~0.1 ms) dominated a folder of 25,000 photos; the calls themselves take µs.
        const own = lstatSync(full);
        const st = own.isSymbolicLink() ? statSync(full) : own;
        if (!st.isFile()) return undefined;
        const rel = relPath.split(/[\\/]+/).filter(Boolean).join("/");
        // safeJoin only checks the spelling; a symbolic link inside the folder (unzip and tar create them)
        // could still lead anywhere, e.g. a "photo.jpg" pointing at ~/.ssh/id_rsa that the html writer
        // would copy beside the output. Only files whose real location is inside the real folder open.
        // A file that is no link lies where its folder really is: the folder's real path is asked once
        // (realpath reads every component's link: 5 system calls a file, 1M for a 100,000-file folder).
        const target = own.isSymbolicLink() ? realpathSync.native(full) : join(realFolder(dirname(full)), basename(full));
        if (!isInside((realRoot ??= realpathSync.native(path)), target)) {
          if (!refused.has(rel)) refused.set(rel, target);
          return undefined;
        }
        return fileSource(full, rel, st.size, tree);
      } catch {
        return undefined;
      }
    },
    refusedLinks: () => [...refused].map(([p, target]) => ({ path: p, target })),
  };
  return tree;
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel !== "" && !isAbsolute(rel) && rel !== ".." && !rel.startsWith(`..${sep}`);
}

/**
 * The files under `root/rel`, "/"-separated; a symbolic link is listed when `link` says so (links to
 * folders are not followed).
 *
 * Entries are read one by one (opendir), not as one array of Dirent objects, and each path is made one
 * flat string: a folder of 100,000 media files held 100,000 Dirents (~9 MiB) while listing, and its paths
 * as concatenations (the parent's "Media/" copied per file, plus the name, plus the link between them:
 * ~97 bytes a path; ~49 flat), which the detectors' regular expressions then flattened into copies.
 */
async function walk(root: string, rel: string, link: (rel: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  const folders = [rel];
  for (let k = 0; k < folders.length; k++) {
    const at = folders[k]!;
    // The folder is read to its end and closed before any folder below it is opened: a deep tree never
    // holds more than one open directory handle.
    const dir = opendirSync(join(root, at), { bufferSize: 256 });
    try {
      for (let e; (e = dir.readSync()) !== null; ) {
        // Array join writes one flat string; a template literal would make a concatenation.
        const r = at ? [at, e.name].join("/") : e.name;
        if (e.isDirectory()) folders.push(r);
        else if (e.isFile()) out.push(r);
        else if (e.isSymbolicLink() && link(r)) out.push(r);
      }
    } finally {
      dir.closeSync();
    }
  }
  return out;
}

/** An in-memory tree (tests). */
export function memoryTree(name: string, files: Record<string, string | Uint8Array>): InputTree {
  const tree: InputTree = {
    kind: "tree",
    name,
    async list() {
      return Object.keys(files).sort();
    },
    async open(relPath: string) {
      const c = files[relPath];
      return c === undefined ? undefined : memorySource(relPath, c, tree);
    },
  };
  return tree;
}
