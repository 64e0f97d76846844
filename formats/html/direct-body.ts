import type { OutputSink } from "../../src/io/sink.js";
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

/** UTF-16 units of cover text gathered into one patch by {@link patchPieces}. */
const PATCH_UNITS = 1 << 20;

/** Spaces after each heading written before its conversation closed: room for its final kind and title. */
export const HEADING_ROOM = 64;

/**
 * Bytes left before the body: the cover as it would be written now (without totals) plus room for the
 * totals' tables: 1/32 of the input's bytes, at least 256 KiB and at most 16 MiB. Tables that do not
 * fit are written after the messages instead (see renderCover's `tablesAtEnd`).
 */
export function coverRoom(coverNowBytes: number, sources: Iterable<SourceFile>): number {
  let input = 0;
  for (const s of sources) input += s.bytes;
  return coverNowBytes + Math.min(16 << 20, Math.max(256 << 10, Math.ceil(input / 32)));
}

/** The UTF-8 bytes of `pieces`, counted until they pass `limit` (then some number above it). */
export function piecesBytes(pieces: Iterable<string>, limit = Infinity): number {
  let n = 0;
  for (const p of pieces) if ((n += Buffer.byteLength(p, "utf8")) > limit) break;
  return n;
}

/**
 * Writes `pieces` over the output from byte `offset` on, in patches of about {@link PATCH_UNITS}: the
 * cover of a folder input lists every file (100,000 rows, ~20 MB), which was built as one string and
 * encoded whole.
 */
export async function patchPieces(sink: OutputSink, offset: number, pieces: Iterable<string>): Promise<void> {
  let batch: string[] = [];
  let units = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const data = Buffer.from(batch.join(""), "utf8");
    await sink.patch!([{ offset, data }]);
    offset += data.byteLength;
    batch = [];
    units = 0;
  };
  for (const p of pieces) {
    batch.push(p);
    if ((units += p.length) >= PATCH_UNITS) await flush();
  }
  await flush();
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

/** Edit bytes {@link HeadingSlots} collects before the writer should apply them ({@link HeadingSlots.due}). */
const EDITS_DUE = 1 << 20;

/**
 * The conversation headings of the direct plan that may still change. A heading is settled when its
 * conversation closes: an edit when the final form differs, then the slot is forgotten (one slot per
 * conversation kept to the end held ~0.5 KB each: 50 MB for 100,000 conversations). The writer applies
 * the collected edits when they are {@link due} and at the end.
 */
export class HeadingSlots {
  private slots: Slot[] = [];
  private pending: { offset: number; data: Buffer }[] = [];
  private pendingBytes = 0;

  /** The heading of `c` with its room, to be written at byte `at` of the output. */
  open(at: number, c: Conversation): string {
    const text = renderConversationHead(c, false);
    const withRoom = text + " ".repeat(HEADING_ROOM);
    this.slots.push({ at, bytes: Buffer.byteLength(withRoom), text, conversation: c });
    return withRoom;
  }

  /** The heading of a conversation already closed, with the same room (it will not change). */
  settled(c: Conversation): string {
    return renderConversationHead(c, false) + " ".repeat(HEADING_ROOM);
  }

  /** Settles the open heading of `final`'s conversation (by id, the latest opened) as `final`. */
  close(final: Conversation): void {
    for (let i = this.slots.length - 1; i >= 0; i--)
      if (this.slots[i]!.conversation.id === final.id) {
        this.settle(this.slots[i]!, final);
        this.slots.splice(i, 1);
        return;
      }
  }

  /** True when the edits collected are worth a patch now. */
  get due(): boolean {
    return this.pendingBytes >= EDITS_DUE;
  }

  /** The edits collected so far, handed over once. */
  take(): { offset: number; data: Buffer }[] {
    const out = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    return out;
  }

  /**
   * Edits for every heading not yet handed over: those settled, and those still open settled now as
   * `final` gives them. A heading that no longer fits its room stays as it was opened; the
   * conversation's closing line states its final title and kind.
   */
  edits(final: (c: Conversation) => Conversation): { offset: number; data: Buffer }[] {
    for (const s of this.slots) this.settle(s, final(s.conversation));
    this.slots = [];
    return this.take();
  }

  private settle(s: Slot, final: Conversation): void {
    const text = renderConversationHead(final, false);
    if (text === s.text || Buffer.byteLength(text) > s.bytes) return;
    this.pending.push({ offset: s.at, data: padded(text, s.bytes) });
    this.pendingBytes += s.bytes;
  }
}
