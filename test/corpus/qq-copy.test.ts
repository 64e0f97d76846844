/**
 * qq-copy's detector claims none of the corpus files (the real QQ TXT excerpt, WhatsApp, signal-export,
 * QCE TXT/JSON/HTML, Telegram, Slack…): its lenient grammar must not steal real exports.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { detectQqCopy } from "../../formats/qq-copy/detect.js";
import { openInput } from "../../src/pipeline/open-input.js";
import { buildProbe } from "../../src/pipeline/probe.js";

const CORPUS = fileURLToPath(new URL("../../../shared/corpus/", import.meta.url));
const files = (d: string): string[] => readdirSync(d).sort().flatMap((f) => (statSync(join(d, f)).isDirectory() ? files(join(d, f)) : [join(d, f)]));
const all = files(CORPUS).filter((f) => !f.endsWith("SOURCES.md"));

describe("qq-copy detection on the corpus", () => {
  it("finds the corpus", () => expect(all.length).toBeGreaterThan(40));
  it.each(all.map((f) => [f.slice(CORPUS.length), f] as const))("%s is not claimed", async (_n, f) => {
    expect(detectQqCopy(await buildProbe(await openInput(f)))).toBeNull();
  });
});
