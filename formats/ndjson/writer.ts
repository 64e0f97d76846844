import { writePieces, type OutputSink } from "../../src/io/sink.js";
import { SCHEMA_VERSION } from "../../src/model/version.js";
import { participantsOf, statsOf } from "../../src/plugin/archive-lists.js";
import { sourcesOf } from "../../src/plugin/archive-sources.js";
import type { WriteContext, WriterSession } from "../../src/plugin/types.js";
import { MessageJson } from "../json/message-json.js";
import { arrayPieces } from "../json/writer.js";

/**
 * One JSON value per line, in event order: an `archive` header, then `conversation`, `participant`,
 * `message` and `conversation-end` records as they are read, then `diagnostic` records and an `end`
 * record with the counts. UTF-8, no BOM, LF, newline after the last line (jsonlines.org).
 */
export function createNdjsonWriter(sink: OutputSink, _ctx: WriteContext): WriterSession {
  const line = (o: Record<string, unknown>) => sink.write(JSON.stringify(o) + "\n");
  const messages = new MessageJson();
  return {
    // The sources written one by one (a folder input has one per file), as JSON.stringify would write them.
    async begin(info) {
      await sink.write(`${JSON.stringify({ type: "archive", schemaVersion: SCHEMA_VERSION, generator: info.generator }).slice(0, -1)},"sources":`);
      await writePieces(sink, arrayPieces(sourcesOf(info)));
      await sink.write("}\n");
    },
    conversation: (c) => line({ type: "conversation", ...c }),
    participant: (p) => line({ type: "participant", ...p }),
    message: (m) => sink.write(`${messages.message(m, '"type":"message",')}\n`),
    conversationEnd: (c, stats) => line({ type: "conversation-end", ...c, stats }),
    async end(e) {
      for (const p of participantsOf(e)) await line({ type: "participant", ...p });
      for (const d of e.diagnostics) await line({ type: "diagnostic", ...d });
      // The end record names every conversation's counters: written member by member (one stringify of
      // 100,000 conversations' counters was a 25 MB string), with the bytes JSON.stringify gives.
      await sink.write(`{"type":"end","complete":${!e.failure},"stats":{`);
      await writePieces(sink, members(statsOf(e)));
      await sink.write("}}\n");
    },
  };
}

/** The members of an object as `JSON.stringify` writes them, given as entries in its key order, comma-separated, one a piece. */
function* members(entries: Iterable<[string, unknown]>): Generator<string> {
  let first = true;
  for (const [k, v] of entries) {
    yield `${first ? "" : ","}${JSON.stringify(k)}:${JSON.stringify(v)}`;
    first = false;
  }
}
