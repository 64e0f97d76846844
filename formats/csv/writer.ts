import type { OutputSink } from "../../src/io/sink.js";
import type { Conversation } from "../../src/model/index.js";
import type { WriteContext, WriterSession } from "../../src/plugin/types.js";
import { neutralise, quote } from "./cells.js";
import { COLUMNS } from "./columns.js";

/** One row per message: UTF-8 BOM (for Excel), CRLF records, RFC 4180 quoting, ids as text. */
export function createCsvWriter(sink: OutputSink, ctx: WriteContext): WriterSession {
  const bom = ctx.options.bom !== false;
  let conv: Conversation | undefined;
  const cells: string[] = COLUMNS.map(() => "");
  return {
    async begin() {
      await sink.write((bom ? "\uFEFF" : "") + COLUMNS.map((c) => c.name).join(",") + "\r\n");
    },
    conversation(c) {
      conv = c;
    },
    message(m) {
      const sender = m.senderId ? ctx.participant(m.senderId) : undefined;
      // One reused cell array joined once: far less garbage than growing the row string cell by cell.
      for (let i = 0; i < COLUMNS.length; i++) {
        const col = COLUMNS[i]!;
        const v = col.get(m, conv!, sender);
        cells[i] = quote(col.fromSource ? neutralise(v) : v);
      }
      cells[COLUMNS.length - 1] += "\r\n";
      return sink.write(cells.join(","));
    },
    conversationEnd() {
      conv = undefined;
    },
    end() {},
  };
}
