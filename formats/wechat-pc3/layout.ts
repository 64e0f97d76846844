import { ChatportError } from "../../src/diagnostics/errors.js";
import type { InputSource, InputTree } from "../../src/io/source.js";

/** `MSG0.db … MSGn.db` (also a lone `MSG.db`), never `MediaMSG0.db` (formats-cn.md §5.1). */
export const SHARD = /(?:^|\/)MSG(\d*)\.db$/i;
/** `MediaMSG0.db … MediaMSGn.db`: voice audio of the account (formats-cn.md §5.1). */
export const MEDIA_DB = /(?:^|\/)MediaMSG(\d*)\.db$/i;
/** `MicroMsg.db`, never Android's `EnMicroMsg.db`. */
export const MICROMSG = /(?:^|\/)MicroMsg\.db$/i;

/** Where the files of a PC 3.x account sit inside the input. */
export interface Pc3Layout {
  /** Message shards in shard-number order. */
  shards: InputSource[];
  microMsg: InputSource | undefined;
  /** The tree media paths are looked up in (undefined for a single database file). */
  tree: InputTree | undefined;
  /** Folder prefixes to try media paths under: the account folder (holding `Msg/`, `FileStorage/`), then the root. */
  mediaBases: string[];
  /** The account folder's name when it looks like a username (`wxid_…`), for the owner. */
  accountName: string | undefined;
  /** Voice databases (`MediaMSG<n>.db`) in the folder, in number order; none for a single database file. */
  voiceDbs: string[];
}

const mediaNo = (name: string): number => Number(MEDIA_DB.exec(name)?.[1] || -1);

const shardNo = (name: string): number => {
  const m = SHARD.exec(name);
  return m && m[1] ? Number(m[1]) : -1;
};

/** Finds the shards and MicroMsg.db of a folder input, or takes a single database file. */
export async function locatePc3(input: InputSource | InputTree): Promise<Pc3Layout> {
  if (input.kind === "file") return { shards: [input], microMsg: undefined, tree: input.parent, mediaBases: [""], accountName: undefined, voiceDbs: [] };
  const files = await input.list();
  const shardNames = files.filter((f) => SHARD.test(f)).sort((a, b) => shardNo(a) - shardNo(b) || (a < b ? -1 : a > b ? 1 : 0));
  if (shardNames.length === 0)
    throw new ChatportError("unknown-format", `${input.name} has no WeChat PC message database (MSG0.db … MSGn.db); give the account folder "WeChat Files/<wxid>" or its Msg folder.`);
  const micro = files.filter((f) => MICROMSG.test(f)).sort((a, b) => a.length - b.length || (a < b ? -1 : 1))[0];
  // The account folder holds Msg/ (with MicroMsg.db and Multi/) and FileStorage/.
  const anchor = micro ?? shardNames[0]!;
  const parts = anchor.split("/");
  const msgAt = parts.findIndex((p) => p.toLowerCase() === "msg");
  const accountDir = msgAt >= 0 ? parts.slice(0, msgAt).join("/") : "";
  // The folder holding Msg/ is the account folder (`WeChat Files/<wxid>/Msg`); the input folder's own
  // name only counts when it is clearly a wxid.
  const accountBase = accountDir ? accountDir.split("/").pop()! : msgAt === 0 && /^wxid_/.test(input.name) ? input.name : "";
  const shards: InputSource[] = [];
  for (const n of shardNames) shards.push((await input.open(n))!);
  return {
    shards,
    microMsg: micro ? await input.open(micro) : undefined,
    tree: input,
    mediaBases: [...new Set([accountDir, ""])],
    accountName: accountBase && !/\s/.test(accountBase) ? accountBase : undefined,
    voiceDbs: files.filter((f) => MEDIA_DB.test(f)).sort((a, b) => mediaNo(a) - mediaNo(b) || (a < b ? -1 : a > b ? 1 : 0)),
  };
}
