import type { InputSource, InputTree } from "../io/source.js";
import { Registry } from "../plugin/registry.js";
import { buildProbe } from "./probe.js";

/** Files of a folder looked at, in listing order: the advice is for a folder of a few exports. */
const FILES_LOOKED_AT = 50;
/** Files named in the advice. */
const FILES_NAMED = 5;
const SQLITE_MAGIC = "SQLite format 3\u0000";

/**
 * Advice for a folder on disk that no reader reads as a whole: the files in it that a reader recognises
 * on their own (a folder of QQ TXT exports, say), with the command for one of them. Empty when none is,
 * and for anything but a folder on disk (a file, a zip's tree).
 * Databases are not opened for this (each probe would copy one); zip files are judged by their
 * directory, text files by their head.
 */
export async function folderHint(input: InputSource | InputTree, registry: Registry): Promise<string> {
  if (input.kind !== "tree" || input.path === undefined) return "";
  const tree = input;
  const found: { path: string; reader: string }[] = [];
  const paths = await tree.list();
  for (const rel of paths.slice(0, FILES_LOOKED_AT)) {
    const source = await tree.open(rel).catch(() => undefined);
    if (!source) continue;
    try {
      const head = await source.head(SQLITE_MAGIC.length);
      if (Buffer.from(head).toString("latin1") === SQLITE_MAGIC) continue;
      const best = registry.detect(await buildProbe(source))[0];
      if (best && best.confidence >= Registry.MIN_CONFIDENCE && best.reader.input !== "directory") found.push({ path: rel, reader: best.reader.id });
    } catch {
      // unreadable, a damaged zip: not advice material
    }
  }
  if (found.length === 0) return "";
  const named = found.slice(0, FILES_NAMED).map((f) => `${f.path} (${f.reader})`).join(", ");
  const more = found.length > FILES_NAMED ? ` and ${found.length - FILES_NAMED} more` : "";
  const first = `${tree.name}/${found[0]!.path}`; // the folder as the other messages name it
  return ` It holds files chatport reads one at a time: ${named}${more}. Convert each file, e.g. chatport convert "${first}" --to csv.`;
}
