/**
 * Writers walk the input files one at a time (ArchiveInfo.eachSource) and never ask for the whole
 * `sources` list: a folder input of 100,000 media files made 100,000 SourceFile objects at once, and the
 * json writer stringified them into one more string (peak RSS to json 180 MiB, to html 215 MiB, against
 * ~108 MiB to csv). Here `sources` throws; the output must equal the one made from the list.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writers } from "../formats/index.js";
import { DiagnosticCollector } from "../src/diagnostics/collector.js";
import { memorySink } from "../src/io/index.js";
import type { Participant, SourceFile } from "../src/model/index.js";
import { feedWriter } from "../src/pipeline/index.js";
import { firstSource, sourceCountOf, sourcesOf, withTotals } from "../src/plugin/archive-sources.js";
import type { ArchiveInfo, ArchiveTotals, ChatEvent, WriteContext, WriterPlugin } from "../src/plugin/types.js";
import { conv, msg, people } from "./helpers/rsmf-fixtures.js";

const hex = (i: number) => (i + 1).toString(16).repeat(64).slice(0, 64);
const sourceList = (n: number): SourceFile[] =>
  Array.from({ length: n }, (_, i) => ({ path: `export/Media/IMG-${i}.jpg`, bytes: 100 + i, sha256: hex(i), reader: "whatsapp-txt", readerVersion: "1.0.0", ...(i % 2 ? { variant: "folder" } : {}) }));

const base = { generator: { name: "chatport" as const, version: "0.0.0" }, generatedAt: "2024-05-01T00:00:00Z", zonePolicy: {} };

/** An info with the list, as tests and library callers make it. */
const listed = (list: SourceFile[]): ArchiveInfo => ({ sources: list, ...base });

/** An info as convert makes it, whose whole list must not be asked for. */
function walked(list: SourceFile[]): ArchiveInfo {
  return {
    get sources(): SourceFile[] {
      throw new Error("a writer asked for the whole list of sources");
    },
    sourceCount: list.length,
    eachSource: () => list.map((s) => ({ ...s })),
    ...base,
  };
}

const events: ChatEvent[] = [
  { type: "conversation", conversation: conv },
  ...people.map((participant) => ({ type: "participant" as const, participant })),
  { type: "message", message: msg({ id: "m1", seq: 1, text: "hi" }) },
  { type: "message", message: msg({ id: "m2", seq: 2, senderId: "u:me", text: "hello" }) },
  { type: "conversation-end", conversation: conv },
];

/** The main output of `plugin` fed `events` with `info`; `spool` gives html a scratch folder (its one-pass plan). */
async function output(plugin: WriterPlugin, info: ArchiveInfo, spool: boolean): Promise<string> {
  const sink = memorySink(`out.${plugin.fileExtension}`);
  const diagnostics = new DiagnosticCollector();
  const participants = new Map<string, Participant>();
  const ctx: WriteContext = {
    writerId: plugin.id,
    options: plugin.options.parse({}),
    report: (code, r) => diagnostics.report(plugin.id, code, r),
    participant: (id) => participants.get(id),
    ...(spool ? { tempDir: async () => mkdtempSync(join(tmpdir(), "chatport-walk-")) } : {}),
  };
  async function* gen(): AsyncIterable<ChatEvent> {
    yield* events;
  }
  await feedWriter(gen(), plugin.create(sink, ctx), info, diagnostics, participants);
  return sink.text();
}

// pdf prints the html writer's output (tested there) and needs a browser.
const plain = writers.filter((w) => !w.needsFile);

describe("writers walk the sources instead of asking for the list", () => {
  it.each(plain.flatMap((w) => [0, 1, 5].map((n) => [w.id, n] as const)))("%s with %i source(s): same bytes as from the list", async (id, n) => {
    const plugin = plain.find((w) => w.id === id)!;
    for (const spool of plugin.totalsAtEnd ? [false, true] : [false]) {
      const list = sourceList(n);
      const expected = await output(plugin, listed(list), spool);
      expect(await output(plugin, walked(list), spool)).toBe(expected);
    }
  });

  it.each(["json", "ndjson", "html"])("%s names every source file", async (id) => {
    const plugin = plain.find((w) => w.id === id)!;
    const text = await output(plugin, walked(sourceList(5)), id === "html");
    for (let i = 0; i < 5; i++) expect(text).toContain(`export/Media/IMG-${i}.jpg`);
  });

  it("json writes the list as JSON.stringify does", async () => {
    const plugin = plain.find((w) => w.id === "json")!;
    for (const n of [0, 1, 3]) expect(JSON.parse(await output(plugin, walked(sourceList(n)), false)).sources).toEqual(sourceList(n));
  });
});

describe("archive-sources helpers", () => {
  it("walk, count and take the first source with or without eachSource", () => {
    const list = sourceList(3);
    for (const info of [listed(list), walked(list)]) {
      expect([...sourcesOf(info)]).toEqual(list);
      expect(sourceCountOf(info)).toBe(3);
      expect(firstSource(info)).toEqual(list[0]);
    }
    expect(firstSource(walked([]))).toBeUndefined();
  });

  it("withTotals keeps the sources getter unread and the info it was given unchanged", () => {
    const info = walked(sourceList(2));
    const totals: ArchiveTotals = { conversations: [], participants: [], messages: 0, diagnostics: [] };
    const copy = withTotals(info, totals);
    expect(copy.totals).toBe(totals);
    expect(info.totals).toBeUndefined();
    expect(() => copy.sources).toThrow("whole list");
    expect([...sourcesOf(copy)]).toHaveLength(2);
  });
});
