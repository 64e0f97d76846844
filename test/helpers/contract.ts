import { expect } from "vitest";
import { Archive, Message as MessageSchema, type Archive as ArchiveT, type Message } from "../../src/model/index.js";
import type { ChatEvent } from "../../src/plugin/types.js";
import { readers } from "../../formats/index.js";

/**
 * The reader contract every reader must pass on every sample (STYLE.md §12): events in order, ids
 * unique, provenance on every message, senders resolvable, timestamps honest, schema-valid output.
 */
export function assertReaderContract(readerId: string, events: ChatEvent[], archive: ArchiveT): void {
  // Events: conversation → (participant | message)* → conversation-end, messages of the open conversation only.
  let open: string | undefined;
  const convIds = new Set<string>();
  for (const ev of events) {
    if (ev.type === "conversation") {
      expect(open, "a conversation opened before the previous one ended").toBeUndefined();
      expect(convIds.has(ev.conversation.id), `conversation id ${ev.conversation.id} reused`).toBe(false);
      convIds.add(ev.conversation.id);
      open = ev.conversation.id;
    } else if (ev.type === "conversation-end") {
      expect(ev.conversation.id).toBe(open);
      open = undefined;
    } else if (ev.type === "message") {
      expect(ev.message.conversationId, `message ${ev.message.id} outside its conversation`).toBe(open);
    }
  }
  expect(open, "the last conversation was not closed").toBeUndefined();

  const parsed = Archive.safeParse(archive);
  if (!parsed.success) throw new Error(`archive does not match the schema: ${JSON.stringify(parsed.error.issues.slice(0, 5))}`);

  const participantIds = new Set<string>();
  for (const p of archive.participants) {
    expect(participantIds.has(p.id), `participant id ${p.id} repeated`).toBe(false);
    participantIds.add(p.id);
  }
  const messageIds = new Set<string>();
  const visit = (m: Message, nested: boolean) => {
    expect(MessageSchema.safeParse(m).success).toBe(true);
    if (!nested) {
      expect(messageIds.has(m.id), `message id ${m.id} repeated`).toBe(false);
      messageIds.add(m.id);
      // chatport-json re-imports an archive: its messages keep the provenance of the reader that first read them.
      if (readerId !== "chatport-json") expect(m.provenance.reader).toBe(readerId);
      if (m.senderId !== null) expect(participantIds.has(m.senderId), `sender ${m.senderId} of ${m.id} is not a participant`).toBe(true);
    }
    assertTimestampHonest(m.sentAt, m.id);
    if (m.editedAt) assertTimestampHonest(m.editedAt, m.id);
    const attIds = new Set<string>();
    for (const a of m.attachments) {
      expect(attIds.has(a.id), `attachment id ${a.id} repeated in ${m.id}`).toBe(false);
      attIds.add(a.id);
      if (a.availability === "present") expect(a.sha256, `present attachment ${a.id} without sha256`).toMatch(/^[0-9a-f]{64}$/);
    }
    for (const i of m.inner ?? []) visit(i, true);
  };
  // A reader that declares its format has no reply links must never set replyTo.
  if (readers.find((r) => r.id === readerId)?.linksReplies === false) {
    const noReply = (m: Message): void => {
      expect(m.replyTo, `${readerId} declares no reply links but ${m.id} has replyTo`).toBeUndefined();
      for (const i of m.inner ?? []) noReply(i);
    };
    for (const c of archive.conversations) for (const m of c.messages) noReply(m);
  }
  for (const c of archive.conversations) {
    let seq = -1;
    for (const m of c.messages) {
      expect(m.seq, `seq not increasing in ${c.id}`).toBeGreaterThan(seq);
      seq = m.seq;
      expect(m.conversationId).toBe(c.id);
      visit(m, false);
    }
  }
}

/** A timestamp's basis must match what it carries: no invented instants. */
export function assertTimestampHonest(ts: Message["sentAt"], where: string): void {
  expect(ts.raw, `raw missing in ${where}`).toBeTypeOf("string");
  if (ts.basis === "floating") expect(ts.utc, `floating time with utc in ${where}`).toBeUndefined();
  else if (ts.precision !== "day") expect(ts.utc, `${ts.basis} time without utc in ${where}`).toBeDefined();
  if (ts.basis === "assumed-zone") expect(ts.zone, `assumed-zone without zone in ${where}`).toBeDefined();
  if (ts.offset !== undefined) expect(ts.wall, `offset without wall in ${where}`).toBeDefined();
}

/** Every `*Read` counter equals the sum of the other counters: nothing unaccounted. */
export function assertAccounting(a: Record<string, number>): void {
  const readKey = Object.keys(a).find((k) => k.endsWith("Read"));
  expect(readKey, "accounting has no *Read counter").toBeDefined();
  const rest = Object.entries(a).filter(([k]) => k !== readKey).reduce((s, [, n]) => s + n, 0);
  expect(rest, `accounting ${JSON.stringify(a)} does not add up`).toBe(a[readKey!]);
}
