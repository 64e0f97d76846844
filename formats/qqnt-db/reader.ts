import { loadProtobuf } from "./protobuf.js";
import { ChatportError } from "../../src/diagnostics/errors.js";
import type { InputSource, InputTree } from "../../src/io/source.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { TABLES, cellText, type Row } from "./columns.js";
import { databaseOf, openNtDb } from "./open.js";
import { QqntMapper } from "./rows.js";
import { reportIgnoredSidecars } from "../../src/io/sqlite-wal.js";

const quote = (c: string) => `"${c.replace(/"/g, '""')}"`;

/**
 * Reads a decrypted QQNT nt_msg.db: c2c_msg_table then group_msg_table, each ordered by conversation
 * key, send time and msgId, rows iterated one by one from a private read-only copy (64-bit integers
 * arrive as bigint via safeIntegers and become decimal text).
 */
export async function* readQqntDb(input: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent> {
  await loadProtobuf();
  const { db: source, tree } = await databaseOf(input);
  const { copy } = await openNtDb(source);
  try {
    reportIgnoredSidecars(copy, source.name, ctx);
    const db = copy.db;
    const schema = db.prepare("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')").all() as { name: string; type: string }[];
    const tables = new Set(schema.filter((r) => r.type === "table").map((r) => r.name));
    const views = new Set(schema.filter((r) => r.type === "view").map((r) => r.name));
    const present = TABLES.filter((t) => tables.has(t.name));
    // A view in a message table's place (a hand-edited database) has no rowid to read it by: said, not skipped.
    for (const t of TABLES)
      if (views.has(t.name)) ctx.report("unrecognized-record", { message: `${source.name}: ${t.name} is a view, not a table; its messages are not read.`, file: source.name, raw: t.name });
    if (present.length === 0)
      throw new ChatportError(
        "unknown-format",
        TABLES.some((t) => views.has(t.name))
          ? `${source.name} holds QQNT's message tables only as views (${TABLES.filter((t) => views.has(t.name)).map((t) => t.name).join(", ")}), which chatport does not read: give the original nt_msg.db.`
          : `${source.name} is a SQLite database without QQNT's c2c_msg_table or group_msg_table; give nt_msg.db (profile_info.db and others hold no messages).`,
      );
    const mapper = new QqntMapper(ctx, source.name, tree);
    for (const t of present) {
      const columns = (db.prepare(`PRAGMA table_info(${quote(t.name)})`).all() as { name: string }[]).map((c) => c.name);
      const keyCols = t.key.filter((k) => columns.includes(k));
      if (keyCols.length === 0 || !columns.includes("40001"))
        throw new ChatportError("input-damaged", `${source.name}: table ${t.name} lacks the columns 40001 and ${t.key.join("/")}; it does not look like a QQNT message table.`);
      // Conversation key: the first non-zero of the table's key columns (formats-cn.md §13).
      const keyExpr = `COALESCE(${keyCols.map((k) => `NULLIF(CAST(${quote(k)} AS TEXT), '0')`).join(", ")}, '')`;
      // rowid last: 40001 is unique in QQNT's tables, but the order must be total whatever the file holds (sqlite.ts SORTER_THREADS).
      const order = [keyExpr, ...(columns.includes("40050") ? [quote("40050")] : []), quote("40001"), "rowid"].join(", ");
      const stmt = db.prepare(`SELECT rowid AS "_rowid", ${keyExpr} AS "_key", * FROM ${quote(t.name)} ORDER BY ${order}`).safeIntegers(true);
      for (const row of stmt.iterate() as IterableIterator<Row>) {
        const events = await mapper.row(t.name, t.chat, cellText(row._key) ?? "", row);
        for (const ev of events) yield ev;
      }
      const end: ChatEvent[] = [];
      mapper.close(end);
      yield* end;
    }
    ctx.account?.({ ...mapper.accounting });
  } finally {
    await copy.dispose();
  }
}
