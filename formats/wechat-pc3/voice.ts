import { isChatportError } from "../../src/diagnostics/errors.js";
import { sha256Hex } from "../../src/io/hash.js";
import type { MediaStore } from "../../src/io/media.js";
import { memorySource, type InputSource, type InputTree } from "../../src/io/source.js";
import type { SqliteCopy, SqliteDatabase } from "../../src/io/sqlite.js";
import type { ReadContext } from "../../src/plugin/types.js";
import { openWechatDatabase } from "../wechat-shared/database.js";
import { columnsOf } from "./schema.js";

/** `MediaMSG0.db … MediaMSGn.db`: voice audio of the account (formats-cn.md §5.1). */
export const MEDIA_DB = /(?:^|\/)MediaMSG(\d*)\.db$/i;

/** A voice clip found for a message: where it is recorded, its bytes' SHA-256 and size. */
export interface VoiceClip {
  /** `<database path in the input>:Media/<MsgSvrID>`, the attachment's path (and the store's key). */
  path: string;
  sha256: string;
  bytes: number;
}

interface VoiceDb {
  name: string;
  copy: SqliteCopy;
  find: import("better-sqlite3").Statement;
}

/**
 * The voice databases of a PC 3.x account: table `Media` with `Reserved0` = the message's MsgSvrID and
 * `Buf` = the audio (SILK v3, as WeChat stores it; chatport does not transcode). Each database is read
 * from a private copy like the message shards; an index of server id → row is built in the copy's temp
 * schema (the original has none on Reserved0), so a lookup per voice message is cheap and nothing is
 * held in the JS heap. Also the media store that hands the bytes to writers and media extraction.
 */
export class VoiceStore implements MediaStore {
  private constructor(private readonly dbs: VoiceDb[]) {}

  /** Opens every MediaMSG*.db of `names` (tree paths); one that cannot be read is reported and left out. */
  static async open(tree: InputTree, names: string[], ctx: ReadContext): Promise<VoiceStore> {
    const dbs: VoiceDb[] = [];
    const number = (n: string) => Number(MEDIA_DB.exec(n)?.[1] || -1);
    for (const name of [...names].sort((a, b) => number(a) - number(b) || (a < b ? -1 : 1))) {
      const src = await tree.open(name);
      if (!src) continue;
      let copy: SqliteCopy;
      try {
        copy = await openWechatDatabase(src);
      } catch (e) {
        if (!isChatportError(e)) throw e;
        ctx.report(e.code === "encrypted-database" ? "encrypted-database" : "damaged-database", {
          message: `${name} (voice audio) could not be read: ${e.message} Its voice messages are marked missing.`,
          file: name,
        });
        continue;
      }
      const cols = columnsOf(copy.db, "Media");
      if (!cols.has("Reserved0") || !cols.has("Buf")) {
        ctx.report("unrecognized-record", { message: `${name} has no Media table with Reserved0 and Buf columns; its voice messages are marked missing.`, file: name });
        await copy.dispose();
        continue;
      }
      indexVoices(copy.db);
      dbs.push({ name, copy, find: copy.db.prepare("SELECT Media.Buf AS buf FROM temp.voice_index JOIN Media ON Media.rowid = voice_index.rid WHERE voice_index.svr = ? ORDER BY voice_index.rid LIMIT 1") });
    }
    return new VoiceStore(dbs);
  }

  /** The clip of the message with server id `svrid` (as MSG stores it), from the first database that has it. */
  find(svrid: string): VoiceClip | undefined {
    for (const d of this.dbs) {
      const buf = this.blob(d, svrid);
      if (buf) return { path: `${d.name}:Media/${svrid}`, sha256: sha256Hex(buf), bytes: buf.byteLength };
    }
    return undefined;
  }

  async open(path: string): Promise<InputSource | undefined> {
    const at = path.lastIndexOf(":Media/");
    if (at < 0) return undefined;
    const d = this.dbs.find((x) => x.name === path.slice(0, at));
    const buf = d && this.blob(d, path.slice(at + ":Media/".length));
    return buf ? memorySource(path.slice(path.lastIndexOf("/") + 1) + ".silk", buf) : undefined;
  }

  /** Closes the databases and removes their copies. */
  async dispose(): Promise<void> {
    for (const d of this.dbs) await d.copy.dispose();
  }

  private blob(d: VoiceDb, svrid: string): Buffer | undefined {
    const row = d.find.get(svrid) as { buf: unknown } | undefined;
    return row && row.buf instanceof Uint8Array && row.buf.byteLength > 0 ? Buffer.from(row.buf.buffer, row.buf.byteOffset, row.buf.byteLength) : undefined;
  }
}

/** Builds temp.voice_index(svr, rid) over the rows that hold audio. */
function indexVoices(db: SqliteDatabase): void {
  db.exec("CREATE TEMP TABLE voice_index AS SELECT Reserved0 AS svr, rowid AS rid FROM main.Media WHERE Buf IS NOT NULL; CREATE INDEX temp.voice_index_svr ON voice_index(svr, rid);");
}
