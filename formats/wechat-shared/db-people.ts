/**
 * Participants of the mobile database readers: contacts are looked up one at a time (a prepared
 * statement or a small map), never loaded whole, and each participant is announced once.
 */
import type { Participant } from "../../src/model/index.js";
import type { ChatEvent } from "../../src/plugin/types.js";
import { contactParticipant, unknownOwner, type WechatContact } from "./contacts.js";
import { participantId } from "./ids.js";

/** Looks a username up in the database's contact table. */
export type ContactLookup = (username: string) => WechatContact | undefined;

/** Announces participants once, the owner marked isSelf. */
export class DbPeople {
  private readonly seen = new Map<string, Participant>();

  /** `owner` is the owner's username when the database names it. */
  constructor(private readonly lookup: ContactLookup, private readonly owner: string | undefined) {}

  /** The owner's participant id. */
  self(out: ChatEvent[]): string {
    if (this.owner) return this.user(this.owner, out);
    const p = unknownOwner();
    if (!this.seen.has(p.id)) {
      this.seen.set(p.id, p);
      out.push({ type: "participant", participant: p });
    }
    return p.id;
  }

  /** The participant for a username, announced on first use. */
  user(username: string, out: ChatEvent[]): string {
    const id = participantId(username);
    if (this.seen.has(id)) return id;
    const c = this.lookup(username) ?? { username };
    const p = contactParticipant(c, username === this.owner ? { isSelf: true } : {});
    this.seen.set(id, p);
    out.push({ type: "participant", participant: p });
    return id;
  }

  /** Display name of a username (remark ‖ nickname ‖ username). */
  title(username: string): string {
    const c = this.lookup(username);
    return c?.remark?.trim() || c?.nickname?.trim() || username;
  }
}
