import type { Conversation, Message, Participant } from "../../src/model/index.js";
import { MAY_TRIGGER, neutralise, quote } from "./cells.js";
import { COLUMNS, placeText } from "./columns.js";

/**
 * The reference row: every {@link COLUMNS} getter, neutralised when source-derived, quoted, joined.
 * {@link RowEncoder} must produce exactly these bytes (test/csv-row.test.ts checks it on every sample).
 */
export function referenceRow(m: Message, c: Conversation, sender: Participant | undefined): string {
  return COLUMNS.map((col) => {
    const v = col.get(m, c, sender);
    return quote(col.fromSource ? neutralise(v) : v);
  }).join(",") + "\r\n";
}

/** Cells need quoting when they hold one of these (RFC 4180), or a NUL to write as U+2400. */
const NEEDS_QUOTE = /[",\r\n\0]/;
/** First characters after which a value may need neutralising ({@link MAY_TRIGGER}, plus `'`). */
const CAREFUL_FIRST = new Set([...MAY_TRIGGER, 39]);

/** A source-derived cell: neutralised and quoted only when needed (the common cell is returned as is). */
export function sourceCell(v: string): string {
  if (v === "") return v;
  if (CAREFUL_FIRST.has(v.charCodeAt(0)) || NEEDS_QUOTE.test(v)) return quote(neutralise(v));
  return v;
}

/**
 * Builds CSV rows with the column order of {@link COLUMNS}, written out by hand: one string
 * concatenation per row instead of 22 getter calls and a join (the CSV writer's hot path at millions of
 * messages). Cells that repeat from row to row — the conversation's id and title, the source file, the
 * sender, the zone — are encoded once and remembered.
 */
export class RowEncoder {
  private convCells = "";
  private readonly memo = new Map<string, string>();
  private lastZone = "";
  private lastZoneCell = "";
  private lastRaw = "";
  private lastRawCell = "";

  /** Sets the conversation of the rows that follow. */
  conversation(c: Conversation): void {
    this.convCells = sourceCell(c.id) + "," + sourceCell(c.title) + ",";
  }

  /** One row, CRLF included. */
  row(m: Message, sender: Participant | undefined): string {
    const t = m.sentAt;
    const name = (m.extra?.senderName as string | undefined) ?? sender?.displayName ?? "";
    const e = m.editedAt;
    return (
      this.convCells +
      sourceCell(m.id) + "," +
      m.seq + "," +
      (t.utc ?? "") + "," +
      (t.wall ?? "") + "," +
      (t.offset ?? "") + "," +
      (t.zone === undefined ? "" : this.zoneCell(t.zone)) + "," +
      t.basis + "," +
      t.precision + "," +
      this.rawCell(t.raw) + "," +
      (m.senderId === null ? "" : this.repeated(m.senderId)) + "," +
      this.repeated(name) + "," +
      m.kind + "," +
      m.status + "," +
      sourceCell(m.text) + "," +
      (m.replyTo === undefined ? "" : sourceCell(m.replyTo)) + "," +
      (e === undefined ? "" : quote(e.utc ?? e.wall ?? "")) + "," +
      (m.attachments.length ? attachmentCells(m) : ",") + "," +
      this.repeated(m.provenance.file) + "," +
      sourceCell(placeText(m.provenance.at)) + "\r\n"
    );
  }

  /** A cell whose value repeats across rows, encoded once (bounded, so memory stays flat). */
  private repeated(v: string): string {
    let cell = this.memo.get(v);
    if (cell === undefined) {
      cell = sourceCell(v);
      if (this.memo.size >= 4096) this.memo.clear();
      this.memo.set(v, cell);
    }
    return cell;
  }

  /**
   * The source's own timestamp repeats for every message of one minute (WhatsApp and spreadsheet
   * exports; "1/15/20, 10:05 PM" must be quoted for its comma): a one-value memo. In the bench's
   * WhatsApp file 1M rows hold 300k runs of equal times.
   */
  private rawCell(raw: string): string {
    if (raw !== this.lastRaw) {
      this.lastRaw = raw;
      this.lastRawCell = sourceCell(raw);
    }
    return this.lastRawCell;
  }

  /** The zone column is ours (not neutralised), so it has its own one-value memo. */
  private zoneCell(zone: string): string {
    if (zone !== this.lastZone) {
      this.lastZone = zone;
      this.lastZoneCell = quote(zone);
    }
    return this.lastZoneCell;
  }
}

/** The `attachments` and `attachment_sha256` cells, comma between them. */
function attachmentCells(m: Message): string {
  const list = m.attachments.map((a) => `${a.kind}:${a.availability}${a.fileName ? ":" + a.fileName : ""}`).join("; ");
  const hashes = m.attachments.map((a) => a.sha256 ?? "").filter(Boolean).join("; ");
  return sourceCell(list) + "," + quote(hashes);
}
