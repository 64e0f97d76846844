import type { InputSource } from "../../src/io/source.js";
import { columnNames, tableNames, type SqliteCopy } from "../../src/io/sqlite.js";
import type { ReadContext } from "../../src/plugin/types.js";
import { openSideDatabase } from "../wechat-shared/database.js";
import type { MediaRef } from "../wechat-shared/media.js";

/** `db_storage/hardlink/hardlink.db`. */
export const HARDLINK_DB = /(?:^|\/)hardlink\.db$/;

type Kind = "image" | "video" | "file";
const KINDS: Kind[] = ["image", "video", "file"];

/**
 * Where 4.x keeps media files, from `hardlink.db`: tables `<kind>_hardlink_info_v3` (4.0) or `_v4`
 * (4.1+) with `md5, file_name, file_size, dir1, dir2`, and `dir2id` whose rowids name the folders
 * `dir1`/`dir2`. A file lives at `msg/attach/<dir1>/<dir2>/Img/<file_name>` (images),
 * `msg/video/<dir1>/<file_name>` (videos) or `msg/file/<dir1>/<file_name>` (files), relative to the
 * account folder (third-party: sjzar/chatlog internal/model/media_v4.go and its forks agree). The key is
 * the md5 the message's XML states. Files are hashed as stored (4.x image `.dat` files are encrypted;
 * chatport does not decode them). The index on md5 is built in the private copy's temp schema.
 */
export class HardlinkIndex {
  private constructor(
    private readonly copy: SqliteCopy,
    private readonly finders: Map<Kind, import("better-sqlite3").Statement>,
  ) {}

  /** Opens hardlink.db; undefined (reported) when it cannot be read or holds none of the tables. */
  static async open(src: InputSource, ctx: ReadContext): Promise<HardlinkIndex | undefined> {
    const copy = await openSideDatabase(src, "media locations", "Media stay missing.", ctx);
    if (!copy) return undefined;
    const tables = new Set(tableNames(copy.db));
    const finders = new Map<Kind, import("better-sqlite3").Statement>();
    if (tables.has("dir2id"))
      for (const kind of KINDS) {
        const table = [`${kind}_hardlink_info_v4`, `${kind}_hardlink_info_v3`].find((t) => tables.has(t));
        if (!table) continue;
        const cols = columnNames(copy.db, table);
        if (!["md5", "file_name", "dir1", "dir2"].every((c) => cols.has(c))) continue;
        const index = `${kind}_by_md5`;
        copy.db.exec(`CREATE TEMP TABLE ${index} AS SELECT lower(md5) AS md5, rowid AS rid FROM main."${table}" WHERE md5 IS NOT NULL; CREATE INDEX temp.${index}_md5 ON ${index}(md5, rid);`);
        finders.set(
          kind,
          copy.db.prepare(
            `SELECT f.file_name AS name, d1.username AS dir1, d2.username AS dir2 FROM temp.${index} i JOIN main."${table}" f ON f.rowid = i.rid LEFT JOIN main.dir2id d1 ON d1.rowid = f.dir1 LEFT JOIN main.dir2id d2 ON d2.rowid = f.dir2 WHERE i.md5 = ? ORDER BY i.rid`,
          ),
        );
      }
    if (finders.size === 0) {
      ctx.report("unrecognized-record", { message: `${src.name} has no hardlink tables this reader knows (image/video/file_hardlink_info_v3 or _v4 with dir2id); media stay missing.`, file: src.name });
      await copy.dispose();
      return undefined;
    }
    return new HardlinkIndex(copy, finders);
  }

  /**
   * The path of a message's media relative to the account folder, from the md5 its XML states; for
   * images the high-definition copy (`_h.dat`) when one is listed. Undefined when not listed.
   */
  locate(ref: MediaRef): string | undefined {
    const find = ref.md5 && (ref.kind === "image" || ref.kind === "video" || ref.kind === "file") ? this.finders.get(ref.kind) : undefined;
    if (!find) return undefined;
    const rows = find.all(ref.md5!.toLowerCase()) as { name: string | null; dir1: string | null; dir2: string | null }[];
    const usable = rows.filter((r) => r.name && r.dir1 && (ref.kind !== "image" || r.dir2));
    const row = (ref.kind === "image" ? usable.find((r) => r.name!.endsWith("_h.dat")) : undefined) ?? usable[0];
    if (!row) return undefined;
    if (ref.kind === "image") return `msg/attach/${row.dir1}/${row.dir2}/Img/${row.name}`;
    return `msg/${ref.kind}/${row.dir1}/${row.name}`;
  }

  /** Closes the database and removes its copy. */
  dispose(): Promise<void> {
    return this.copy.dispose();
  }
}
