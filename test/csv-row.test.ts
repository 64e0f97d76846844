import { readdirSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RowEncoder, referenceRow } from "../formats/csv/row.js";
import type { Conversation, Message, Participant } from "../src/model/index.js";

// Every message of every reviewed golden (samples/*/*/expected.json) through the fast row encoder and the
// column-by-column reference: the bytes must be the same.
const SAMPLES = join(import.meta.dirname, "..", "samples");

interface Golden {
  archive?: { participants: Participant[]; conversations: (Conversation & { messages: Message[] })[] };
  participants?: Participant[];
  conversations?: (Conversation & { messages: Message[] })[];
}

function goldens(): [string, Golden][] {
  const out: [string, Golden][] = [];
  for (const fmt of readdirSync(SAMPLES))
    for (const c of readdirSync(join(SAMPLES, fmt))) {
      const f = join(SAMPLES, fmt, c, "expected.json");
      if (existsSync(f)) out.push([`${fmt}/${c}`, JSON.parse(readFileSync(f, "utf8")) as Golden]);
    }
  return out;
}

describe("CSV RowEncoder equals the COLUMNS reference", () => {
  const all = goldens();
  it("finds the sample goldens", () => expect(all.length).toBeGreaterThan(40));
  it.each(all)("%s", (_name, g) => {
    const a = g.archive ?? g;
    const people = new Map((a.participants ?? []).map((p) => [p.id, p]));
    const enc = new RowEncoder();
    let rows = 0;
    for (const c of a.conversations ?? []) {
      enc.conversation(c);
      for (const m of c.messages) {
        const sender = m.senderId ? people.get(m.senderId) : undefined;
        expect(enc.row(m, sender)).toBe(referenceRow(m, c, sender));
        rows++;
      }
    }
    if ((a.conversations ?? []).some((c) => c.messages.length)) expect(rows).toBeGreaterThan(0);
  });

  it("neutralises and quotes repeated cells the same way every time", () => {
    const c = { id: "=c", title: "a,b", platform: "qq", kind: "group", participantIds: [], source: "f" } as unknown as Conversation;
    const m = (id: string, name: string): Message =>
      ({ id, conversationId: "=c", seq: 1, senderId: "+1", sentAt: { raw: "-1", basis: "floating", precision: "second", zone: "+08:00" }, kind: "text", text: "=x", attachments: [], reactions: [], status: "normal", provenance: { reader: "r", readerVersion: "1", file: "@f", at: { line: 1 } }, extra: { senderName: name } }) as unknown as Message;
    const enc = new RowEncoder();
    enc.conversation(c);
    for (const name of ["+08:00", "=n", "+08:00"]) {
      const msg = m("'id", name);
      expect(enc.row(msg, undefined)).toBe(referenceRow(msg, c, undefined));
    }
  });

  it("writes a NUL (in a name, a title or a text; from a database cell) as U+2400, and invisible-prefixed formulas neutralised", () => {
    const c = { id: "c", title: "group\u0000", platform: "wechat", kind: "group", participantIds: [], source: "f" } as unknown as Conversation;
    const msg = { id: "m", conversationId: "c", seq: 1, senderId: "wxid_a", sentAt: { raw: "1", basis: "exact", precision: "second" }, kind: "text", text: "\u200b=1+1\u0000", attachments: [], reactions: [], status: "normal", provenance: { reader: "r", readerVersion: "1", file: "f", at: { line: 1 } }, extra: { senderName: "Ann\u0000Lee" } } as unknown as Message;
    const enc = new RowEncoder();
    enc.conversation(c);
    const row = enc.row(msg, undefined);
    expect(row).toBe(referenceRow(msg, c, undefined));
    expect(row).not.toContain("\u0000");
    expect(row).toContain(",group\u2400,");
    expect(row).toContain(",Ann\u2400Lee,");
    expect(row).toContain(`,"'\u200b=1+1\u2400",`);
  });
});
