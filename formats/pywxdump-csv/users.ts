import type { InputTree } from "../../src/io/source.js";
import type { ReadContext } from "../../src/plugin/types.js";
import type { ContactInfo } from "../wechat-shared/csv-people.js";

/** users.json larger than this is not read (it lists one chat's contacts; a huge one is not PyWxDump's). */
const MAX_USERS_BYTES = 32 << 20;

/** Keys naming a user's wxid in an array item (PyWxDump's `wxid`; `username`/`UserName` as the contact tables name it). */
const ID_KEYS = ["wxid", "username", "userName", "UserName"];

/**
 * Reads PyWxDump's `users.json` beside the CSV for display names (formats-cn.md §10.2). PyWxDump writes
 * an object keyed by wxid, `{wxid: {wxid, nickname, remark, account, …}}`; an array of the same user
 * objects (another version, or a tool that rewrote the file) is read too when its items name the user
 * (`wxid` or `username`). Absent → no names; unreadable or of no usable shape → no names, reported.
 */
export async function loadUsersJson(tree: InputTree | undefined, dir: string, ctx: ReadContext): Promise<Map<string, ContactInfo>> {
  const out = new Map<string, ContactInfo>();
  if (!tree) return out;
  const name = dir ? `${dir}/users.json` : "users.json";
  const src = await tree.open(name);
  if (!src) return out;
  if (src.size > MAX_USERS_BYTES) {
    ctx.report("contacts-missing", { message: `${name} is ${src.size} bytes, more than the ${MAX_USERS_BYTES} a PyWxDump users.json of one chat holds; not read, so participants carry wxids only.`, file: name });
    return out;
  }
  const chunks: Uint8Array[] = [];
  for await (const c of src.stream()) chunks.push(c);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8").decode(Buffer.concat(chunks)).replace(/^\uFEFF/, ""));
  } catch (e) {
    ctx.report("malformed-payload", { message: `${name} is not valid JSON (${(e as Error).message}); contact names not used.`, file: name });
    return out;
  }
  if (Array.isArray(parsed)) {
    let skipped = 0;
    parsed.forEach((v) => {
      const o = v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
      const key = o && ID_KEYS.map((k) => o[k]).find((x): x is string => typeof x === "string" && x.trim() !== "");
      if (!o || !key) return void skipped++;
      out.set(key.trim(), contactOf(o));
    });
    if (parsed.length && out.size === 0)
      ctx.report("malformed-payload", { message: `${name} is a JSON array whose ${parsed.length} item(s) name no user (no "wxid" or "username" field); not used, so participants carry wxids only.`, file: name });
    else if (skipped)
      ctx.report("malformed-payload", { message: `${name} is a JSON array; ${skipped} of its ${parsed.length} item(s) name no user (no "wxid" or "username" field) and were not used.`, file: name });
    return out;
  }
  if (!parsed || typeof parsed !== "object") {
    ctx.report("malformed-payload", { message: `${name} holds ${parsed === null ? "null" : `a JSON ${typeof parsed}`}, not the users object PyWxDump writes ({wxid: {nickname, remark, …}}); not used, so participants carry wxids only.`, file: name });
    return out;
  }
  let skipped = 0;
  for (const [wxid, v] of Object.entries(parsed as Record<string, unknown>)) {
    if (!v || typeof v !== "object" || Array.isArray(v)) {
      skipped++;
      continue;
    }
    out.set(wxid, contactOf(v as Record<string, unknown>));
  }
  if (skipped)
    ctx.report("malformed-payload", { message: `${name}: ${skipped} entr${skipped === 1 ? "y is" : "ies are"} not a user object ({nickname, remark, …}) and ${skipped === 1 ? "was" : "were"} not used.`, file: name });
  return out;
}

/** The names of one user object: PyWxDump's keys, or the contact table's (`NickName`, `Remark`, `Alias`). */
function contactOf(o: Record<string, unknown>): ContactInfo {
  const str = (...keys: string[]): string | undefined => {
    for (const k of keys) if (typeof o[k] === "string" && o[k] !== "") return o[k] as string;
    return undefined;
  };
  const info: ContactInfo = {};
  const nickname = str("nickname", "nickName", "NickName"), remark = str("remark", "Remark"), alias = str("account", "alias", "Alias");
  if (nickname) info.nickname = nickname;
  if (remark) info.remark = remark;
  if (alias) info.alias = alias;
  return info;
}
