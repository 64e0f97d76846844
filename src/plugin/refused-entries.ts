import type { RefusedEntry, ZipTree } from "../io/zip.js";
import type { ReadContext } from "./types.js";

/**
 * Reports each entry a zip input refused (unsafe name, encrypted, unsupported compression, duplicate)
 * as `unsafe-entry`, naming the zip; returns them, for a reader that must tell why something is missing.
 */
export async function reportRefusedEntries(tree: ZipTree, zipName: string, ctx: Pick<ReadContext, "report">): Promise<RefusedEntry[]> {
  await tree.list();
  const refused = await tree.refused();
  for (const r of refused)
    ctx.report("unsafe-entry", { message: `${zipName}: entry "${r.name}" skipped: ${r.reason}.`, file: zipName, place: { entry: r.name }, raw: r.name });
  return refused;
}
