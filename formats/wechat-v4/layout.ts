import { ChatportError } from "../../src/diagnostics/errors.js";
import type { InputSource, InputTree } from "../../src/io/source.js";
import { HARDLINK_DB } from "./hardlink.js";

/** `message_0.db … message_99.db` and `biz_message_N.db` (official accounts), formats-cn.md §6. */
export const MESSAGE_DB = /(?:^|\/)(?:biz_)?message_(\d{1,2})\.db$/;
/** `message/media_0.db …`: voice audio (table VoiceInfo), formats-cn.md §6. */
export const MEDIA_DB = /(?:^|\/)media_(\d{1,2})\.db$/;
/** `contact/contact.db`. */
export const CONTACT_DB = /(?:^|\/)contact\.db$/;

/** Where the files of a 4.x account sit inside the input. */
export interface V4Layout {
  messageDbs: InputSource[];
  contactDb: InputSource | undefined;
  tree: InputTree | undefined;
  /** The account folder (`<wxid>_<hash>`, holding `db_storage/`), "" at the root. */
  accountDir: string;
  /** The owner's wxid read from the account folder name, when it has the `<wxid>_<4 hex>` shape. */
  accountName: string | undefined;
  /** Voice databases (`media_<n>.db`) in the folder, in number order; none for a single database file. */
  voiceDbs: string[];
  /** `hardlink/hardlink.db` (where media files are), when the folder has it. */
  hardlinkDb: InputSource | undefined;
}

const order = (a: string, b: string): number => {
  const biz = Number(a.includes("biz_message")) - Number(b.includes("biz_message"));
  const na = Number(MESSAGE_DB.exec(a)?.[1] ?? 0), nb = Number(MESSAGE_DB.exec(b)?.[1] ?? 0);
  return biz || na - nb || (a < b ? -1 : a > b ? 1 : 0);
};

/** Finds the message databases and contact.db of a folder, or takes one database file. */
export async function locateV4(input: InputSource | InputTree): Promise<V4Layout> {
  if (input.kind === "file") return { messageDbs: [input], contactDb: undefined, tree: input.parent, accountDir: "", accountName: undefined, voiceDbs: [], hardlinkDb: undefined };
  const files = await input.list();
  const names = files.filter((f) => MESSAGE_DB.test(f)).sort(order);
  if (names.length === 0)
    throw new ChatportError("unknown-format", `${input.name} has no WeChat 4.x message database (db_storage/message/message_0.db); give the account folder or its db_storage folder.`);
  const contact = files.filter((f) => CONTACT_DB.test(f)).sort((a, b) => a.length - b.length || (a < b ? -1 : 1))[0];
  const hardlink = files.filter((f) => HARDLINK_DB.test(f)).sort((a, b) => a.length - b.length || (a < b ? -1 : 1))[0];
  const parts = names[0]!.split("/");
  const at = parts.indexOf("db_storage");
  const accountDir = at > 0 ? parts.slice(0, at).join("/") : "";
  const base = accountDir ? accountDir.split("/").pop()! : at === 0 ? input.name : "";
  const m = /^(.+)_[0-9a-f]{4}$/.exec(base);
  const messageDbs: InputSource[] = [];
  for (const n of names) messageDbs.push((await input.open(n))!);
  return {
    messageDbs,
    contactDb: contact ? await input.open(contact) : undefined,
    tree: input,
    accountDir,
    accountName: m ? m[1] : undefined,
    hardlinkDb: hardlink ? await input.open(hardlink) : undefined,
    voiceDbs: files.filter((f) => MEDIA_DB.test(f)).sort((a, b) => Number(MEDIA_DB.exec(a)![1]) - Number(MEDIA_DB.exec(b)![1]) || (a < b ? -1 : a > b ? 1 : 0)),
  };
}
