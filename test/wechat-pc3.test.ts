import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { readers, writers } from "../formats/index.js";
import { Registry } from "../src/plugin/registry.js";
import { readAll } from "../src/pipeline/read-all.js";
import { buildSqlFixture } from "./helpers/sql-fixture.js";

const registry = new Registry(readers, writers);
const sample = (name: string) => fileURLToPath(new URL(`../samples/wechat-pc3/${name}/input`, import.meta.url));

describe("wechat-pc3 folder with two shards", () => {
  let fx: Awaited<ReturnType<typeof buildSqlFixture>>;
  beforeAll(async () => {
    fx = await buildSqlFixture(sample("folder-shards-group"));
  });
  afterAll(async () => fx?.cleanup());

  it("reads", async () => {
    let acc: Record<string, number> = {};
    const a = await readAll(fx.dir, registry, { tz: "Asia/Shanghai", onAccounting: (x) => (acc = x) });
    const c = a.conversations[1]!; console.log(JSON.stringify(c.messages.map((m) => ({ id: m.id, s: m.senderId, k: m.kind, t: m.text, st: m.status, w: m.sentAt.wall, at: m.attachments, inner: m.inner, r: m.replyTo })), null, 1)); console.log(JSON.stringify(a.diagnostics, null, 1));
    console.log(acc);
  });
});
