import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";

/**
 * Copies a sample's input folder to a temporary folder and builds every `X.sql` into the SQLite file `X`
 * (the `.sql` text is removed from the copy), as the golden harness does. Returns the folder and a
 * cleanup function.
 */
export async function buildSqlFixture(inputDir: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), "chatport-fixture-"));
  const dir = join(root, "input");
  await cp(inputDir, dir, { recursive: true });
  await buildAll(dir);
  return { dir, cleanup: () => rm(root, { recursive: true, force: true }) };
}

async function buildAll(dir: string): Promise<void> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) await buildAll(full);
    else if (e.name.endsWith(".sql")) {
      const db = new Database(full.slice(0, -4));
      db.exec(await readFile(full, "utf8"));
      db.close();
      await rm(full);
    }
  }
}
