import type { ChatportError } from "../diagnostics/errors.js";
import { openSqliteCopy, tableNames } from "../io/sqlite.js";
import { foreignWalError, readsWithoutWal } from "../io/sqlite-wal.js";
import type { InputSource, InputTree } from "../io/source.js";
import { Registry } from "../plugin/registry.js";
import type { Probe } from "../plugin/types.js";

/**
 * When no reader recognises a database that has a `-wal` beside it: whether the main file alone would be
 * recognised. SQLite applies any valid WAL to the database beside it (src/io/sqlite-wal.ts), so another
 * database's `-wal` replaces the tables detection sees, and the error would call the file unknown. Then
 * the error names the `-wal`. Costs a second private copy, made only on this failing path.
 */
export async function foreignWalDetection(input: InputSource | InputTree, probe: Probe, registry: Registry): Promise<ChatportError | undefined> {
  if (input.kind === "tree" || !input.path || probe.sqliteTables === undefined) return undefined;
  let alone: string[] | undefined;
  try {
    const copy = await openSqliteCopy(input.path);
    try {
      if (!copy.sidecars.some((s) => s.endsWith("-wal")) || copy.ignoredSidecars.length) return undefined;
      await readsWithoutWal(copy.copyPath, (db) => void (alone = tableNames(db)));
    } finally {
      await copy.dispose();
    }
  } catch {
    return undefined; // the usual error for an unknown file stands
  }
  if (!alone) return undefined;
  const best = registry.detect({ ...probe, sqliteTables: alone })[0];
  if (!best || best.confidence < Registry.MIN_CONFIDENCE) return undefined;
  const withWal = probe.sqliteTables.length ? probe.sqliteTables.slice(0, 8).join(", ") : "none";
  return foreignWalError(input.name, `with it, the database's tables are ${withWal}; alone it reads as ${best.reader.id} (${best.reason})`);
}
