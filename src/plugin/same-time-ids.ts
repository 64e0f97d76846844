/**
 * Message ids for sources that have none (QQ TXT and MHT, QCE TXT, WhatsApp): the caller hashes what a
 * message is (conversation, source time, sender, text) into a base id, and repeats of one base among the
 * messages sharing one source time are numbered `-2`, `-3`, … in file order. Two equal messages in the
 * same second are two messages; the numbering keeps both ids stable from run to run.
 *
 * Only the current time's bases are remembered, and a map is made only when a second message shares the
 * time (most times are unique: no map per message on large inputs).
 */
export class SameTimeIds {
  private current: string | undefined;
  private firstBase: string | undefined;
  private seen: Map<string, number> | undefined;

  /** The source time of the last {@link id} call (callers that derive per-time state compare with it). */
  get time(): string | undefined {
    return this.current;
  }

  /** The id of a message with `base` at source time `time`. */
  id(time: string, base: string): string {
    if (time !== this.current) {
      this.current = time;
      this.firstBase = base;
      this.seen = undefined;
      return base;
    }
    const seen = (this.seen ??= new Map([[this.firstBase!, 1]]));
    const dup = seen.get(base) ?? 0;
    seen.set(base, dup + 1);
    return dup === 0 ? base : `${base}-${dup + 1}`;
  }

  /** Forgets the current time (a new conversation starts). */
  reset(): void {
    this.current = undefined;
    this.firstBase = undefined;
    this.seen = undefined;
  }
}
