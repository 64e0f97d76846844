import type { OutputSink } from "../../src/io/sink.js";
import type { WriteContext, WriterSession } from "../../src/plugin/types.js";
import type { Conversation } from "../../src/model/index.js";
import { ExcelLimits } from "./excel-limits.js";
import { COLUMNS } from "./columns.js";
import { RowEncoder } from "./row.js";

/** One row per message: UTF-8 BOM (for Excel), CRLF records, RFC 4180 quoting, ids as text. */
export function createCsvWriter(sink: OutputSink, ctx: WriteContext): WriterSession {
  const bom = ctx.options.bom !== false;
  const rows = new RowEncoder();
  const excel = new ExcelLimits();
  let conv: Conversation | undefined;
  return {
    async begin() {
      await sink.write((bom ? "\uFEFF" : "") + COLUMNS.map((c) => c.name).join(",") + "\r\n");
    },
    conversation(c) {
      conv = c;
      rows.conversation(c);
    },
    message(m) {
      const sender = m.senderId ? ctx.participant(m.senderId) : undefined;
      const row = rows.row(m, sender);
      excel.check(row.length, m, conv!, sender);
      return sink.write(row);
    },
    conversationEnd() {},
    end() {
      excel.report(ctx);
    },
  };
}
