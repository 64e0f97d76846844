import { sha256Hex } from "../../src/io/hash.js";
import type { MediaStore } from "../../src/io/media.js";
import { memorySource, type InputSource, type InputTree } from "../../src/io/source.js";
import { columnNames, type SqliteCopy } from "../../src/io/sqlite.js";
import type { ReadContext } from "../../src/plugin/types.js";
import { openSideDatabase } from "./database.js";

/** Where a WeChat voice database keeps its clips: the table, the column holding the message's server id, the audio column. */
export interface VoiceTable {
  table: string;
  key: string;
  data: string;
  /**
   * A column numbering the pieces of one clip (4.x `data_index`): when the table has it, every row of a
   * key is taken in that order and the pieces joined as stored; otherwise the first row with audio.
   */
  pieces?: string;
}

/** PC 3.x `MediaMSG<n>.db` (formats-cn.md §5.1). */
export const PC3_VOICES: VoiceTable = { table: "Media", key: "Reserved0", data: "Buf" };
/** 4.x `message/media_<n>.db` (formats-cn.md §6). */
export const V4_VOICES: VoiceTable = { table: "VoiceInfo", key: "svr_id", data: "voice_data", pieces: "data_index" };

/** A voice clip found for a message: where it is recorded, its bytes' SHA-256 and size. */
export interface VoiceClip {
  /** `<database path in the input>:<table>/<server id>`, the attachment's path (and the store's key). */
  path: string;
  sha256: string;
  bytes: number;
}

interface VoiceDb {
  name: string;
  copy: SqliteCopy;
  find: import("better-sqlite3").Statement;
  /** Joins every row of a key (pieces) instead of taking the first. */
  join: boolean;
}

/**
 * The voice databases of a WeChat account (PC 3.x `MediaMSG<n>.db` table `Media`, 4.x `media_<n>.db`
 * table `VoiceInfo`): the message's server id → the audio (SILK v3 as WeChat stores it; chatport does
 * not transcode). Each database is read from a private copy like the message databases; an index of
 * server id → row is built in the copy's temp schema (the originals have none on that column), so a
 * lookup per voice message is cheap and nothing is held in the JS heap. Also the media store that hands
 * the bytes to writers and media extraction.
 */
export class VoiceStore implements MediaStore {
  private constructor(private readonly dbs: VoiceDb[], private readonly spec: VoiceTable) {}

  /** Opens the voice databases `names` (tree paths, in lookup order); one that cannot be read is reported and left out. */
  static async open(tree: InputTree, names: string[], spec: VoiceTable, ctx: ReadContext): Promise<VoiceStore> {
    const dbs: VoiceDb[] = [];
    for (const name of names) {
      const src = await tree.open(name);
      if (!src) continue;
      const copy = await openSideDatabase(src, "voice audio", "Its voice messages are marked missing.", ctx);
      if (!copy) continue;
      const cols = columnNames(copy.db, spec.table);
      if (!cols.has(spec.key) || !cols.has(spec.data)) {
        ctx.report("unrecognized-record", { message: `${name} has no ${spec.table} table with ${spec.key} and ${spec.data} columns; its voice messages are marked missing.`, file: name });
        await copy.dispose();
        continue;
      }
      const join = spec.pieces !== undefined && cols.has(spec.pieces);
      const q = (c: string) => `"${c.replace(/"/g, '""')}"`;
      const t = `main.${q(spec.table)}`;
      copy.db.exec(`CREATE TEMP TABLE voice_index AS SELECT ${q(spec.key)} AS svr, ${join ? `CAST(${q(spec.pieces!)} AS INTEGER)` : "0"} AS piece, rowid AS rid FROM ${t} WHERE ${q(spec.data)} IS NOT NULL; CREATE INDEX temp.voice_index_svr ON voice_index(svr, piece, rid);`);
      const find = copy.db.prepare(`SELECT ${t}.${q(spec.data)} AS buf FROM temp.voice_index JOIN ${t} ON ${t}.rowid = voice_index.rid WHERE voice_index.svr = ? ORDER BY voice_index.piece, voice_index.rid${join ? "" : " LIMIT 1"}`);
      dbs.push({ name, copy, find, join });
    }
    return new VoiceStore(dbs, spec);
  }

  /** The clip of the message with server id `svrid` (as MSG stores it), from the first database that has it. */
  find(svrid: string): VoiceClip | undefined {
    for (const d of this.dbs) {
      const buf = this.blob(d, svrid);
      if (buf) return { path: `${d.name}:${this.spec.table}/${svrid}`, sha256: sha256Hex(buf), bytes: buf.byteLength };
    }
    return undefined;
  }

  async open(path: string): Promise<InputSource | undefined> {
    const mark = `:${this.spec.table}/`;
    const at = path.lastIndexOf(mark);
    if (at < 0) return undefined;
    const d = this.dbs.find((x) => x.name === path.slice(0, at));
    const buf = d && this.blob(d, path.slice(at + mark.length));
    return buf ? memorySource(path.slice(path.lastIndexOf("/") + 1) + ".silk", buf) : undefined;
  }

  /** Closes the databases and removes their copies. */
  async dispose(): Promise<void> {
    for (const d of this.dbs) await d.copy.dispose();
  }

  private blob(d: VoiceDb, svrid: string): Buffer | undefined {
    const rows = (d.join ? d.find.all(svrid) : [d.find.get(svrid)]) as ({ buf: unknown } | undefined)[];
    const parts = rows.flatMap((r) => (r && r.buf instanceof Uint8Array && r.buf.byteLength > 0 ? [r.buf] : []));
    return parts.length ? Buffer.concat(parts) : undefined;
  }
}
