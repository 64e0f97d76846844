import type { OutputSink } from "../../src/io/sink.js";
import type { WriteContext, WriterSession } from "../../src/plugin/types.js";
import { volumeName } from "../../src/plugin/volume-name.js";
import type { Conversation } from "../../src/model/index.js";
import { ExcelLimits } from "./excel-limits.js";
import { COLUMNS } from "./columns.js";
import { RowEncoder } from "./row.js";

/**
 * One row per message: UTF-8 BOM (for Excel), CRLF records, RFC 4180 quoting, ids as text. With `split`
 * N and a file output, every N rows start a new part beside it (`chat.vol002.csv`, …), each with the BOM
 * and the header, so that each opens whole in a spreadsheet.
 */
export function createCsvWriter(sink: OutputSink, ctx: WriteContext): WriterSession {
  const bom = ctx.options.bom !== false;
  const split = typeof ctx.options.split === "number" ? ctx.options.split : undefined;
  const canSplit = split !== undefined && !!ctx.openSibling && !!ctx.outputName;
  const perPart = canSplit ? split : Infinity;
  const header = (bom ? "\uFEFF" : "") + COLUMNS.map((c) => c.name).join(",") + "\r\n";
  const rows = new RowEncoder();
  const excel = new ExcelLimits(canSplit ? split : undefined);
  let conv: Conversation | undefined;
  let out = sink;
  let part = 1;
  let inPart = 0;

  const nextPart = async () => {
    if (out !== sink) await out.close();
    out = await ctx.openSibling!(volumeName(ctx.outputName!, ++part));
    await out.write(header);
    inPart = 0;
  };
  const write = (row: string): void | Promise<void> => {
    inPart++;
    return out.write(row);
  };

  return {
    async begin() {
      if (split !== undefined && !canSplit)
        ctx.report("lossy-output", { message: "--split needs a file output (parts are written beside it); everything was written as one CSV." });
      await sink.write(header);
    },
    conversation(c) {
      conv = c;
      rows.conversation(c);
    },
    message(m) {
      const sender = m.senderId ? ctx.participant(m.senderId) : undefined;
      const row = rows.row(m, sender);
      excel.check(row.length, m, conv!, sender);
      if (inPart >= perPart) return nextPart().then(() => write(row));
      return write(row);
    },
    conversationEnd() {},
    async end() {
      excel.report(ctx);
      if (out !== sink) await out.close();
    },
  };
}
