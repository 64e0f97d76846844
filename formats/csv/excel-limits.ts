import type { Conversation, Message, Participant } from "../../src/model/index.js";
import type { WriteContext } from "../../src/plugin/types.js";
import { neutralise } from "./cells.js";
import { COLUMNS } from "./columns.js";

/** Characters an Excel cell holds: a longer CSV field is cut short when Excel opens the file. */
export const EXCEL_CELL_CHARS = 32_767;
/** Rows an Excel sheet holds, the header row included: the rest of a longer CSV is not loaded. */
export const EXCEL_ROWS = 1_048_576;

/**
 * Watches a CSV for what Excel cannot open whole, and reports it once at the end (`spreadsheet-limit`):
 * fields longer than {@link EXCEL_CELL_CHARS} (Excel cuts them without a word) and more messages than
 * the {@link EXCEL_ROWS} rows of a sheet. The CSV itself holds everything. Only rows longer than the cell
 * limit are looked into, so the common row costs two comparisons.
 */
export class ExcelLimits {
  /** `rowsPerFile`: the parts' size when the CSV is split (only longer parts can pass the sheet's rows). */
  constructor(private readonly rowsPerFile?: number) {}
  private messages = 0;
  private rows = 0;
  private readonly firstIds: string[] = [];
  private readonly columns = new Set<string>();

  /** Looks into a row of `rowLength` characters (CRLF included), if any of its fields can be too long. */
  check(rowLength: number, m: Message, c: Conversation, sender: Participant | undefined): void {
    this.messages++;
    if (rowLength <= EXCEL_CELL_CHARS) return;
    let hit = false;
    for (const col of COLUMNS) {
      const v = col.get(m, c, sender);
      if (v.length < EXCEL_CELL_CHARS) continue; // neutralising adds one character at most
      if ((col.fromSource ? neutralise(v) : v).length > EXCEL_CELL_CHARS) {
        this.columns.add(col.name);
        hit = true;
      }
    }
    if (!hit) return;
    this.rows++;
    if (this.firstIds.length < 3) this.firstIds.push(m.id);
  }

  /** Reports what was found, if anything. */
  report(ctx: WriteContext): void {
    const perFile = Math.min(this.messages, this.rowsPerFile ?? Infinity);
    if (perFile >= EXCEL_ROWS)
      ctx.report("spreadsheet-limit", {
        message: `The CSV has ${grouped(perFile)} message rows${this.rowsPerFile ? " per part" : ""}; an Excel sheet shows the header and the first ${grouped(EXCEL_ROWS - 1)} only. The file holds them all: for Excel, convert again with --split ${grouped(EXCEL_ROWS - 1).replace(/,/g, "")} (parts that each open whole), or load it with Power Query (Data › From Text/CSV › Load To… › Data Model).`,
      });
    if (this.rows === 0) return;
    const more = this.rows > this.firstIds.length ? ", …" : "";
    ctx.report("spreadsheet-limit", {
      message: `${this.rows} row(s) have a ${[...this.columns].join(" / ")} field longer than the ${grouped(EXCEL_CELL_CHARS)} characters an Excel cell holds (message ${this.firstIds.join(", ")}${more}). The CSV holds them whole, but Excel cuts them short when it opens the file: read those messages in the JSON or HTML output, or in a tool without that limit.`,
    });
  }
}

/** An integer with commas between groups of three digits ("1,048,576"), the same on every machine (no locale data). */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
