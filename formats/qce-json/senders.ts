import type { Participant } from "../../src/model/index.js";
import type { ChatEvent } from "../../src/plugin/types.js";
import { addQqIdentity } from "../qq-shared/identity.js";
import { str, type QceSender } from "./raw-types.js";

/** Sender uids QCE writes when it does not know the sender (exporter source; woowss test data). */
const PLACEHOLDER_UIDS = new Set(["未知uid未知", "未知", "unknown", "0"]);
/** The id of the system pseudo-participant (gray tips with no real sender). */
export const SYSTEM_ID = "qq-system";

/** A usable NT uid (`u_…`), or undefined for placeholders. */
export function validUid(v: unknown): string | undefined {
  const s = str(v);
  return s && !PLACEHOLDER_UIDS.has(s) ? s : undefined;
}

/** A usable QQ number (digits, not "0"). */
export function validUin(v: unknown): string | undefined {
  const s = str(v);
  return s && /^\d{4,12}$/.test(s) && s !== "0" ? s : undefined;
}

/**
 * The participants of one QCE export. Ids are `qq:<QQ number>` when the sender's uin is known (as the
 * other QQ readers), else `qq-uid:<NT uid>`; once a uid has an id it keeps it for the whole file, so the
 * same person never splits in two. Handles carry both (kind `qq` = uin, `other` = uid).
 */
export class SenderBook {
  private readonly byId = new Map<string, Participant>();
  private readonly byUid = new Map<string, string>();
  private readonly byUin = new Map<string, string>();
  private readonly seen: string[] = [];
  private readonly seenSet = new Set<string>();
  private self: { uid?: string; uin?: string; opt?: string } = {};

  /** The exporting user's own uid/uin (chatInfo.selfUid/selfUin) and the reader's `self` option. */
  setSelf(uid: string | undefined, uin: string | undefined, opt: string | undefined): void {
    this.self = { ...(uid ? { uid } : {}), ...(uin ? { uin } : {}), ...(opt ? { opt } : {}) };
  }

  /** A participant by id. */
  get(id: string): Participant | undefined {
    return this.byId.get(id);
  }

  /** Participant ids that sent messages, in first-seen order. */
  seenIds(): string[] {
    return [...this.seen];
  }

  /** The participant id a mention of (uid, uin) refers to. */
  mentionId(uid: string | undefined, uin: string | undefined): string | undefined {
    const u = validUid(uid);
    const n = validUin(uin);
    return (u && this.byUid.get(u)) ?? (n && this.byUin.get(n)) ?? (n ? `qq:${n}` : u ? `qq-uid:${u}` : undefined);
  }

  /**
   * The participant id of a message's sender, pushing a participant event when the person is new or
   * shows a new name or handle. Null only for a record with no sender at all that is not a system message.
   */
  idFor(sender: QceSender | undefined, system: boolean, out: ChatEvent[]): string | null {
    const uid = validUid(sender?.uid);
    const uin = validUin(sender?.uin);
    const names = [sender?.name, sender?.groupCard, sender?.remark, sender?.nickname].map(str).filter((n): n is string => n !== undefined);
    let id: string;
    if (!uid && !uin) {
      if (names.length === 0 && !system && sender === undefined) return null;
      if (system || names.length === 0 || names[0] === "系统消息") id = SYSTEM_ID;
      else id = `qq-name:${names[0]}`;
    } else id = (uid && this.byUid.get(uid)) ?? (uin && this.byUin.get(uin)) ?? (uin ? `qq:${uin}` : `qq-uid:${uid}`);
    if (uid && !this.byUid.has(uid)) this.byUid.set(uid, id);
    if (uin && !this.byUin.has(uin)) this.byUin.set(uin, id);
    if (!this.seenSet.has(id)) {
      this.seenSet.add(id);
      this.seen.push(id);
    }

    const known = this.byId.get(id);
    const p: Participant = known
      ? { ...known, aliases: [...known.aliases], handles: [...known.handles] }
      : {
          id,
          displayName: names[0] ?? (id === SYSTEM_ID ? "系统消息" : uin ?? uid ?? id),
          aliases: [],
          handles: [],
          ...(id === SYSTEM_ID ? { isSystem: true } : {}),
        };
    let changed = !known;
    if (addQqIdentity(p, names, uin, uid)) changed = true;
    const s = this.self;
    const isSelf = (uid !== undefined && (uid === s.uid || uid === s.opt)) || (uin !== undefined && (uin === s.uin || uin === s.opt));
    if (isSelf && !p.isSelf) {
      p.isSelf = true;
      changed = true;
    }
    if (changed) {
      this.byId.set(id, p);
      out.push({ type: "participant", participant: p });
    }
    return id;
  }
}
