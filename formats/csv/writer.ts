import type { OutputSink } from "../../src/io/sink.js";
import type { WriteContext, WriterSession } from "../../src/plugin/types.js";
import { COLUMNS } from "./columns.js";
import { RowEncoder } from "./row.js";

/** One row per message: UTF-8 BOM (for Excel), CRLF records, RFC 4180 quoting, ids as text. */
export function createCsvWriter(sink: OutputSink, ctx: WriteContext): WriterSession {
  const bom = ctx.options.bom !== false;
  const rows = new RowEncoder();
  return {
    async begin() {
      await sink.write((bom ? "\uFEFF" : "") + COLUMNS.map((c) => c.name).join(",") + "\r\n");
    },
    conversation(c) {
      rows.conversation(c);
    },
    message(m) {
      return sink.write(rows.row(m, m.senderId ? ctx.participant(m.senderId) : undefined));
    },
    conversationEnd() {},
    end() {},
  };
}
