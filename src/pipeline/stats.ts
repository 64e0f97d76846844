import type { Message } from "../model/schema.js";
import { conversationsOf, statsOf } from "../plugin/archive-lists.js";
import type { ArchiveEnd, ArchiveLists, ClosedConversation, ConversationStats } from "../plugin/types.js";

/** Empty counters for one conversation. */
export function emptyStats(): ConversationStats {
  return { messages: 0, byKind: {}, attachments: { present: 0, missing: 0, omitted: 0 }, recalled: 0, deleted: 0, edited: 0, byBasis: {} };
}

/** Adds one message to a conversation's counters (first/last by the instant when known, else wall). */
export function countMessage(s: ConversationStats, m: Message): void {
  s.messages++;
  s.byKind[m.kind] = (s.byKind[m.kind] ?? 0) + 1;
  for (const a of m.attachments) s.attachments[a.availability]++;
  if (m.status === "recalled") s.recalled++;
  else if (m.status === "deleted") s.deleted++;
  if (m.editedAt) s.edited++;
  s.byBasis[m.sentAt.basis] = (s.byBasis[m.sentAt.basis] ?? 0) + 1;
  if (m.sentAt.utc !== undefined) {
    if (s.firstInstant === undefined || m.sentAt.utc < s.firstInstant) s.firstInstant = m.sentAt.utc;
    if (s.lastInstant === undefined || m.sentAt.utc > s.lastInstant) s.lastInstant = m.sentAt.utc;
  } else if (m.sentAt.wall !== undefined) {
    if (s.firstWall === undefined || m.sentAt.wall < s.firstWall) s.firstWall = m.sentAt.wall;
    if (s.lastWall === undefined || m.sentAt.wall > s.lastWall) s.lastWall = m.sentAt.wall;
  }
  const t = m.sentAt.utc ?? m.sentAt.wall;
  if (t !== undefined) {
    if (s.first === undefined || t < s.first) s.first = t;
    if (s.last === undefined || t > s.last) s.last = t;
  }
}

/** Sums per-conversation counters (instants with instants, wall clocks with wall clocks). */
export function sumStats(list: Iterable<ConversationStats>): ConversationStats {
  const t = emptyStats();
  for (const s of list) addStats(t, s);
  return t;
}

/** Adds one conversation's counters into a running total `t` (see {@link sumStats}). */
export function addStats(t: ConversationStats, s: ConversationStats): void {
  t.messages += s.messages;
  for (const [k, n] of Object.entries(s.byKind)) t.byKind[k] = (t.byKind[k] ?? 0) + n;
  for (const [k, n] of Object.entries(s.byBasis ?? {})) t.byBasis[k] = (t.byBasis[k] ?? 0) + n;
  t.attachments.present += s.attachments.present;
  t.attachments.missing += s.attachments.missing;
  t.attachments.omitted += s.attachments.omitted;
  t.recalled += s.recalled;
  t.deleted += s.deleted;
  t.edited += s.edited;
  if (s.firstInstant !== undefined && (t.firstInstant === undefined || s.firstInstant < t.firstInstant)) t.firstInstant = s.firstInstant;
  if (s.lastInstant !== undefined && (t.lastInstant === undefined || s.lastInstant > t.lastInstant)) t.lastInstant = s.lastInstant;
  if (s.firstWall !== undefined && (t.firstWall === undefined || s.firstWall < t.firstWall)) t.firstWall = s.firstWall;
  if (s.lastWall !== undefined && (t.lastWall === undefined || s.lastWall > t.lastWall)) t.lastWall = s.lastWall;
}

/** The counters of every closed conversation of `x` added up: its {@link ArchiveLists.conversationSum}, else a pass over them. */
export function conversationSumOf(x: ArchiveLists & { conversations?: ClosedConversation[] }): ConversationStats {
  if (x.conversationSum) return x.conversationSum();
  const t = emptyStats();
  for (const c of conversationsOf(x)) addStats(t, c.stats);
  return t;
}

/** The counters of an end's `stats` added up: its {@link ArchiveEnd.statsSum}, else a pass over them. */
export function statsSumOf(end: ArchiveEnd): ConversationStats {
  if (end.statsSum) return end.statsSum();
  const t = emptyStats();
  for (const [, s] of statsOf(end)) addStats(t, s);
  return t;
}
