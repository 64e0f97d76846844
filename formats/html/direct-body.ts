import type { Conversation, SourceFile } from "../../src/model/index.js";
import { renderConversationHead } from "./render.js";

/**
 * The "direct" plan of a single html file written without totals: the body goes straight into the
 * output after a run of spaces left for the cover, and the cover and the conversation headings that
 * depend on the end are written over their places when it comes (OutputSink.patch). Spooling the body
 * and copying it behind the cover wrote every byte twice more: QQ TXT 1M → html took 6.2–7.3 s against
 * 4.7 s without the copy (CSV: 4.2 s), most of the difference waiting on the disk.
 */

/** Body bytes kept in memory before the direct plan starts: smaller documents are assembled in memory, without padding. */
export const DIRECT_AFTER = 4 << 20;

/** Spaces after each heading written before its conversation closed: room for its final kind and title. */
export const HEADING_ROOM = 64;

/**
 * Bytes left before the body: the cover as it would be written now (without totals) plus room for the
 * totals' tables: 1/32 of the input's bytes, at least 256 KiB and at most 16 MiB. Tables that do not
 * fit are written after the messages instead (see renderCover's `tablesAtEnd`).
 */
export function coverRoom(coverNowBytes: number, sources: readonly SourceFile[]): number {
  const input = sources.reduce((n, s) => n + s.bytes, 0);
  return coverNowBytes + Math.min(16 << 20, Math.max(256 << 10, Math.ceil(input / 32)));
}

/** `text` followed by spaces up to `bytes` UTF-8 bytes (the caller checked it fits). */
function padded(text: string, bytes: number): Buffer {
  const b = Buffer.alloc(bytes, 0x20);
  b.write(text, 0, "utf8");
  return b;
}

interface Slot {
  at: number;
  bytes: number;
  text: string;
  conversation: Conversation;
}

/** The conversation headings written so far in the direct plan, with their places. */
export class HeadingSlots {
  private readonly slots: Slot[] = [];

  /** The heading of `c` with its room, to be written at byte `at` of the output. */
  open(at: number, c: Conversation): string {
    const text = renderConversationHead(c, false);
    const withRoom = text + " ".repeat(HEADING_ROOM);
    this.slots.push({ at, bytes: Buffer.byteLength(withRoom), text, conversation: c });
    return withRoom;
  }

  /**
   * Edits for the headings whose conversation closed differently (`final`). A heading that no longer
   * fits its room stays as it was opened; the conversation's closing line states its final title and kind.
   */
  edits(final: (c: Conversation) => Conversation): { offset: number; data: Buffer }[] {
    const out: { offset: number; data: Buffer }[] = [];
    for (const s of this.slots) {
      const text = renderConversationHead(final(s.conversation), false);
      if (text !== s.text && Buffer.byteLength(text) <= s.bytes) out.push({ offset: s.at, data: padded(text, s.bytes) });
    }
    return out;
  }
}
