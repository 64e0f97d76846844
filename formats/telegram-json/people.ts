import type { Participant } from "../../src/model/schema.js";
import type { Json } from "./json-walk.js";

/** tdesktop's pre-2021 PeerId layout: a basic group is 2^32 + id, a channel 2^33 + id (formats-intl.md §3.3). */
const CHAT_SHIFT = 2 ** 32;
const CHANNEL_SHIFT = 2 ** 33;
const PEER_LIMIT = 2 ** 34;

/** A sender key as read from `from_id`/`actor_id`. */
export interface PeerRef {
  /** "user123", "channel123", "chat123", or the raw text of another form. */
  peer: string;
  /** The numeric legacy value, when `from_id` was a number. */
  legacy?: string;
}

/**
 * Reads a `from_id`/`actor_id` value: `"user123"`/`"channel123"`/`"chat123"` since tdesktop 2021-04,
 * a bare number before (user ids as they are, basic groups +2^32, channels +2^33: verified for a
 * channel in corpus/telegram-json/private-channel-2020-numeric-ids.json, the group offset is the
 * tdesktop PeerId layout of that time).
 */
export function readPeer(v: Json | undefined): PeerRef | undefined {
  if (typeof v === "string" && v !== "") {
    if (!/^\d+$/.test(v)) return { peer: v };
    return decodeLegacy(v);
  }
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return decodeLegacy(String(v));
  return undefined;
}

/** The forms tdesktop writes for a peer id: "user123", "channel123", "chat123", or the bare digits. */
const PEER_FORM = /^(?:user|channel|chat)?(\d+)$/;

/**
 * True when an id value (`from_id`, `actor_id`, a chat's `id`) is none of the forms tdesktop writes — a
 * whole number within 2^53, or for peers the prefixed string: a number literal past a double (kept as
 * its text by quote-big.ts, `1e400` or 30 digits), a fraction, a negative number, another string, an
 * object. The reader still reads it (as text, or by name) and reports it.
 */
export function isOddId(v: Json | undefined, prefixed: boolean): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === "number") return !(Number.isSafeInteger(v) && v >= 0);
  if (typeof v !== "string") return true;
  const m = PEER_FORM.exec(v);
  if (!m || (!prefixed && m[1] !== v)) return true;
  return !Number.isSafeInteger(Number(m[1]));
}

/** An id value as `raw` keeps it: a string's text, other values as JSON. */
export const idText = (v: Json): string => (typeof v === "string" ? v : JSON.stringify(v));

/** Characters JSON leaves as they are that a reader cannot see or that reorder the text around them. */
const INVISIBLE = /[\u0080-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** Longest id text a diagnostic message quotes (the whole value is in its `raw`). */
const SHOWN_ID = 64;

/**
 * An id value as a diagnostic message shows it: a short printable string as it is, anything else as
 * JSON (an empty string, a line break or a bidi control made visible), cut at {@link SHOWN_ID}
 * characters: a 1 MB object as from_id made a 1 MB message.
 */
export function idShown(v: Json): string {
  const s = typeof v === "string" && /^[\x21-\x7e]+$/.test(v) ? v : JSON.stringify(v).replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  if (s.length <= SHOWN_ID) return s;
  const cut = /[\ud800-\udbff]$/.test(s.slice(0, SHOWN_ID)) ? SHOWN_ID - 1 : SHOWN_ID;
  return `${s.slice(0, cut)}… (${s.length} characters)`;
}

function decodeLegacy(digits: string): PeerRef {
  const n = Number(digits);
  if (!Number.isSafeInteger(n) || n >= PEER_LIMIT) return { peer: `peer${digits}`, legacy: digits };
  if (n >= CHANNEL_SHIFT) return { peer: `channel${n - CHANNEL_SHIFT}`, legacy: digits };
  if (n >= CHAT_SHIFT) return { peer: `chat${n - CHAT_SHIFT}`, legacy: digits };
  return { peer: `user${n}`, legacy: digits };
}

/** The participant id of a peer. */
export const peerParticipantId = (peer: string): string => `tg:${peer}`;

/** The name tdesktop shows for a sender whose `from` is null (a deleted account). */
export const DELETED_NAME = "Deleted Account";

/**
 * The participants seen in one export, by id. `see` returns the participant to emit when it is new or
 * when it gained an alias (a name change), else undefined.
 */
export class People {
  private readonly byId = new Map<string, Participant>();
  private readonly selfIds = new Set<string>();
  private readonly selfNames = new Set<string>();

  /** Marks a participant id or display name as the exporting user. */
  addSelf(idOrName: string): void {
    if (/^(user)?\d+$/.test(idOrName)) this.selfIds.add(peerParticipantId(idOrName.startsWith("user") ? idOrName : `user${idOrName}`));
    else if (idOrName.startsWith("tg:")) this.selfIds.add(idOrName);
    else this.selfNames.add(idOrName);
  }

  /**
   * Resolves a sender from its id value and display name; returns its participant id (null when the
   * source names nobody) and the participant to emit, if any.
   */
  see(idV: Json | undefined, nameV: Json | undefined): { id: string | null; emit?: Participant } {
    const ref = readPeer(idV);
    const name = typeof nameV === "string" ? nameV : undefined;
    let id: string;
    if (ref) id = peerParticipantId(ref.peer);
    else if (name !== undefined && name !== "") id = `tg:name:${name}`;
    else return { id: null };
    const known = this.byId.get(id);
    const shown = name ?? (nameV === null ? DELETED_NAME : undefined);
    if (known) {
      if (shown === undefined || shown === known.displayName || known.aliases.includes(shown)) return { id };
      const updated: Participant = { ...known, aliases: [...known.aliases, shown] };
      this.byId.set(id, updated);
      return { id, emit: updated };
    }
    const p: Participant = { id, displayName: shown ?? ref?.peer ?? id, aliases: [], handles: [] };
    if (ref) p.handles.push({ kind: "telegram-id", value: ref.peer });
    if (ref?.legacy) p.extra = { legacyPeerId: ref.legacy };
    if (!ref) p.extra = { idFrom: "name" };
    if (this.selfIds.has(id) || (shown !== undefined && this.selfNames.has(shown))) p.isSelf = true;
    this.byId.set(id, p);
    return { id, emit: p };
  }
}
