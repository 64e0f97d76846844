import type { Conversation } from "../../src/model/index.js";
import { conversationCountOf, conversationsOf, participantCountOf, participantsOf } from "../../src/plugin/archive-lists.js";
import type { ArchiveEnd, ArchiveTotals } from "../../src/plugin/types.js";
import { severityOf, type DiagnosticCode } from "../../src/diagnostics/codes.js";

/**
 * What the spooled body needs besides its bytes, in body order: each conversation heading (rendered at
 * the end, when its reader has closed it and its kind is final) and each volume break (whose footer
 * and next cover need the volume count). `at` is the spool offset the entry sits at.
 */
export type PlanEntry =
  | { at: number; kind: "conversation"; conversation: Conversation }
  | { at: number; kind: "break"; continued?: Conversation };

/**
 * The body plan of a spooled html output, with the volume-split rule of the direct writer: a volume
 * breaks before a message when it is full; a conversation that starts on a full volume starts the next
 * volume only if a message follows (known when one arrives, so the break is placed then).
 */
export class SpoolPlan {
  readonly entries: PlanEntry[] = [];
  private deferred: number | undefined;

  /** A conversation heading at `at`; `full` when the current volume has no room left. */
  conversation(at: number, c: Conversation, full: boolean): void {
    if (full && this.deferred === undefined) this.deferred = this.entries.length;
    this.entries.push({ at, kind: "conversation", conversation: c });
  }

  /** A message that finds the volume full: the break goes before it, or before the deferred heading. */
  breakBeforeMessage(at: number, current: Conversation | undefined): void {
    if (this.deferred !== undefined) {
      const d = this.deferred;
      this.entries.splice(d, 0, { at: this.entries[d]!.at, kind: "break" });
      this.deferred = undefined;
      return;
    }
    this.entries.push(current ? { at, kind: "break", continued: current } : { at, kind: "break" });
  }
}

/**
 * What the counting pass would have learnt, for the covers written at the end: the conversations and
 * participants come from the end's lists (the pipeline keeps them as records, not objects), the closed
 * forms of conversations from the end's lookup. While the body is planned in memory or spooled, closed
 * forms are remembered here too (the plan holds those conversations anyway); the direct plan
 * {@link forget}s them: one per conversation kept to the end was ~0.5 KB each.
 */
export class TotalsTally {
  private readonly closed = new Map<string, Conversation>();
  private keeping = true;
  private lookup: ((id: string) => Conversation | undefined) | undefined;

  /** A conversation as its reader closed it. */
  close(conversation: Conversation): void {
    if (this.keeping) this.closed.set(conversation.id, conversation);
  }

  /** Stops remembering closed forms, and forgets those remembered (the direct plan's headings settle as they close). */
  forget(): void {
    this.keeping = false;
    this.closed.clear();
  }

  /** The closed form of a conversation (its final kind), or the one given. */
  final(c: Conversation): Conversation {
    return this.closedForm(c) ?? c;
  }

  /** The closed form of a conversation, or undefined while it is open. */
  closedForm(c: Conversation): Conversation | undefined {
    return this.closed.get(c.id) ?? this.lookup?.(c.id);
  }

  /** The totals, given the messages written and the end (its lists, and its diagnostics counted by code, in code order). */
  totals(messages: number, end: ArchiveEnd): ArchiveTotals {
    if (end.closedConversation) this.lookup = (id) => end.closedConversation!(id);
    const counts = new Map<string, number>();
    for (const d of end.diagnostics) counts.set(d.code, (counts.get(d.code) ?? 0) + (d.count ?? 1));
    const codes = [...counts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      get conversations() {
        return [...conversationsOf(end)];
      },
      conversationCount: conversationCountOf(end),
      eachConversation: () => conversationsOf(end),
      ...(this.lookup ? { closedConversation: this.lookup } : {}),
      ...(end.conversationSum ? { conversationSum: () => end.conversationSum!() } : {}),
      get participants() {
        return [...participantsOf(end)];
      },
      participantCount: participantCountOf(end),
      eachParticipant: () => participantsOf(end),
      messages,
      diagnostics: codes.map((code) => ({ code, severity: severityOf(code as DiagnosticCode), count: counts.get(code)! })),
    };
  }
}
