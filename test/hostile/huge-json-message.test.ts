/**
 * Hostile input: one Telegram message of 60 MB (a 30 MB text and its 30 MB text_entities copy). The
 * reader's fast splitter joined the object so far to every new 64 KiB chunk and rescanned it: quadratic,
 * 17 s for this file (and ~30 min for 600 MB). It now scans each chunk once and joins the object once.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { readEvents } from "../../src/pipeline/index.js";

const MB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), "chatport-hugejson-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("telegram-json: a 60 MB message is read whole, in linear time", async () => {
  const text = Buffer.alloc(30 * MB, "x");
  const head = '{\n "name": "Big",\n "type": "personal_chat",\n "id": 1,\n "messages": [\n  {\n   "id": 1,\n   "type": "message",\n   "date": "2020-01-01T10:00:00",\n   "date_unixtime": "1577844000",\n   "from": "A",\n   "from_id": "user1",\n   "text": "';
  const mid = '",\n   "text_entities": [{"type": "plain", "text": "';
  const tail = '"}]\n  },\n  {"id": 2, "type": "message", "date_unixtime": "1577844060", "from": "A", "from_id": "user1", "text": "after"}\n ]\n}\n';
  const path = join(dir, "result.json");
  writeFileSync(path, Buffer.concat([Buffer.from(head), text, Buffer.from(mid), text, Buffer.from(tail)]));
  const t0 = Date.now();
  const texts: number[] = [];
  for await (const ev of readEvents(path, builtinRegistry, { from: "telegram-json" })) if (ev.type === "message") texts.push(ev.message.text.length);
  const ms = Date.now() - t0;
  expect(texts).toEqual([30 * MB, 5]);
  // Under 1 s here; 17 s when quadratic. The bound leaves room for a loaded CI machine.
  expect(ms).toBeLessThan(8000);
}, 60_000);
