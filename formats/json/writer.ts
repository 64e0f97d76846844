import { writePieces, type OutputSink } from "../../src/io/sink.js";
import type { Diagnostic } from "../../src/model/schema.js";
import { SCHEMA_VERSION } from "../../src/model/version.js";
import { participantsOf } from "../../src/plugin/archive-lists.js";
import { sourcesOf } from "../../src/plugin/archive-sources.js";
import type { WriteContext, WriterSession } from "../../src/plugin/types.js";
import { MessageJson } from "./message-json.js";

/**
 * Streams the Archive as JSON: header fields, then each conversation with its messages one per line,
 * then participants and diagnostics (known only at the end). A conversation's `kind` and
 * `participantIds` follow its messages because readers learn them while reading. When reading stopped
 * with an error, the archive still closes and its last diagnostic is `conversion-stopped`.
 */
export function createJsonWriter(sink: OutputSink, _ctx: WriteContext): WriterSession {
  let convCount = 0;
  let msgCount = 0;
  let open = false;
  const messages = new MessageJson();
  return {
    async begin(info) {
      await sink.write(`{\n"schemaVersion": ${JSON.stringify(SCHEMA_VERSION)},\n"generator": ${JSON.stringify(info.generator)},\n"sources": `);
      await writePieces(sink, arrayPieces(sourcesOf(info)));
      await sink.write(`,\n"conversations": [`);
    },
    async conversation(c) {
      const head = { id: c.id, platform: c.platform, title: c.title, source: c.source };
      const text = JSON.stringify(head);
      await sink.write(`${convCount++ ? "," : ""}\n${text.slice(0, -1)},"messages":[`);
      msgCount = 0;
      open = true;
    },
    message(m) {
      return sink.write(`${msgCount++ ? "," : ""}\n${messages.message(m)}`);
    },
    async conversationEnd(c) {
      const tail = { kind: c.kind, participantIds: c.participantIds, ...(c.extra ? { extra: c.extra } : {}) };
      await sink.write(`${msgCount ? "\n" : ""}],${JSON.stringify(tail).slice(1)}`);
      open = false;
    },
    async end(e) {
      if (open) await sink.write(`${msgCount ? "\n" : ""}],"kind":"unknown","participantIds":[]}`);
      // A failure is recorded in the archive itself: a closed, valid archive must not pass for a whole one.
      const diagnostics: Diagnostic[] = e.failure
        ? [...e.diagnostics, { code: "conversion-stopped", severity: "error", message: `Reading stopped early: ${e.failure.message} This archive holds only what was read before that.`, origin: "chatport" }]
        : e.diagnostics;
      await sink.write(`\n],\n"participants": [`);
      await writePieces(sink, elements(participantsOf(e)));
      await sink.write(`],\n"diagnostics": [`);
      await writePieces(sink, elements(diagnostics));
      await sink.write(`]\n}\n`);
    },
  };
}

/**
 * An array as `JSON.stringify` writes it, on one line, an element a piece: the sources of a folder input
 * are one per file (100,000 files stringified at once made a 20 MB string beside their 20 MB of objects).
 */
export function* arrayPieces(items: Iterable<unknown>): Generator<string> {
  let first = true;
  for (const item of items) {
    yield `${first ? "[" : ","}${JSON.stringify(item)}`;
    first = false;
  }
  yield first ? "[]" : "]";
}

/**
 * The elements of a JSON array, one a line and one piece each, and the line break before its "]" when
 * there are any: the lists are as long as the input has people (100,000 participants joined into one
 * string made 10 MB more at the end of a run; the pipeline hands them out one at a time).
 */
function* elements(items: Iterable<unknown>): Generator<string> {
  let first = true;
  for (const item of items) {
    yield `${first ? "" : ","}\n${JSON.stringify(item)}`;
    first = false;
  }
  if (!first) yield "\n";
}
