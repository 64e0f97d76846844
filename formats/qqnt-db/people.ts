import type { Participant } from "../../src/model/index.js";
import type { ChatEvent } from "../../src/plugin/types.js";
import { addQqIdentity } from "../qq-shared/identity.js";

/** The system pseudo-participant (c2c rows with 40013 = 3, rows with no sender ids). */
export const SYSTEM_ID = "qq-system";

/** What a row says about its sender. */
export interface SenderFacts {
  uin?: string;
  uid?: string;
  /** Group card (40090), migrated `name(12345)` suffix already removed. */
  card?: string;
  /** Nickname or remark (40093). */
  nickname?: string;
  system?: boolean;
  self?: boolean;
}

/**
 * Participants across all chats of the database: `qq:<QQ number>` when 40033 is set, else
 * `qq-uid:<NT uid>`; a uid keeps the id it first got. Handles: `qq` (uin) and `other` (uid).
 */
export class People {
  private readonly byId = new Map<string, Participant>();
  private readonly byUid = new Map<string, string>();

  constructor(private readonly selfOption: string | undefined) {}

  /** A participant by id. */
  get(id: string): Participant | undefined {
    return this.byId.get(id);
  }

  /** The id a mention of (uin, uid) refers to. */
  mentionId(uin: string | undefined, uid: string | undefined): string | undefined {
    return (uid && this.byUid.get(uid)) ?? (uin ? `qq:${uin}` : uid ? `qq-uid:${uid}` : undefined);
  }

  /** The sender's participant id; pushes a participant event when new or newly named/handled. */
  idFor(s: SenderFacts, out: ChatEvent[]): string {
    let id: string;
    if (s.system || (!s.uin && !s.uid)) id = SYSTEM_ID;
    else id = (s.uid && this.byUid.get(s.uid)) ?? (s.uin ? `qq:${s.uin}` : `qq-uid:${s.uid}`);
    if (s.uid && id !== SYSTEM_ID && !this.byUid.has(s.uid)) this.byUid.set(s.uid, id);
    const known = this.byId.get(id);
    const names = id === SYSTEM_ID ? [] : [s.card, s.nickname].filter((n): n is string => !!n);
    const p: Participant = known
      ? { ...known, aliases: [...known.aliases], handles: [...known.handles] }
      : { id, displayName: id === SYSTEM_ID ? "系统消息" : names[0] ?? s.uin ?? s.uid ?? id, aliases: [], handles: [], ...(id === SYSTEM_ID ? { isSystem: true } : {}) };
    let changed = !known;
    if (known && p.displayName === (s.uin ?? s.uid) && names[0]) {
      p.displayName = names[0]; // first seen without a name: a real name is better
      changed = true;
    }
    if (addQqIdentity(p, names, id !== SYSTEM_ID ? s.uin : undefined, id !== SYSTEM_ID ? s.uid : undefined)) changed = true;
    if (id !== SYSTEM_ID) {
      const self = s.self || (this.selfOption !== undefined && (this.selfOption === s.uin || this.selfOption === s.uid));
      if (self && !p.isSelf) {
        p.isSelf = true;
        changed = true;
      }
    }
    if (changed) {
      this.byId.set(id, p);
      out.push({ type: "participant", participant: p });
    }
    return id;
  }
}

/** A migrated group card `name(12345)` / `name<a@b.c>` without its id suffix when it repeats the sender. */
export function cleanCard(card: string | undefined, uin: string | undefined): string | undefined {
  if (!card) return undefined;
  const m = /^(.*)\((\d{5,12})\)$/s.exec(card) ?? /^(.*)<([^<>@\s]+@[^<>\s]+)>$/s.exec(card);
  if (m && m[1] && (m[2] === uin || m[2]!.includes("@"))) return m[1];
  return card;
}
