import type { V4Row } from "./schema.js";

/** One database's ordered rows of a conversation's table. */
export interface V4Cursor {
  db: number;
  iter: Iterator<V4Row>;
  head: V4Row | undefined;
}

const cmp = (a: bigint | null, b: bigint | null): number => {
  const x = a ?? -1n, y = b ?? -1n;
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * Merges one conversation's rows from several message_N.db files (each ordered by create_time, sort_seq,
 * local_id) into time order; database number breaks ties. One row per database in memory.
 */
export function* mergeTables(cursors: V4Cursor[]): Generator<{ row: V4Row; db: number }> {
  for (const c of cursors) next(c);
  for (;;) {
    let best: V4Cursor | undefined;
    for (const c of cursors) {
      if (!c.head) continue;
      if (!best) best = c;
      else {
        const a = c.head, b = best.head!;
        const d = cmp(a.createTime, b.createTime) || cmp(a.sortSeq, b.sortSeq) || c.db - best.db || cmp(a.localId, b.localId);
        if (d < 0) best = c;
      }
    }
    if (!best) return;
    yield { row: best.head!, db: best.db };
    next(best);
  }
}

function next(c: V4Cursor): void {
  const r = c.iter.next();
  c.head = r.done ? undefined : r.value;
}
