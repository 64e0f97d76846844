import type { Conversation, Participant } from "../model/schema.js";
import type { ChatEvent } from "../plugin/types.js";
import { ownedCopy } from "../io/owned-string.js";
import type { DiagnosticCollector } from "../diagnostics/collector.js";
import type { DateRange } from "./date-range.js";
import { reportUnsafeAttachmentPaths } from "./unsafe-paths.js";

/**
 * Enforces the event contract on a reader's raw stream, synchronously (no extra async hop per
 * event): a conversation's messages are contiguous, every conversation is closed, and messages
 * outside `since`/`until` are dropped (and counted by the range). Attachment paths that climb out of the
 * export are reported here, for every reader.
 */
export class EventGuard {
  /** Messages passed on. */
  messages = 0;
  private open: Conversation | undefined;

  constructor(
    private readonly readerId: string,
    private readonly range?: DateRange,
    /** Where attachment paths that climb out of the export are reported (unsafe-paths.ts). */
    private readonly diagnostics?: DiagnosticCollector,
    /** Sees every participant passed on (the --self check, option-check.ts). */
    private readonly onParticipant?: (p: Participant) => void,
  ) {}

  /** Checks one raw event; returns what to pass on (nothing, one event, or a close plus the event). */
  accept(ev: ChatEvent): ChatEvent | ChatEvent[] | undefined {
    switch (ev.type) {
      case "message":
        if (!this.open || this.open.id !== ev.message.conversationId)
          throw new Error(`reader ${this.readerId} emitted a message outside its conversation (${ev.message.id})`);
        if (this.diagnostics && ev.message.attachments.length) reportUnsafeAttachmentPaths(ev.message, this.diagnostics, "chatport");
        if (this.range && this.range.test(ev.message) === "out") return undefined;
        this.messages++;
        return ev;
      case "conversation":
        // Conversations, as participants below, are kept until the end (totals, manifest, the html
        // plan): copies whose titles are not views into the reader's input chunks (owned-string.ts).
        ev = { type: "conversation", conversation: ownedCopy(ev.conversation) };
        if (this.open) {
          const close: ChatEvent = { type: "conversation-end", conversation: this.open };
          this.open = ev.conversation;
          return [close, ev];
        }
        this.open = ev.conversation;
        return ev;
      case "conversation-end":
        if (!this.open || this.open.id !== ev.conversation.id) throw new Error(`reader ${this.readerId} closed a conversation it had not opened`);
        this.open = undefined;
        return { type: "conversation-end", conversation: ownedCopy(ev.conversation) };
      case "participant":
        this.onParticipant?.(ev.participant);
        return { type: "participant", participant: ownedCopy(ev.participant) };
      default:
        return ev;
    }
  }

  /** The close of a conversation the reader left open, if any. */
  finish(): ChatEvent | undefined {
    if (!this.open) return undefined;
    const close: ChatEvent = { type: "conversation-end", conversation: this.open };
    this.open = undefined;
    return close;
  }
}
