import type { DiagnosticCollector } from "../diagnostics/collector.js";
import { ChatportError } from "../diagnostics/errors.js";
import type { Participant } from "../model/schema.js";

/** The CLI flag of each reader option key, for messages a CLI user can act on. */
const FLAG: Record<string, string> = { self: "--self", dateOrder: "--date-order" };

/**
 * Reports reader options the reader's schema dropped: zod strips keys a schema does not declare, so
 * `--self` given to a reader that reads "mine" from the source itself (wechat-pc3's IsSender) vanished
 * without a word, and the user believed their messages were marked by it.
 */
export function reportUnusedOptions(readerId: string, given: Record<string, unknown>, parsed: object, diagnostics: DiagnosticCollector): void {
  for (const key of Object.keys(given)) {
    if (key in parsed || given[key] === undefined) continue;
    const flag = FLAG[key] ? ` (${FLAG[key]})` : "";
    diagnostics.report("chatport", "option-unused", {
      message: `The reader ${readerId} does not take the option ${key}${flag}; it was ignored.${key === "self" ? " This format says itself which messages are yours, or does not say it at all." : ""}`,
    });
  }
}

/**
 * Refuses a `self` that names nobody: an empty or blank `--self` was taken by some readers as "not
 * given" (QQ guessed the user) and by others as a wxid of spaces (WeChat CSV made a participant
 * "wechat:   " and gave it every message of the user).
 */
export function checkSelf(given: Record<string, unknown>): void {
  const self = given.self;
  if (typeof self === "string" && self.trim() === "")
    throw new ChatportError("usage", `--self ${JSON.stringify(self)} is empty; give your id or name as the export writes it, or leave --self out.`);
}

/** Names shown in the --self warning, at most. */
const SHOWN_NAMES = 5;

/**
 * Watches the participants of a run given `--self`: when none ends up marked as the user, the value
 * matched nobody (a typo, a name spelt otherwise in the export), and every message stays someone
 * else's — silently, before this check. Readers match `self` each in their own way (number, name,
 * phone, uid), so the check is on the outcome, not on the matching.
 */
export class SelfCheck {
  private marked = false;
  private readonly names: string[] = [];

  constructor(private readonly self: string) {}

  /** Notes one participant event. */
  see(p: Participant): void {
    if (p.isSelf) this.marked = true;
    else if (!p.isSystem && this.names.length < SHOWN_NAMES && p.displayName) this.names.push(p.displayName);
  }

  /** Reports when no participant was marked as the user. */
  finish(diagnostics: DiagnosticCollector): void {
    if (this.marked) return;
    const seen = this.names.length ? ` Names in the export include: ${this.names.map((n) => JSON.stringify(n)).join(", ")}.` : "";
    diagnostics.report("chatport", "option-unused", {
      message: `--self ${JSON.stringify(this.self)} matched no participant; no message is marked as yours.${seen} Give your id or name exactly as the export writes it.`,
    });
  }
}
