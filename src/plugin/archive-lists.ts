import type { Conversation, Participant } from "../model/schema.js";
import type { ArchiveEnd, ArchiveLists, ClosedConversation, ConversationStats } from "./types.js";

/**
 * A writer's view of the long lists of {@link ArchiveTotals} and {@link ArchiveEnd} without building them:
 * convert gives them one record at a time from a scratch file ({@link ArchiveLists}); totals and ends
 * made by hand with only the plain lists work the same.
 */

type WithConversations = ArchiveLists & { conversations?: ClosedConversation[] };
type WithParticipants = ArchiveLists & { participants: Participant[] };

/** The closed conversations with their counters, in order ({@link ArchiveLists.eachConversation}, else the list). */
export function conversationsOf(x: WithConversations): Iterable<ClosedConversation> {
  return x.eachConversation ? x.eachConversation() : (x.conversations ?? []);
}

/** How many closed conversations {@link conversationsOf} gives. */
export function conversationCountOf(x: WithConversations): number {
  return x.conversationCount ?? x.conversations?.length ?? 0;
}

/** The first closed conversation, if any. */
export function firstConversation(x: WithConversations): ClosedConversation | undefined {
  for (const c of conversationsOf(x)) return c;
  return undefined;
}

/**
 * A lookup of the latest closed form of a conversation by id: {@link ArchiveLists.closedConversation}
 * when set, else a map built once from the list (the last with an id wins).
 */
export function closedConversationLookup(x: WithConversations): (id: string) => Conversation | undefined {
  if (x.closedConversation) return (id) => x.closedConversation!(id);
  const byId = new Map<string, Conversation>();
  for (const c of conversationsOf(x)) byId.set(c.conversation.id, c.conversation);
  return (id) => byId.get(id);
}

/** The participants, in order ({@link ArchiveLists.eachParticipant}, else the list). */
export function participantsOf(x: WithParticipants): Iterable<Participant> {
  return x.eachParticipant ? x.eachParticipant() : x.participants;
}

/** How many participants {@link participantsOf} gives. */
export function participantCountOf(x: WithParticipants): number {
  return x.participantCount ?? x.participants.length;
}

/** The counters of an end by conversation id, in the record's key order ({@link ArchiveEnd.eachStats}, else its entries). */
export function statsOf(end: ArchiveEnd): Iterable<[string, ConversationStats]> {
  return end.eachStats ? end.eachStats() : Object.entries(end.stats);
}

/** How many entries {@link statsOf} gives. */
export function statsCountOf(end: ArchiveEnd): number {
  return end.statsCount ?? Object.keys(end.stats).length;
}
