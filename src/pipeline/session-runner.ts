import type { DiagnosticCollector } from "../diagnostics/collector.js";
import type { Conversation, Participant } from "../model/schema.js";
import type { ArchiveInfo, ChatEvent, ConversationStats, WriterSession } from "../plugin/types.js";
import { countMessage, emptyStats } from "./stats.js";
import type { EventGuard } from "./event-guard.js";

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
  events: AsyncIterable<ChatEvent> | { batches: AsyncIterable<readonly ChatEvent[]> },
  session: WriterSession,
  info: ArchiveInfo,
  diagnostics: DiagnosticCollector,
  participants: Map<string, Participant> = new Map(),
  guard?: EventGuard,
  afterRead?: () => void | Promise<void>,
): Promise<FeedResult> {
  const stats: Record<string, ConversationStats> = {};
  const conversations: Conversation[] = [];
  const senders = new Set<string>();
  let current: ConversationStats | undefined;
  let messages = 0;
  let failure: Error | undefined;
  await session.begin(info);
  const handle = (ev: ChatEvent): void | Promise<void> => {
      switch (ev.type) {
        case "conversation":
          current = stats[ev.conversation.id] ??= emptyStats();
          senders.clear();
          return session.conversation(ev.conversation);
        case "participant": {
          const isNew = !participants.has(ev.participant.id);
          participants.set(ev.participant.id, ev.participant);
          if (isNew) return session.participant?.(ev.participant);
          return;
        }
        case "message":
          if (current) countMessage(current, ev.message);
          if (ev.message.senderId !== null) senders.add(ev.message.senderId);
          messages++;
          return session.message(ev.message);
        case "conversation-end": {
          const ids = [...ev.conversation.participantIds];
          for (const s of senders) if (!ids.includes(s)) ids.push(s);
          const closed = { ...ev.conversation, participantIds: ids };
          conversations.push(closed);
          const st = current ?? emptyStats();
          current = undefined;
          return session.conversationEnd(closed, st);
        }
      }
  };
  try {
    const feed = (raw: ChatEvent): void | Promise<void> => {
      const out = guard ? guard.accept(raw) : raw;
      if (out === undefined) return;
      if (Array.isArray(out)) return handleAll(out);
      return handle(out);
    };
    const handleAll = async (evs: ChatEvent[]): Promise<void> => {
      for (const ev of evs) await handle(ev);
    };
    if ("batches" in events) {
      for await (const batch of events.batches)
        for (let i = 0; i < batch.length; i++) {
          const r = feed(batch[i]!);
          if (r) await r;
        }
    } else
      for await (const raw of events) {
        const r = feed(raw);
        if (r) await r;
      }
    const close = guard?.finish();
    if (close) await handle(close);
  } catch (e) {
    failure = e as Error;
  }
  if (!failure) {
    try {
      await afterRead?.();
    } catch (e) {
      failure = e as Error;
    }
  }
  await session.end({ participants: [...participants.values()], diagnostics: diagnostics.list(), stats, ...(failure ? { failure } : {}) });
  if (failure) throw failure;
  return { participants, stats, conversations, messages };
}
