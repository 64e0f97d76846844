/**
 * MessageJson (formats/json/message-json.ts) writes what JSON.stringify writes, byte for byte, with
 * the keys in the schema's order: checked on random archives (hostile text, every timestamp shape,
 * the memo reused across messages as the writers do) and on every message of every sample golden
 * (no field a reader sets may be dropped).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MessageJson } from "../formats/json/message-json.js";
import type { Archive, Message } from "../src/model/index.js";
import { Message as MessageSchema, Provenance } from "../src/model/schema.js";
import { Timestamp } from "../src/model/timestamp.js";
import { archive } from "./helpers/arbitraries.js";
import { discoverSamples } from "./helpers/samples.js";

const MESSAGE_KEYS = Object.keys((MessageSchema as unknown as { shape: object }).shape);
const TIMESTAMP_KEYS = Object.keys(Timestamp.shape);
const PROVENANCE_KEYS = Object.keys(Provenance.shape);

/** A copy with `keys` first, in that order, then any other own key (which the serializer must not have). */
function ordered(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of [...keys, ...Object.keys(o).filter((k) => !keys.includes(k))]) if (k in o) out[k] = o[k];
  return out;
}

/** The message rebuilt in schema key order (message, timestamps, provenance, its place's line keys, inner messages). */
function schemaOrder(m: Message): Record<string, unknown> {
  const o = ordered(m as unknown as Record<string, unknown>, MESSAGE_KEYS);
  o.sentAt = ordered(m.sentAt, TIMESTAMP_KEYS);
  if (m.editedAt) o.editedAt = ordered(m.editedAt, TIMESTAMP_KEYS);
  const p = ordered(m.provenance, PROVENANCE_KEYS);
  if ("line" in m.provenance.at) p.at = ordered(m.provenance.at, ["line", "endLine"]);
  o.provenance = p;
  if (m.inner) o.inner = m.inner.map(schemaOrder);
  return o;
}

const messagesOf = (a: Pick<Archive, "conversations">): Message[] => a.conversations.flatMap((c) => c.messages);

describe("MessageJson", () => {
  it("writes JSON.stringify's bytes in schema key order (random archives, one memo across messages)", () => {
    fc.assert(
      fc.property(archive, (a) => {
        const json = new MessageJson();
        for (const m of messagesOf(a)) expect(json.message(m)).toBe(JSON.stringify(schemaOrder(m)));
      }),
      { numRuns: 60, seed: 20261121 },
    );
  });

  it("keeps the memo honest when zone, provenance or conversation change and change back", () => {
    const base = JSON.parse(readFileSync(join(discoverSamples().find((c) => c.format === "qq-txt")!.dir, "expected.json"), "utf8")) as Archive;
    const m = messagesOf(base)[0]!;
    const variants: Message[] = [
      m,
      { ...m, conversationId: "other", sentAt: { ...m.sentAt, zone: "Europe/Berlin", offset: "+01:00" } },
      { ...m, provenance: { ...m.provenance, file: "b.txt", at: { table: "MSG", rowid: 7 } } },
      { ...m, sentAt: { raw: "x", basis: "floating", precision: "minute", wall: "2020-01-01T00:00" } },
      m,
    ];
    const json = new MessageJson();
    for (const v of variants) expect(json.message(v)).toBe(JSON.stringify(schemaOrder(v)));
  });

  it("drops nothing a reader sets, on every sample golden", () => {
    let seen = 0;
    for (const c of discoverSamples()) {
      let golden: Archive;
      try {
        golden = JSON.parse(readFileSync(c.expectedPath, "utf8")) as Archive;
      } catch {
        continue; // error cases have no archive golden
      }
      const json = new MessageJson();
      for (const m of messagesOf(golden)) {
        expect(JSON.parse(json.message(m)), `${c.format}/${c.name} ${m.id}`).toStrictEqual(m);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(250);
  });
});
