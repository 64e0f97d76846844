import { Conversation, Message, Participant, type Conversation as ConversationT } from "../../src/model/schema.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import type { ZoneNote } from "../../src/time/make-timestamp.js";
import { rawOf, replayDiagnostic, validated } from "./validate.js";
import { timestampProblem, unknownKeys } from "./consistency.js";
import { placeFloating } from "./zone.js";
import { IdFingerprints } from "./id-fingerprints.js";

/** Where every record of the input went (ctx.account): read = in messages + structural + reported. */
export interface Accounting {
  recordsRead: number;
  recordsInMessages: number;
  recordsStructural: number;
  recordsReported: number;
}

type Json = Record<string, unknown>;

// Message is typed as a plain ZodType (it nests itself), but is a zod object like the others.
const shapeKeys = (schema: unknown): string[] => Object.keys((schema as { shape: Record<string, unknown> }).shape);
const KNOWN = {
  conversation: new Set(shapeKeys(Conversation).concat("messages", "type", "stats")),
  message: new Set(shapeKeys(Message).concat("type")),
  participant: new Set(shapeKeys(Participant).concat("type")),
};

/** A conversation with its keys in the model's order (the json writer splits them around the messages). */
function ordered(c: ConversationT): ConversationT {
  const out: ConversationT = { id: c.id, platform: c.platform, kind: c.kind, title: c.title, participantIds: c.participantIds, source: c.source };
  if (c.extra !== undefined) out.extra = c.extra;
  return out;
}

/**
 * Turns the records of a chatport archive (from the JSON or the NDJSON form) into events, validating
 * each against the zod model. A record that does not validate becomes a diagnostic with its JSON
 * pointer and raw text; nothing is dropped silently. Events queue in {@link queue} and are drained by
 * the caller between input chunks.
 */
export class ArchiveAssembler {
  readonly queue: ChatEvent[] = [];
  readonly accounting: Accounting = { recordsRead: 0, recordsInMessages: 0, recordsStructural: 0, recordsReported: 0 };
  /** The open conversation; `undefined` id when its header did not validate (its messages are reported). */
  private open: { conv: ConversationT | undefined; pointer: string } | undefined;
  /** Message ids of the open conversation: ids are unique within a conversation (WeChat server ids may recur in another chat). */
  private seen = new IdFingerprints();
  private readonly convIds = new Set<string>();
  /** Unknown keys already reported, per record kind ("message:foo"): reported once each, at their first place. */
  private readonly unknownSeen = new Set<string>();

  constructor(private readonly ctx: ReadContext, private readonly file: string) {}

  /** A record that is structure (header fields, sources). */
  structural(): void {
    this.accounting.recordsRead++;
    this.accounting.recordsStructural++;
  }

  /** A record that is reported, not kept (unknown keys, bad records). */
  reported(code: "unrecognized-record" | "malformed-payload", message: string, pointer: string, raw: unknown): void {
    this.accounting.recordsRead++;
    this.accounting.recordsReported++;
    this.ctx.report(code, { message: `${this.file}: ${message}`, file: this.file, place: { pointer }, raw: rawOf(raw) });
  }

  get isOpen(): boolean {
    return this.open !== undefined;
  }

  /**
   * Opens a conversation from its header fields. `kind` and `participantIds` may come later (the
   * `json` writer puts them after the messages); until then they read "unknown" and [].
   */
  openConversation(head: Json, pointer: string): void {
    if (this.open) this.closeConversation({}, this.open.pointer);
    this.seen = new IdFingerprints();
    this.accounting.recordsRead++;
    const candidate = { kind: "unknown", participantIds: [], ...head };
    const valid = validated(Conversation, candidate, "conversation", pointer, this.file, this.ctx);
    let conv = valid && ordered(valid);
    if (conv && this.convIds.has(conv.id)) {
      this.ctx.report("duplicate-id", { message: `${this.file}: conversation id ${conv.id} at ${pointer} appeared before; its messages are reported, not read.`, file: this.file, place: { pointer }, raw: rawOf(head) });
      conv = undefined;
    }
    if (conv) {
      this.noteUnknownKeys("conversation", head, pointer);
      this.convIds.add(conv.id);
      this.accounting.recordsStructural++;
      this.queue.push({ type: "conversation", conversation: conv });
    } else this.accounting.recordsReported++;
    this.open = { conv, pointer };
  }

