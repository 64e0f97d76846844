import type { DiagnosticCollector } from "../diagnostics/collector.js";
import type { ArchiveEnd, ArchiveInfo, ChatEvent, ConversationStats, WriterSession } from "../plugin/types.js";
import { ConversationLog } from "./conversation-log.js";
import type { ParticipantTable } from "../plugin/participant-book.js";
import { countMessage, emptyStats } from "./stats.js";
import type { EventGuard } from "./event-guard.js";

/** What feeding events to a writer learnt. */
export interface FeedResult {
  participants: ParticipantTable;
  /** The conversations as closed, with their counters (one counters record per id). */
  log: ConversationLog;
  messages: number;
}

/**
 * Feeds a stream of events to a writer session through its whole life: begin, conversations, messages,
 * end. `end` always runs, with the failure when reading broke, and the failure is then re-thrown.
 * The closed conversations go to `log` (by default one kept in memory: convert gives one that spills to
 * a scratch file), the participants to `participants`; the end hands both out one record at a time.
 */
export async function feedWriter(
  events: AsyncIterable<ChatEvent> | { batches: AsyncIterable<readonly ChatEvent[]> },
  session: WriterSession,
  info: ArchiveInfo,
  diagnostics: DiagnosticCollector,
  participants: ParticipantTable = new Map(),
  guard?: EventGuard,
  afterRead?: () => void | Promise<void>,
  log: ConversationLog = new ConversationLog(),
): Promise<FeedResult> {
  const senders = new Set<string>();
  let current: ConversationStats | undefined;
  let messages = 0;
  let failure: Error | undefined;
  await session.begin(info);
  const handle = (ev: ChatEvent): void | Promise<void> => {
      switch (ev.type) {
        case "conversation":
          current = log.open(ev.conversation);
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
          const st = current ?? emptyStats();
          log.close(closed, st);
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
    await pump(events, feed);
    // The reader's generator is dropped before the end: finished, it still holds the reader's state.
    events = { batches: NO_BATCHES };
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
  const end: ArchiveEnd = {
    // The old lists, made whole only for a writer that reads them; the built-in ones walk the records.
    get participants() {
      return [...participants.values()];
    },
    participantCount: participants.size,
    eachParticipant: () => participants.values(),
    diagnostics: diagnostics.list(),
    get stats() {
      return log.statsRecord();
    },
    statsCount: log.statsCount,
    eachStats: () => log.statsById(),
    statsSum: () => log.statsSum(),
    conversationCount: log.count,
    eachConversation: () => log.entries(),
    closedConversation: (id) => log.closed(id),
    conversationSum: () => log.sum(),
    ...(failure ? { failure } : {}),
  };
  await session.end(end);
  if (failure) throw failure;
  return { participants, log, messages };
}

/** Feeds every event to `feed`, batch by batch when the reader offers batches (no await per event). */
async function pump(events: AsyncIterable<ChatEvent> | { batches: AsyncIterable<readonly ChatEvent[]> }, feed: (ev: ChatEvent) => void | Promise<void>): Promise<void> {
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
}

const NO_BATCHES: AsyncIterable<readonly ChatEvent[]> = { [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }) };
