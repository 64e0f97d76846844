/**
 * Drives a writer with a whole in-memory Archive the way the engine does: each conversation opens
 * before its kind and participants are known (the json writer defers them), participants come as met,
 * and everything again at the end.
 */
import { memorySink, type MemorySink, type OutputSink } from "../../src/io/index.js";
import type { Archive, Participant } from "../../src/model/index.js";
import type { ConversationStats, WriteContext, WriterPlugin } from "../../src/plugin/types.js";

const STATS: ConversationStats = { messages: 0, byKind: {}, attachments: { present: 0, missing: 0, omitted: 0 }, recalled: 0, deleted: 0, edited: 0, byBasis: {} };

/** Writes `a` with `plugin` into `sink` (a memory sink by default); `ctx` adds to the write context. */
export async function writeArchive<S extends OutputSink = MemorySink>(
  plugin: WriterPlugin,
  a: Archive,
  options: Record<string, unknown> = {},
  ctx: Partial<WriteContext> = {},
  sink: S = memorySink() as OutputSink as S,
): Promise<S> {
  const people = new Map<string, Participant>(a.participants.map((p) => [p.id, p]));
  const wctx: WriteContext = { writerId: plugin.id, options, report: () => {}, participant: (id) => people.get(id), ...ctx };
  const s = plugin.create(sink, wctx);
  await s.begin({ sources: a.sources, generator: a.generator, generatedAt: "1970-01-01T00:00:00Z", zonePolicy: {} });
  let first = true;
  for (const { messages, ...c } of a.conversations) {
    await s.conversation({ ...c, kind: "unknown", participantIds: [] });
    if (first) for (const p of a.participants) await s.participant?.(p);
    first = false;
    for (const m of messages) await s.message(m);
    await s.conversationEnd(c, STATS);
  }
  await s.end({ participants: a.participants, diagnostics: a.diagnostics, stats: {} });
  await sink.close();
  return sink;
}
