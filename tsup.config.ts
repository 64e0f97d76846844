import { defineConfig } from "tsup";

/** Native (better-sqlite3) or large optional (browser drivers) dependencies: always loaded from node_modules. */
const NOT_BUNDLED = ["better-sqlite3", "playwright-core", "puppeteer-core"];

export default defineConfig([
  {
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: false,
    clean: true,
    target: "node20",
    platform: "node",
    external: NOT_BUNDLED,
  },
  {
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    banner: { js: "#!/usr/bin/env node" },
    external: NOT_BUNDLED,
    // The executable carries the dependencies every command loads at start in its own file: Node 20 loads
    // zod 4 alone as ~100 modules in ~70 ms, fast-xml-parser in ~30, and every command (1M-message
    // conversions included) paid that before its first byte. Bundled, `chatport --version` went from
    // 0.33 to 0.26 s. Dependencies imported only when a format needs them stay external (several are
    // CommonJS, which an ES module bundle cannot `require` builtins from). The library build above keeps
    // all of them external, so programs importing chatport share their own copies.
    noExternal: ["zod", "fast-xml-parser", "@streamparser/json"],
  },
]);
