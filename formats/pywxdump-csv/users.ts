import type { InputTree } from "../../src/io/source.js";
import type { ReadContext } from "../../src/plugin/types.js";
import type { ContactInfo } from "../wechat-shared/csv-people.js";

/** users.json larger than this is not read (it lists one chat's contacts; a huge one is not PyWxDump's). */
const MAX_USERS_BYTES = 32 << 20;

/**
 * Reads PyWxDump's `users.json` beside the CSV (`{wxid: {wxid, nickname, remark, account, …}}`,
 * formats-cn.md §10.2) for display names. Absent or unreadable → no names (reported when unreadable).
 */
export async function loadUsersJson(tree: InputTree | undefined, dir: string, ctx: ReadContext): Promise<Map<string, ContactInfo>> {
  const out = new Map<string, ContactInfo>();
  if (!tree) return out;
  const name = dir ? `${dir}/users.json` : "users.json";
  const src = await tree.open(name);
  if (!src || src.size > MAX_USERS_BYTES) return out;
  const chunks: Uint8Array[] = [];
  for await (const c of src.stream()) chunks.push(c);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8").decode(Buffer.concat(chunks)));
  } catch (e) {
    ctx.report("malformed-payload", { message: `${name} is not valid JSON (${(e as Error).message}); contact names not used.`, file: name });
    return out;
  }
  if (!parsed || typeof parsed !== "object") return out;
  for (const [wxid, v] of Object.entries(parsed as Record<string, unknown>)) {
    if (!v || typeof v !== "object") continue;
    const o = v as Record<string, unknown>;
    const str = (k: string): string | undefined => (typeof o[k] === "string" && o[k] !== "" ? (o[k] as string) : undefined);
    const info: ContactInfo = {};
    const nickname = str("nickname"), remark = str("remark"), alias = str("account");
    if (nickname) info.nickname = nickname;
    if (remark) info.remark = remark;
    if (alias) info.alias = alias;
    out.set(wxid, info);
  }
  return out;
}
