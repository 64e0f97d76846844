import type { Conversation, Diagnostic, Participant } from "../../src/model/index.js";
import type { ArchiveTotals, ConversationStats } from "../../src/plugin/types.js";
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

/** Collects what the counting pass would have learnt, from the events as they are written. */
export class TotalsTally {
  private readonly conversations: ArchiveTotals["conversations"] = [];
  private readonly closed = new Map<string, Conversation>();

  /** A conversation as its reader closed it, with its counters. */
  close(conversation: Conversation, stats: ConversationStats): void {
    this.conversations.push({ conversation, stats });
    this.closed.set(conversation.id, conversation);
  }

  /** The closed form of a conversation (its final kind), or the one given. */
  final(c: Conversation): Conversation {
    return this.closedForm(c) ?? c;
  }

  /** The closed form of a conversation, or undefined while it is open. */
  closedForm(c: Conversation): Conversation | undefined {
    return this.closed.get(c.id);
  }

  /** The totals, given the messages written and the end's participants and diagnostics (counted by code, in code order). */
  totals(messages: number, participants: Participant[], diagnostics: Diagnostic[]): ArchiveTotals {
    const counts = new Map<string, number>();
    for (const d of diagnostics) counts.set(d.code, (counts.get(d.code) ?? 0) + (d.count ?? 1));
    const codes = [...counts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      conversations: this.conversations,
      participants,
      messages,
      diagnostics: codes.map((code) => ({ code, severity: severityOf(code as DiagnosticCode), count: counts.get(code)! })),
    };
  }
}
