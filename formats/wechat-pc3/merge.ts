import type { SqliteDatabase } from "../../src/io/sqlite.js";
import type { MsgRow } from "./schema.js";

/** One shard's ordered rows, with the file it came from. */
export interface ShardCursor {
  shard: number;
  file: string;
  iter: Iterator<MsgRow>;
  head: MsgRow | undefined;
  talkerKey: Buffer;
  /** True when several shards are merged (the talker's UTF-8 bytes are then needed to compare). */
  keyed: boolean;
}

const EMPTY = Buffer.alloc(0);

/** Opens the ordered row cursor of each shard (64-bit integers as bigint: `safeIntegers`). */
export function openCursors(shards: { db: SqliteDatabase; sql: string; file: string }[]): ShardCursor[] {
  const keyed = shards.length > 1;
  return shards.map((s, shard) => {
    // Rows as arrays (cheaper than better-sqlite3's row objects), turned into MsgRow here.
    const rows = (s.db.prepare(s.sql).safeIntegers(true).raw(true).iterate() as IterableIterator<unknown[]>)[Symbol.iterator]();
    const iter: Iterator<MsgRow> = {
      next: () => {
        const r = rows.next();
        return r.done ? { done: true, value: undefined } : { done: false, value: toRow(r.value) };
      },
      return: (v?: unknown) => {
        rows.return?.();
        return { done: true, value: v as MsgRow };
      },
    };
    const c: ShardCursor = { shard, file: s.file, iter, head: undefined, talkerKey: EMPTY, keyed };
    advance(c);
    return c;
  });
}

/** A row of {@link messageQuery}'s columns, in its column order. */
function toRow(a: unknown[]): MsgRow {
  return {
    localId: a[0] as bigint,
    svrid: a[1] as string | null,
    type: a[2] as bigint | null,
    subType: a[3] as bigint | null,
    isSender: a[4] as bigint | null,
    createTime: a[5] as bigint | null,
    sequence: a[6] as bigint | null,
    talker: a[7] as string | null,
    content: a[8] as string | Buffer | null,
    compress: a[9] as Buffer | null,
    bytesExtra: a[10] as Buffer | null,
    display: a[11] as string | null,
    status: a[12] as bigint | null,
  };
}

function advance(c: ShardCursor): void {
  const r = c.iter.next();
  c.head = r.done ? undefined : r.value;
  // SQLite sorts TEXT by its UTF-8 bytes (BINARY collation); compare the same way (only needed to merge shards).
  if (c.keyed) c.talkerKey = c.head?.talker ? Buffer.from(c.head.talker, "utf8") : EMPTY;
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
  if (cursors.length === 1) {
    // One shard: its rows are already in order.
    const c = cursors[0]!;
    while (c.head) {
      yield { row: c.head, file: c.file, shard: c.shard };
      advance(c);
    }
    return;
  }
  for (;;) {
    let best: ShardCursor | undefined;
    for (const c of cursors) if (c.head && (!best || compare(c, best) < 0)) best = c;
    if (!best) return;
    const row = best.head!;
    yield { row, file: best.file, shard: best.shard };
    advance(best);
  }
}
