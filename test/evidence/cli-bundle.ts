import { mkdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { REPO } from "../helpers/samples.js";

let built: Promise<string> | undefined;

/**
 * The CLI bundled into one ESM file for child-process tests (other TZ/LANG, real exit codes). It sits
 * under node_modules/.cache inside the repository so its dependency lookups (better-sqlite3,
 * playwright-core, the versions the manifest records) resolve as in an installed package.
 */
export function bundledCli(): Promise<string> {
  built ??= (async () => {
    const dir = join(REPO, "node_modules", ".cache", "chatport-test");
    mkdirSync(dir, { recursive: true });
    // Built under a private name, then renamed (atomic): parallel test workers never see half a file,
    // and one file is left behind whatever the number of runs.
    const outfile = join(dir, "cli.mjs");
    const building = join(dir, `cli-${process.pid}.mjs.tmp`);
    await build({
      entryPoints: [join(REPO, "src/cli/main.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      outfile: building,
      external: ["better-sqlite3", "playwright-core", "zod", "papaparse", "fast-xml-parser"],
      logLevel: "error",
      banner: { js: 'import { createRequire as __chatportRequire } from "node:module"; const require = __chatportRequire(import.meta.url);' },
    });
    renameSync(building, outfile);
    return outfile;
  })();
  return built;
}
