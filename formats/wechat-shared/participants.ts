import type { Participant } from "../../src/model/schema.js";
import { contactParticipant, unknownOwner, type WechatContact } from "./contacts.js";
import { participantId } from "./ids.js";

/**
 * The participants a WeChat reader has announced: each is emitted once, and again when it learns a new
 * alias (a group nickname), so a streaming reader never holds more than the people it has seen.
 */
export class ParticipantBook {
  private readonly known = new Map<string, Participant>();
  private readonly ids = new Map<string, string>();
  private pending: Participant[] = [];
  /** The owner's participant id. */
  readonly ownerId: string;

  constructor(private readonly lookup: (username: string) => WechatContact | undefined, ownerUsername: string | undefined) {
    if (ownerUsername) {
      const p = contactParticipant(lookup(ownerUsername) ?? { username: ownerUsername }, { isSelf: true });
      this.ownerId = p.id;
      this.announce(p);
    } else {
      const p = unknownOwner();
      this.ownerId = p.id;
      this.announce(p);
    }
  }

  /** The id for a username, announcing the participant when first seen or when `groupName` is new. */
  ensure(username: string, groupName?: string): string {
    // The id string is kept per username: building `wechat:<username>` per message was garbage.
    let id = this.ids.get(username);
    if (id === undefined) this.ids.set(username, (id = participantId(username)));
    const p = this.known.get(id);
    if (!p) {
      this.announce(contactParticipant(this.lookup(username) ?? { username }, groupName ? { extraAliases: [groupName] } : {}));
      return id;
    }
    const g = groupName?.trim();
    if (g && g !== p.displayName && !p.aliases.includes(g)) this.announce({ ...p, aliases: [...p.aliases, g] });
    return id;
  }

  /** True when {@link drain} has participants to hand out (checked per message without allocating). */
  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Participants to emit since the last call. */
  drain(): Participant[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** A participant announced so far. */
  get(id: string): Participant | undefined {
    return this.known.get(id);
  }

  private announce(p: Participant): void {
    this.known.set(p.id, p);
    this.pending.push(p);
  }
}
