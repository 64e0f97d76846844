import type { Conversation, Message } from "../../src/model/index.js";
import type { ZipFile } from "./attachments.js";
import type { RsmfEvent } from "./events.js";
import { instantMs } from "./time.js";

/** A conversation as one slice saw it: the latest known record and the senders in this slice. */
export interface SliceConversation {
  conversation: Conversation;
  senders: Set<string>;
  /** Index in `texts` where this conversation's lines start (its heading). */
  textStart: number;
  events: number;
}

/**
 * One `.rsmf` file in the making: at most `maxEvents` serialised events (bounded buffer), the
 * conversations and participants they reference, the files for its zip and its text lines.
 */
export class Slice {
  readonly events: string[] = [];
  readonly texts: string[] = [];
  readonly files: ZipFile[] = [];
  /** Zip names taken (lower-case); the manifest's own name is reserved. */
  readonly usedNames = new Set<string>(["rsmf_manifest.json"]);
  readonly conversations = new Map<string, SliceConversation>();
  /** Participant ids referenced by events (senders, reactions, edits), in first-seen order. */
  readonly participantRefs = new Set<string>();
  /** Names seen on messages, for participants without a record. */
  readonly fallbackNames = new Map<string, string>();
  attachmentCount = 0;
  begin?: { ms: number; text: string };
  end?: { ms: number; text: string };

  constructor(readonly number: number) {}

  /** Opens (or refreshes) a conversation in this slice. */
  touch(c: Conversation): SliceConversation {
    let sc = this.conversations.get(c.id);
    if (!sc) {
      sc = { conversation: c, senders: new Set(), textStart: this.texts.length, events: 0 };
      this.conversations.set(c.id, sc);
      this.texts.push(`\n=== ${c.title || c.id} (${c.platform} ${c.kind} conversation, id ${c.id}) ===\n`);
    } else sc.conversation = c;
    return sc;
  }

  /** Adds one mapped event with its text lines and zip files. */
  add(m: Message, ev: RsmfEvent, text: string, files: ZipFile[], conv: Conversation): void {
    const sc = this.touch(conv);
    sc.events++;
    this.events.push(JSON.stringify(ev));
    this.texts.push(text);
    for (const f of files) this.files.push(f);
    this.attachmentCount += ev.attachments?.length ?? 0;
    if (ev.participant !== undefined) {
      sc.senders.add(ev.participant);
      this.participantRefs.add(ev.participant);
      const name = m.extra?.senderName;
      if (typeof name === "string" && name !== "" && !this.fallbackNames.has(ev.participant)) this.fallbackNames.set(ev.participant, name);
    }
    for (const r of ev.reactions ?? []) for (const p of r.participants) this.participantRefs.add(p);
    if (ev.timestamp !== undefined) {
      const ms = instantMs(ev.timestamp);
      if (!this.begin || ms < this.begin.ms) this.begin = { ms, text: ev.timestamp };
      if (!this.end || ms > this.end.ms) this.end = { ms, text: ev.timestamp };
    }
  }
}
