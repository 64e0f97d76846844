import type { SqliteDatabase } from "../../src/io/sqlite.js";
import { CREATE_TIME, LOCAL_ID, SEQUENCE, TALKER, type MsgRow } from "./schema.js";

/** One shard's ordered rows, with the file it came from. */
export interface ShardCursor {
  shard: number;
  file: string;
  rows: Iterator<MsgRow>;
  /** The shard's current row; undefined once it is exhausted. */
  head: MsgRow | undefined;
  /** The head's talker as UTF-8 (only kept when several shards are merged). */
  talkerKey: Buffer;
}

const EMPTY = Buffer.alloc(0);

/**
 * Merges the shards' rows (each ordered by SQL: talker, CreateTime, Sequence, localId) into one stream in
 * that order, so a conversation spread over MSG0..n comes out contiguous and in time order. Memory holds
 * one row per shard: SQLite sorts each shard (spilling to its temp files), nothing is collected here.
 *
 * Used as `for (let c = m.next(); c; c = m.next()) use(c.head!, c.file)`: a plain loop rather than a
 * generator, so no wrapper object is made per row (1M rows → 1M fewer short-lived objects).
 */
export class ShardMerge {
  private readonly cursors: ShardCursor[];
  private readonly keyed: boolean;
  private last: ShardCursor | undefined;

  constructor(shards: { db: SqliteDatabase; sql: string; file: string }[]) {
    this.keyed = shards.length > 1;
    // 64-bit integers as bigint (`safeIntegers`); rows as arrays (`raw`), cheaper than row objects.
    this.cursors = shards.map((s, shard) => {
      const rows = (s.db.prepare(s.sql).safeIntegers(true).raw(true).iterate() as IterableIterator<MsgRow>)[Symbol.iterator]();
      const c: ShardCursor = { shard, file: s.file, rows, head: undefined, talkerKey: EMPTY };
      this.advance(c);
      return c;
    });
  }

  /** The cursor whose head is the next row in merged order (the previous one is advanced first); undefined at the end. */
  next(): ShardCursor | undefined {
    if (this.last) this.advance(this.last);
    const cs = this.cursors;
    let best: ShardCursor | undefined;
    if (cs.length === 1) best = cs[0]!.head ? cs[0] : undefined;
    else for (const c of cs) if (c.head && (!best || compare(c, best) < 0)) best = c;
    this.last = best;
    return best;
  }

  /** Stops every shard's statement early (after an error or a consumer that stops). */
  close(): void {
    for (const c of this.cursors) c.rows.return?.();
  }

  private advance(c: ShardCursor): void {
    const r = c.rows.next();
    c.head = r.done ? undefined : r.value;
    // SQLite sorts TEXT by its UTF-8 bytes (BINARY collation); compare the same way (only needed to merge shards).
    if (this.keyed) c.talkerKey = c.head?.[TALKER] ? Buffer.from(c.head[TALKER], "utf8") : EMPTY;
  }
}

const cmpBig = (a: bigint | null, b: bigint | null): number => {
  const x = a ?? -1n, y = b ?? -1n;
  return x < y ? -1 : x > y ? 1 : 0;
};

function compare(a: ShardCursor, b: ShardCursor): number {
  const ha = a.head!, hb = b.head!;
  return (
    Buffer.compare(a.talkerKey, b.talkerKey) ||
    cmpBig(ha[CREATE_TIME], hb[CREATE_TIME]) ||
    cmpBig(ha[SEQUENCE], hb[SEQUENCE]) ||
    a.shard - b.shard ||
    cmpBig(ha[LOCAL_ID], hb[LOCAL_ID])
  );
}
