import type { SqliteDatabase } from "../../src/io/sqlite.js";
import type { MsgRow } from "./schema.js";

/** One shard's ordered rows, with the file it came from. */
export interface ShardCursor {
  shard: number;
  file: string;
  iter: Iterator<MsgRow>;
  head: MsgRow | undefined;
  talkerKey: Buffer;
}

const EMPTY = Buffer.alloc(0);

/** Opens the ordered row cursor of each shard (64-bit integers as bigint: `safeIntegers`). */
export function openCursors(shards: { db: SqliteDatabase; sql: string; file: string }[]): ShardCursor[] {
  return shards.map((s, shard) => {
    const iter = (s.db.prepare(s.sql).safeIntegers(true).iterate() as IterableIterator<MsgRow>)[Symbol.iterator]();
    const c: ShardCursor = { shard, file: s.file, iter, head: undefined, talkerKey: EMPTY };
    advance(c);
    return c;
  });
}

function advance(c: ShardCursor): void {
  const r = c.iter.next();
  c.head = r.done ? undefined : r.value;
  // SQLite sorts TEXT by its UTF-8 bytes (BINARY collation); compare the same way.
  c.talkerKey = c.head?.talker ? Buffer.from(c.head.talker, "utf8") : EMPTY;
}

const cmpBig = (a: bigint | null, b: bigint | null): number => {
  const x = a ?? -1n, y = b ?? -1n;
  return x < y ? -1 : x > y ? 1 : 0;
};

function compare(a: ShardCursor, b: ShardCursor): number {
  const ha = a.head!, hb = b.head!;
  return (
    Buffer.compare(a.talkerKey, b.talkerKey) ||
    cmpBig(ha.createTime, hb.createTime) ||
    cmpBig(ha.sequence, hb.sequence) ||
    a.shard - b.shard ||
    cmpBig(ha.localId, hb.localId)
  );
}

/**
 * Merges the shards' rows (each already ordered by talker, CreateTime, Sequence, localId) into one
 * stream in that order, so a conversation spread over MSG0..n comes out contiguous and in time order.
 * Memory holds one row per shard.
 */
export function* mergeShards(cursors: ShardCursor[]): Generator<{ row: MsgRow; file: string; shard: number }> {
  for (;;) {
    let best: ShardCursor | undefined;
    for (const c of cursors) if (c.head && (!best || compare(c, best) < 0)) best = c;
    if (!best) return;
    const row = best.head!;
    yield { row, file: best.file, shard: best.shard };
    advance(best);
  }
}
