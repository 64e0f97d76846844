import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { VERSION } from "../version.js";

/** Dependencies whose versions decide what an output looks like, recorded in every manifest. */
export const KEY_DEPENDENCIES = ["zod", "better-sqlite3", "papaparse", "fast-xml-parser", "playwright-core"] as const;

/** The tool and runtime that made an output. */
export interface ToolInfo {
  name: "chatport";
  version: string;
  node: string;
  /** ICU version: decides zone names and Intl behaviour. */
  icu: string | null;
  /** IANA tz database version: decides historical offsets and DST. */
  tz: string | null;
  unicode: string | null;
  /** Installed version of each key dependency, or null when it is not installed. */
  dependencies: Record<string, string | null>;
}

let cached: ToolInfo | undefined;

/** The tool, Node, ICU/tz data and key dependency versions (read from their package.json files once). */
export function toolInfo(): ToolInfo {
  if (cached) return cached;
  const v = process.versions as Record<string, string | undefined>;
  const dependencies: Record<string, string | null> = {};
  for (const name of KEY_DEPENDENCIES) dependencies[name] = dependencyVersion(name);
  cached = { name: "chatport", version: VERSION, node: process.version, icu: v.icu ?? null, tz: v.tz ?? null, unicode: v.unicode ?? null, dependencies };
  return cached;
}

/** This module's folder, in the ESM and the CJS build alike. */
function moduleDir(): string | undefined {
  try {
    return dirname(fileURLToPath(import.meta.url));
  } catch {
    return typeof __dirname === "string" ? __dirname : undefined;
  }
}

/** The version in `node_modules/<name>/package.json`, looked up from this module's folder upwards. */
export function dependencyVersion(name: string, from: string | undefined = moduleDir()): string | null {
  let dir = from;
  while (dir) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "node_modules", name, "package.json"), "utf8")) as { version?: unknown };
      if (typeof pkg.version === "string") return pkg.version;
    } catch {
      // not here; look one folder up
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}
