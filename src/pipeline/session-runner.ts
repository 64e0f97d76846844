import type { DiagnosticCollector } from "../diagnostics/collector.js";
import type { Conversation, Participant } from "../model/schema.js";
import type { ArchiveInfo, ChatEvent, ConversationStats, WriterSession } from "../plugin/types.js";
import { countMessage, emptyStats } from "./stats.js";

/** What feeding events to a writer learnt. */
export interface FeedResult {
  participants: Map<string, Participant>;
  stats: Record<string, ConversationStats>;
  conversations: Conversation[];
  messages: number;
}

/**
 * Feeds a stream of events to a writer session through its whole life: begin, conversations, messages,
 * end. `end` always runs, with the failure when reading broke, and the failure is then re-thrown.
 */
export async function feedWriter(
  events: AsyncIterable<ChatEvent>,
  session: WriterSession,
  info: ArchiveInfo,
  diagnostics: DiagnosticCollector,
): Promise<FeedResult> {
  const participants = new Map<string, Participant>();
  const stats: Record<string, ConversationStats> = {};
  const conversations: Conversation[] = [];
  const senders = new Set<string>();
  let current: ConversationStats | undefined;
  let messages = 0;
  let failure: Error | undefined;
  await session.begin(info);
  try {
    for await (const ev of events) {
      switch (ev.type) {
        case "conversation":
          current = stats[ev.conversation.id] ??= emptyStats();
          senders.clear();
          await session.conversation(ev.conversation);
          break;
        case "participant":
          if (!participants.has(ev.participant.id)) {
            participants.set(ev.participant.id, ev.participant);
            await session.participant?.(ev.participant);
          } else participants.set(ev.participant.id, ev.participant);
          break;
        case "message":
          if (current) countMessage(current, ev.message);
          if (ev.message.senderId !== null) senders.add(ev.message.senderId);
          messages++;
          await session.message(ev.message);
          break;
        case "conversation-end": {
          const ids = [...ev.conversation.participantIds];
          for (const s of senders) if (!ids.includes(s)) ids.push(s);
          const closed = { ...ev.conversation, participantIds: ids };
          conversations.push(closed);
          await session.conversationEnd(closed, current ?? emptyStats());
          current = undefined;
          break;
        }
      }
    }
  } catch (e) {
    failure = e as Error;
  }
  await session.end({ participants: [...participants.values()], diagnostics: diagnostics.list(), stats, ...(failure ? { failure } : {}) });
  if (failure) throw failure;
  return { participants, stats, conversations, messages };
}
