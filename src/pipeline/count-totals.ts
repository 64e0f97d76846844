import { DiagnosticCollector } from "../diagnostics/collector.js";
import { severityOf, type DiagnosticCode } from "../diagnostics/codes.js";
import type { InputSource, InputTree } from "../io/source.js";
import type { Message } from "../model/schema.js";
import type { ArchiveTotals, ConversationStats } from "../plugin/types.js";
import { ConversationLog } from "./conversation-log.js";
import { ParticipantBook } from "../plugin/participant-book.js";
import { eachEvent, type ReadOptions } from "./read-events.js";
import type { RecordStore } from "../plugin/record-store.js";
import type { ResolvedReader } from "./resolve-reader.js";
import { countMessage, emptyStats } from "./stats.js";

/** Where a counting pass keeps its lists: convert's spills (scratch files it removes), else memory. */
export interface TotalsSpills {
  conversations: RecordStore;
  participants: RecordStore;
}

/**
 * The counting pass for writers that need totals up front: reads the input once, keeping only counters,
 * the closed conversations and the participants (memory stays flat in the number of messages; the
 * conversations and participants are records in `spills`, read back one at a time). Its diagnostics go
 * to a private collector and are only counted: the writing pass reports them for real.
 */
export async function countTotals(
  input: InputSource | InputTree,
  resolved: ResolvedReader,
  opts: ReadOptions,
  spills?: TotalsSpills,
): Promise<ArchiveTotals> {
  const diagnostics = new DiagnosticCollector();
  const pass: ReadOptions = {
    ...(opts.tz ? { tz: opts.tz } : {}),
    ...(opts.since ? { since: opts.since } : {}),
    ...(opts.until ? { until: opts.until } : {}),
    ...(opts.readerOptions ? { readerOptions: opts.readerOptions } : {}),
    diagnostics,
  };
  const log = new ConversationLog(spills?.conversations, false);
  const participants = new ParticipantBook(spills?.participants);
  const senders = new Set<string>();
  let current: ConversationStats | undefined;
  let messages = 0;
  let replies = 0;
  await eachEvent(input, resolved, pass, (ev) => {
    switch (ev.type) {
      case "conversation":
        current = log.open(ev.conversation);
        senders.clear();
        break;
      case "participant":
        participants.set(ev.participant.id, ev.participant);
        break;
      case "message":
        if (current) countMessage(current, ev.message);
        replies += countReplies(ev.message);
        if (ev.message.senderId !== null) senders.add(ev.message.senderId);
        messages++;
        break;
      case "conversation-end": {
        const ids = [...ev.conversation.participantIds];
        for (const s of senders) if (!ids.includes(s)) ids.push(s);
        log.close({ ...ev.conversation, participantIds: ids }, current ?? emptyStats());
        current = undefined;
        break;
      }
    }
  });
  const counts = Object.entries(diagnostics.countsByCode()).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    // The old lists, made whole only for a writer that reads them.
    get conversations() {
      return [...log.entries()];
    },
    conversationCount: log.count,
    eachConversation: () => log.entries(),
    closedConversation: (id) => log.closed(id),
    conversationSum: () => log.sum(),
    get participants() {
      return [...participants.values()];
    },
    participantCount: participants.size,
    eachParticipant: () => participants.values(),
    messages,
    replies,
    diagnostics: counts.map(([code, count]) => ({ code, severity: severityOf(code as DiagnosticCode), count })),
  };
}

function countReplies(m: Message): number {
  let n = m.replyTo !== undefined ? 1 : 0;
  if (m.inner) for (const x of m.inner) n += countReplies(x);
  return n;
}
