import { ChatportError } from "../../src/diagnostics/errors.js";
import { decodeChunks, sniffBom } from "../../src/io/decode.js";
import type { InputSource, InputTree } from "../../src/io/source.js";
import { isObject, str, type JsonObject } from "../qce-json/raw-types.js";

/** Largest manifest read whole (manifests hold sections and a chunk list: kilobytes in practice). */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** One chunk file to read, with the message count the manifest states for it. */
export interface ChunkRef {
  /** Path relative to the tree. */
  path: string;
  count?: number;
}

/** Where a chunked export's parts are. */
export interface ChunkedLayout {
  /** The folder holding manifest.json (and chunks/, resources/); undefined for a lone chunk in memory. */
  tree: InputTree | undefined;
  /** Folder of manifest.json inside the tree ("" at its root). */
  base: string;
  manifest?: JsonObject;
  manifestName?: string;
  chunks: ChunkRef[];
  /** True when the input is one chunk file read on its own. */
  lone: boolean;
  /** Chunks the manifest lists that could not be derived from it and were found by listing. */
  listed: boolean;
}

/** Reads a small JSON file whole. */
export async function readJsonFile(src: InputSource): Promise<unknown> {
  if (src.size > MAX_MANIFEST_BYTES)
    throw new ChatportError("input-damaged", `${src.name} is ${src.size} bytes, too large for a QCE manifest; give the export folder or check the file.`);
  const bom = sniffBom(await src.head(4));
  let text = "";
  for await (const t of decodeChunks(src, { encoding: bom?.encoding ?? "utf-8", bom: bom !== undefined, fallback: false })) text += t;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ChatportError("input-damaged", `${src.name} is not valid JSON (${(e as Error).message}); check that the export finished.`, { cause: e });
  }
}

const join = (base: string, rel: string) => (base ? `${base}/${rel}` : rel).replace(/\\/g, "/").replace(/\/+/g, "/");

/**
 * The chunk files of a manifest: `chunked.chunks[].relativePath` (else `chunksDir/fileName`), in the
 * manifest's order; when the manifest lists none, every `*.jsonl` under `chunksDir`, sorted by name
 * (QCE names them c000001.jsonl, c000002.jsonl … so name order is write order).
 */
export async function chunksOf(manifest: JsonObject, tree: InputTree | undefined, base: string): Promise<{ chunks: ChunkRef[]; listed: boolean }> {
  const chunked = isObject(manifest.chunked) ? manifest.chunked : {};
  const dir = str(chunked.chunksDir) ?? "chunks";
  const ext = str(chunked.chunkFileExt) ?? ".jsonl";
  const out: ChunkRef[] = [];
  for (const c of Array.isArray(chunked.chunks) ? chunked.chunks : []) {
    if (!isObject(c)) continue;
    const rel = str(c.relativePath) ?? (str(c.fileName) ? `${dir}/${str(c.fileName)}` : undefined);
    if (!rel) continue;
    out.push({ path: join(base, rel), ...(typeof c.count === "number" ? { count: c.count } : {}) });
  }
  if (out.length > 0 || !tree) return { chunks: out, listed: false };
  const prefix = join(base, dir) + "/";
  const found = (await tree.list()).filter((p) => p.startsWith(prefix) && p.endsWith(ext)).sort();
  return { chunks: found.map((path) => ({ path })), listed: true };
}

/** Finds the manifest and chunks for a folder, a manifest file or a lone chunk file. */
export async function resolveLayout(input: InputSource | InputTree): Promise<ChunkedLayout> {
  if (input.kind === "tree") {
    const list = await input.list();
    const manifests = list.filter((p) => /(^|\/)manifest\.json$/i.test(p)).sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b));
    const m = manifests[0];
    if (m) {
      const src = (await input.open(m))!;
      const manifest = await readJsonFile(src);
      if (!isObject(manifest)) throw new ChatportError("input-damaged", `${input.name}/${m} is not a QCE manifest (not a JSON object).`);
      const base = m.includes("/") ? m.slice(0, m.lastIndexOf("/")) : "";
      return { tree: input, base, manifest, manifestName: src.name, ...(await chunksOf(manifest, input, base)), lone: false };
    }
    const chunks = list.filter((p) => p.endsWith(".jsonl")).sort().map((path) => ({ path }));
    if (chunks.length === 0)
      throw new ChatportError("unknown-format", `${input.name} holds neither a QCE manifest.json nor any .jsonl chunk; give the chunked export folder.`);
    return { tree: input, base: "", chunks, lone: false, listed: true };
  }
  const head = new TextDecoder().decode(await input.head(4096)).replace(/^\uFEFF/, "").trimStart();
  // A manifest holds the export's sections; a chunk line is one message (no chatInfo, no chunked).
  const isManifest = /(^|\/)manifest\.json$/i.test(input.name) || /"(chatInfo|chunked)"\s*:/.test(head);
  if (isManifest) {
    const manifest = await readJsonFile(input);
    if (!isObject(manifest)) throw new ChatportError("input-damaged", `${input.name} is not a QCE manifest (not a JSON object).`);
    if (!input.parent)
      throw new ChatportError("usage", `${input.name} is a QCE manifest but its folder is not available; give the export folder (the one holding manifest.json and chunks/).`);
    return { tree: input.parent, base: "", manifest, manifestName: input.name, ...(await chunksOf(manifest, input.parent, "")), lone: false };
  }
  return { tree: undefined, base: "", chunks: [], lone: true, listed: false };
}
