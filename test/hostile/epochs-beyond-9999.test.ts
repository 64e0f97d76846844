/**
 * Hostile input: epochs in JSON exports that no four-digit-year date can hold. qce-json threw
 * "Invalid time value" (exit 70) on a 16-digit millisecond timestamp; telegram-json wrote the year
 * 33658 as utc "+033658-09-27T01:46Z", which is no date of the model. Both now keep the raw value,
 * report invalid-timestamp, and keep the message.
 */
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { memorySource } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/read-all.js";
import { Timestamp } from "../../src/model/timestamp.js";

async function read(name: string, text: string, from: string) {
  const a = await readAll(memorySource(name, text), builtinRegistry, { from });
  return { messages: a.conversations.flatMap((c) => c.messages), codes: a.diagnostics.map((d) => d.code) };
}

describe("epochs beyond the year 9999 in JSON exports", () => {
  it("qce-json: a 16-digit millisecond timestamp falls back to the time text, else is kept raw", async () => {
    const m = (seq: number, timestamp: unknown, time: string) => ({
      seq: String(seq), timestamp, time, sender: { uid: "u_a", uin: "11111", name: "A" }, type: "type_1",
      content: { text: `t${seq}`, elements: [{ type: "text", data: { text: `t${seq}` } }], resources: [], mentions: [] }, recalled: false, system: false,
    });
    const doc = JSON.stringify({ metadata: { name: "QQChatExporter V5" }, chatInfo: { name: "G", type: "group" }, messages: [m(1, 9999999999999999, "2024-01-01 08:00:00"), m(2, "9999999999999999", "x"), m(3, 1704067200000, "x")] });
    const { messages, codes } = await read("qce.json", doc, "qce-json");
    expect(messages).toHaveLength(3);
    expect(messages[0]!.sentAt).toMatchObject({ wall: "2024-01-01T08:00:00", basis: "floating" });
    expect(messages[1]!.sentAt).toEqual({ raw: "9999999999999999", basis: "floating", precision: "second" });
    expect(messages[2]!.sentAt.utc).toBe("2024-01-01T00:00:00.000Z");
    expect(codes).toContain("invalid-timestamp");
    for (const x of messages) expect(Timestamp.safeParse(x.sentAt).success).toBe(true);
  });

  it("telegram-json: a date_unixtime of the year 33658 is reported, and the date text is used", async () => {
    const msg = (id: number, date: string, unix: string) => ({ id, type: "message", date, date_unixtime: unix, from: "A", from_id: "user1", text: "hi" });
    const doc = JSON.stringify({ name: "A", type: "personal_chat", id: 1, messages: [msg(1, "2020-01-01T00:00:00", "999999999999"), msg(2, "2020-01-01T00:00:01", "1577836801")] });
    const { messages, codes } = await read("result.json", doc, "telegram-json");
    expect(messages).toHaveLength(2);
    expect(messages[0]!.sentAt.utc).toBeUndefined();
    expect(messages[0]!.sentAt.wall).toBe("2020-01-01T00:00:00");
    expect(messages[1]!.sentAt.utc).toBe("2020-01-01T00:00:01Z");
    expect(codes).toContain("invalid-timestamp");
    for (const x of messages) expect(Timestamp.safeParse(x.sentAt).success).toBe(true);
  });
});
