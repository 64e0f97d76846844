/**
 * Participants of WeChat CSV exports, keyed by wxid (`wechat:<wxid>`), with display names from a
 * contact list when one is at hand (PyWxDump `users.json`, WeChatMsg Remark/NickName columns). Emits
 * a participant event the first time an id is used and again when its name or handles improve.
 */
import { ownedCopy } from "../../src/io/owned-string.js";
import type { Participant } from "../../src/model/index.js";
import type { ChatEvent } from "../../src/plugin/types.js";
import { systemParticipant, unknownOwner } from "./contacts.js";
import { participantId } from "./ids.js";

/** What is known about a contact. */
export interface ContactInfo {
  nickname?: string;
  remark?: string;
  alias?: string;
}

/** Participant id of a wxid (the shared scheme, ids.ts). */
export const wxidParticipantId = participantId;
/** Participant id of the archive owner when their wxid is unknown (`我` in PyWxDump): contacts.ts `unknownOwner`. */
export const SELF_ID = unknownOwner().id;
/** Participant id of WeChat's system voice (PyWxDump `系统`). */
export const SYSTEM_ID = systemParticipant("系统").id;

/** Keeps the participants of one read and the events that announce them. */
export class PeopleBook {
  private readonly people = new Map<string, Participant>();

  constructor(private readonly contacts: ReadonlyMap<string, ContactInfo> = new Map()) {}

  /** Known participant by id. */
  get(id: string): Participant | undefined {
    return this.people.get(id);
  }

  /** The system participant. */
  system(out: ChatEvent[]): string {
    return this.ensure(SYSTEM_ID, () => systemParticipant("系统"), out);
  }

  /**
   * The participant for a wxid (or the owner when `self`), creating it on first use. `names` are display
   * names the row itself gives (remark, nickname), best first.
   */
  person(wxid: string | undefined, self: boolean, out: ChatEvent[], names: string[] = []): string {
    const id = wxid ? wxidParticipantId(wxid) : SELF_ID;
    const c = wxid ? this.contacts.get(wxid) : undefined;
    const candidates = [c?.remark, c?.nickname, ...names].filter((n): n is string => !!n && n.trim() !== "");
    const known = this.people.get(id);
    if (!known) {
      const p: Participant = {
        id,
        displayName: candidates[0] ?? wxid ?? unknownOwner().displayName,
        aliases: unique(candidates.slice(1)),
        handles: wxid ? [{ kind: "wxid", value: wxid }] : [],
      };
      if (c?.alias) p.handles.push({ kind: "username", value: c.alias });
      if (self) p.isSelf = true;
      return this.keep(p, out);
    }
    let changed = false;
    const next: Participant = { ...known, aliases: [...known.aliases] };
    if (self && !known.isSelf) {
      next.isSelf = true;
      changed = true;
    }
    for (const n of candidates) {
      if (n === next.displayName || next.aliases.includes(n)) continue;
      if (wxid && next.displayName === wxid) next.displayName = n;
      else next.aliases.push(n);
      changed = true;
    }
    if (changed) this.keep(next, out);
    return known.id; // the stored copy: callers keep ids too (e.g. the senders of a conversation)
  }

  /** A participant known only by a display name (no wxid in the source), under a reader-made id. */
  named(id: string, displayName: string, out: ChatEvent[]): string {
    return this.ensure(id, () => ({ id, displayName, aliases: [], handles: [] }), out);
  }

  private ensure(id: string, make: () => Participant, out: ChatEvent[]): string {
    return this.people.get(id)?.id ?? this.keep(make(), out);
  }

  /**
   * Stores and announces a participant; returns its id (the stored copy). A copy: the book keeps it for the whole read, and a CSV field is
   * a view into a decoded chunk (src/io/owned-string.ts); thousands of group members pinned the file.
   */
  private keep(p: Participant, out: ChatEvent[]): string {
    const owned = ownedCopy(p);
    this.people.set(owned.id, owned);
    out.push({ type: "participant", participant: owned });
    return owned.id;
  }
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
