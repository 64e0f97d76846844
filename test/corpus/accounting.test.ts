/**
 * Nothing lost, on the real corpus: every corpus file a reader accepts is read with its accounting
 * reported once and adding up (`*Read` = the sum of the others). Files no reader detects are skipped;
 * files whose reader fails cleanly are skipped too (their own corpus tests cover that).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { isChatportError } from "../../src/diagnostics/errors.js";
import { readEvents } from "../../src/pipeline/index.js";
import { assertAccounting } from "../helpers/contract.js";
import { CORPUS } from "../helpers/samples.js";

/** Corpus folders of formats chatport reads, with the reader each file is expected to go to. */
const FOLDERS: Record<string, string[]> = {
  "qq-txt": ["qq-txt"],
  "whatsapp-txt": ["whatsapp-txt"],
  "whatsapp-zip": ["whatsapp-zip"],
  "telegram-json": ["telegram-json"],
  "pywxdump-csv": ["pywxdump-csv"],
  "qq-chat-exporter": ["qce-json", "qce-jsonl", "qce-txt"],
  "signal-export": ["signal-md"],
};

const files = existsSync(CORPUS)
  ? Object.entries(FOLDERS).flatMap(([dir, ids]) =>
      existsSync(join(CORPUS, dir)) ? readdirSync(join(CORPUS, dir)).sort().filter((f) => statSync(join(CORPUS, dir, f)).isFile()).map((f) => [`${dir}/${f}`, ids] as const) : [],
    )
  : [];

describe.skipIf(files.length === 0)("corpus: every reader accounts for every unit", () => {
  it.each(files)("%s", async (rel, ids) => {
    const path = join(CORPUS, rel);
    let accounting: Record<string, number> | undefined;
    let calls = 0;
    let reader: string | undefined;
    try {
      for await (const _ev of readEvents(path, builtinRegistry, { diagnostics: new DiagnosticCollector(), onReader: (r) => (reader = r.reader.id), onAccounting: (a) => ((accounting = a), calls++) }));
    } catch (e) {
      if (isChatportError(e) && e.kind === "unknown-format" && /^qq-chat-exporter\/.*\.html$/.test(rel)) return; // QCE's HTML rendering: not a format chatport reads
      throw e;
    }
    expect(ids, `${rel} went to ${reader}`).toContain(reader);
    expect(accounting, `${reader} did not report accounting for ${rel}`).toBeDefined();
    expect(calls).toBe(1);
    assertAccounting(accounting!);
  });
});