  /** Closes the open conversation, restating it with the fields that followed its messages. */
  closeConversation(tail: Json, pointer: string): void {
    const open = this.open;
    this.open = undefined;
    if (!open?.conv) return;
    const merged = { ...open.conv, ...tail };
    const valid = Object.keys(tail).length ? validated(Conversation, merged, "conversation", pointer, this.file, this.ctx) : open.conv;
    const done = valid && ordered(valid);
    if (done && done.id !== open.conv.id)
      this.ctx.report("unrecognized-record", { message: `${this.file}: the conversation closed at ${pointer} names id ${done.id}, not ${open.conv.id}; the opening id is kept.`, file: this.file, place: { pointer }, raw: rawOf(tail) });
    this.queue.push({ type: "conversation-end", conversation: done && done.id === open.conv.id ? done : open.conv });
  }

  /** One message record of the open conversation. */
  message(value: unknown, pointer: string): void {
    this.accounting.recordsRead++;
    const bad = (why: string, code: "unrecognized-record" | "duplicate-id" = "unrecognized-record"): void => {
      this.accounting.recordsReported++;
      this.ctx.report(code, { message: `${this.file}: message at ${pointer} ${why}; it is kept only here, in raw.`, file: this.file, place: { pointer }, raw: rawOf(value) });
    };
    if (!this.open) return bad("is outside any conversation");
    if (!this.open.conv) return bad("belongs to a conversation whose header could not be read");
    const m = validated(Message, value, "message", pointer, this.file, this.ctx);
    if (!m) {
      this.accounting.recordsReported++;
      return;
    }
    if (m.conversationId !== this.open.conv.id) return bad(`names conversation ${m.conversationId}, but it sits in ${this.open.conv.id}`);
    if (!this.seen.add(m.id)) return bad(`repeats message id ${m.id}`, "duplicate-id");
    this.accounting.recordsInMessages++;
    this.noteUnknownKeys("message", m, pointer);
    for (const key of ["sentAt", "editedAt"] as const) {
      const ts = m[key];
      const why = ts && timestampProblem(ts);
      if (why) this.ctx.report("invalid-timestamp", { message: `${this.file}: message ${m.id}: ${key} ${why}; kept as written.`, file: this.file, place: { pointer: `${pointer}/${key}` }, raw: rawOf(ts) });
    }
    let out = m;
    if (this.ctx.tz) {
      const note: ZoneNote = {};
      out = placeFloating(m, this.ctx.tz, note);
      if (note.gap) this.ctx.report("timezone-gap", { message: `${this.file}: message ${m.id} has a wall time that does not exist in ${this.ctx.tz} (a DST gap); placed by the zone's rule.`, file: this.file, place: { pointer } });
      if (note.ambiguous) this.ctx.report("timezone-ambiguous", { message: `${this.file}: message ${m.id} has a wall time that occurs twice in ${this.ctx.tz}; the earlier was taken.`, file: this.file, place: { pointer } });
    }
    this.queue.push({ type: "message", message: out });
  }

  /** One participant record. */
  participant(value: unknown, pointer: string): void {
    this.accounting.recordsRead++;
    const p = validated(Participant, value, "participant", pointer, this.file, this.ctx);
    if (!p) {
      this.accounting.recordsReported++;
      return;
    }
    this.accounting.recordsStructural++;
    this.noteUnknownKeys("participant", p, pointer);
    this.queue.push({ type: "participant", participant: p });
  }

  /** Reports keys the schema does not know (a newer or hand-edited archive): they are not carried over. */
  private noteUnknownKeys(kind: keyof typeof KNOWN, value: object, pointer: string): void {
    for (const key of unknownKeys(value, KNOWN[kind])) {
      if (this.unknownSeen.has(`${kind}:${key}`)) continue;
      this.unknownSeen.add(`${kind}:${key}`);
      const at = `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      this.ctx.report("unrecognized-record", {
        message: `${this.file}: ${kind} key ${JSON.stringify(key)} is not in the chatport schema and is not carried over (reported once, at its first place).`,
        file: this.file,
        place: { pointer: at },
        raw: rawOf((value as Json)[key]),
      });
    }
  }

  /** One diagnostic record: re-reported (it is structure of the archive, not a problem of this read). */
  diagnostic(value: unknown, pointer: string): void {
    this.accounting.recordsRead++;
    if (replayDiagnostic(value, pointer, this.file, this.ctx)) this.accounting.recordsStructural++;
    else this.accounting.recordsReported++;
  }
}
