import type { Conversation, Message, Participant } from "../../src/model/index.js";
import type { WriteContext } from "../../src/plugin/types.js";
import { neutralise } from "./cells.js";
import { COLUMNS } from "./columns.js";

/** Characters an Excel cell holds: a longer CSV field is cut short when Excel opens the file. */
export const EXCEL_CELL_CHARS = 32_767;

/**
 * Finds rows with a field longer than {@link EXCEL_CELL_CHARS} and reports them once at the end
 * (`spreadsheet-cell-limit`): the CSV holds the text whole, but an auditor who opens it in Excel sees it
 * cut without a word. Only rows longer than the limit are looked into, so the common row costs one
 * length comparison.
 */
export class CellLimitWatch {
  private rows = 0;
  private readonly firstIds: string[] = [];
  private readonly columns = new Set<string>();

  /** Looks into a row of `rowLength` characters (CRLF included), if any of its fields can be too long. */
  check(rowLength: number, m: Message, c: Conversation, sender: Participant | undefined): void {
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
    if (this.rows === 0) return;
    const more = this.rows > this.firstIds.length ? ", …" : "";
    ctx.report("spreadsheet-cell-limit", {
      message: `${this.rows} row(s) have a ${[...this.columns].join(" / ")} field longer than the ${EXCEL_CELL_CHARS.toLocaleString("en-US")} characters an Excel cell holds (message ${this.firstIds.join(", ")}${more}). The CSV holds them whole, but Excel cuts them short when it opens the file: read those messages in the JSON or HTML output, or in a tool without that limit.`,
    });
  }
}
