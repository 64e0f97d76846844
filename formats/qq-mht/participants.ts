/**
 * Participants of a QQ export, keyed as the TXT reader keys them: `qq:<number or e-mail>` when the
 * sender carries an id, else `qq-name:<name>`. System accounts (10000, 1000000) are marked; `--self`
 * marks the user's own account.
 */
import { ownedCopy } from "../../src/io/owned-string.js";
import type { Participant } from "../../src/model/index.js";
import { SYSTEM_IDS, type SenderParts } from "../qq-txt/sender.js";

/** The participants seen so far; `emit` receives each new or renamed participant. */
export class ParticipantBook {
  private readonly byId = new Map<string, Participant>();

  constructor(private readonly emit: (p: Participant) => void, private readonly self?: string) {}

  /** A participant by id. */
  get(id: string): Participant | undefined {
    return this.byId.get(id);
  }

  /** The participant id for a parsed sender (null when it has neither id nor name). */
  idFor(s: SenderParts): string | null {
    if (!s.id && s.name === "") return null;
    const id = s.id ? `qq:${s.id}` : `qq-name:${s.name}`;
    const known = this.byId.get(id);
    if (known) {
      if (s.name !== "" && s.name !== known.displayName && !known.aliases.includes(s.name)) {
        // First seen with an empty name (displayed as the id): a real name replaces it; else an alias.
        const updated = known.displayName === s.id ? { ...known, displayName: s.name } : { ...known, aliases: [...known.aliases, s.name] };
        this.keep(updated);
      }
      return known.id; // the stored copy: callers keep ids too (a section's speakers)
    }
    const p: Participant = { id, displayName: s.name !== "" ? s.name : s.id!, aliases: [], handles: s.id ? [{ kind: s.idKind === "qq" ? "qq" : "email", value: s.id }] : [] };
    if (s.id && SYSTEM_IDS.has(s.id)) p.isSystem = true;
    if (this.self !== undefined && (this.self === s.id || this.self === s.name)) p.isSelf = true;
    return this.keep(p);
  }

  /** Stores and announces a copy: kept for the whole read, and names cut from the HTML are views into its chunk (src/io/owned-string.ts). */
  private keep(p: Participant): string {
    const owned = ownedCopy(p);
    this.byId.set(owned.id, owned);
    this.emit(owned);
    return owned.id;
  }
}
