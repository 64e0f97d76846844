import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { qqTxtReader } from "../formats/qq-txt/index.js";
import { memorySource } from "../src/io/source.js";
import type { ChatEvent, ReadContext } from "../src/plugin/types.js";

// The engine reads qq-txt through readBatches; library callers through read. Both must give the same events.
const root = join(import.meta.dirname, "..", "samples", "qq-txt");

function ctx(log: unknown[], accounting: unknown[]): ReadContext {
  return {
    readerId: "qq-txt",
    readerVersion: qqTxtReader.version,
    options: {},
    tz: "Europe/Berlin",
    report: (code, r) => void log.push([code, r]),
    provenance: (file, at) => ({ reader: "qq-txt", readerVersion: qqTxtReader.version, file, at }),
    account: (a) => void accounting.push(a),
  } as ReadContext;
}

describe("qq-txt readBatches", () => {
  for (const name of readdirSync(root))
    it(`gives the events, diagnostics and accounting of read for ${name}`, async () => {
      const bytes = readFileSync(join(root, name, "input.txt"));
      const a: ChatEvent[] = [], b: ChatEvent[] = [];
      const la: unknown[] = [], lb: unknown[] = [], ca: unknown[] = [], cb: unknown[] = [];
      for await (const ev of qqTxtReader.read(memorySource("input.txt", bytes), ctx(la, ca))) a.push(ev);
      for await (const batch of qqTxtReader.readBatches!(memorySource("input.txt", bytes), ctx(lb, cb))) b.push(...batch);
      expect(a.length).toBeGreaterThan(2);
      expect(b).toEqual(a);
      expect(lb).toEqual(la);
      expect(cb).toEqual(ca);
    });
});
