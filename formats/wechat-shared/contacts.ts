import type { Participant } from "../../src/model/schema.js";
import { participantId } from "./ids.js";

/** What a WeChat contact table says about a user (PC `Contact`, 4.x `contact`, Android `rcontact`, iOS `Friend`). */
export interface WechatContact {
  /** wxid_…, custom id, `…@chatroom`, `gh_…`. */
  username: string;
  nickname?: string | null;
  /** The owner's remark (备注) for this contact. */
  remark?: string | null;
  /** The user-chosen WeChat ID (微信号). */
  alias?: string | null;
}

const clean = (s: string | null | undefined): string | undefined => {
  const t = s?.replace(/\u0000/g, "").trim();
  return t ? t : undefined;
};

/**
 * A participant for a contact: display name = remark || nickname || username (formats-cn.md §5.3, §7);
 * the other names become aliases (plus any `extraAliases`, e.g. 群昵称); handles are the username
 * (kind `wxid`) and the alias / 微信号 (kind `username`).
 */
export function contactParticipant(c: WechatContact, opts: { isSelf?: boolean; extraAliases?: string[] } = {}): Participant {
  const remark = clean(c.remark);
  const nickname = clean(c.nickname);
  const alias = clean(c.alias);
  const displayName = remark ?? nickname ?? c.username;
  const aliases: string[] = [];
  for (const a of [remark, nickname, ...(opts.extraAliases ?? [])]) {
    const t = clean(a);
    if (t && t !== displayName && !aliases.includes(t)) aliases.push(t);
  }
  const handles: Participant["handles"] = [{ kind: "wxid", value: c.username }];
  if (alias && alias !== c.username) handles.push({ kind: "username", value: alias });
  const p: Participant = { id: participantId(c.username), displayName, aliases, handles };
  if (opts.isSelf) p.isSelf = true;
  return p;
}

/** The participant that stands for the archive owner when their username is not known. */
export function unknownOwner(): Participant {
  return { id: "wechat:owner", displayName: "Archive owner", aliases: [], handles: [], isSelf: true };
}

/** A system sender (`publisher-id` items, PyWxDump's "系统"). */
export function systemParticipant(username: string): Participant {
  return { id: participantId(username), displayName: username, aliases: [], handles: [], isSystem: true };
}
