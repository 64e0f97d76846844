import { writeFileSync } from "node:fs";
import { it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { readAll } from "../src/pipeline/index.js";
it("dump", async () => {
  const f = process.env.DUMP_IN!;
  const a = await readAll(f, builtinRegistry, { ...(process.env.DUMP_TZ ? { tz: process.env.DUMP_TZ } : {}), ...(process.env.DUMP_FROM ? { from: process.env.DUMP_FROM } : {}) });
  writeFileSync(process.env.DUMP_OUT ?? "/tmp/qce/out.json", JSON.stringify(a, null, 1));
});
