/**
 * Exports chatport knows but does not read get a message naming what they are and what to do, instead
 * of "not a chat export chatport recognises". The heads below have the shapes of the corpus files
 * (qq-chat-exporter/*.html, discord-dce-json, messenger-json, instagram-json, slack-export).
 */
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { memorySource, memoryTree, type InputSource, type InputTree } from "../src/io/source.js";
import { resolveReader } from "../src/pipeline/resolve-reader.js";

async function refusal(input: InputSource | InputTree): Promise<{ kind: string; message: string }> {
  const e = await resolveReader(input, builtinRegistry).then(
    () => undefined,
    (err: unknown) => err as { kind: string; message: string },
  );
  expect(e, `${input.name} was accepted`).toBeDefined();
  return e!;
}

describe("known exports chatport does not read", () => {
  it.each([
    [
      "chat.html",
      `<!DOCTYPE html>\n<html lang="zh-CN"><head><title>QCE Testing Group</title></head><body>\n<div class="message" data-message-id="m_1"><div class="message-header"><span class="message-sender">Alice</span><span class="message-time">2024-01-01 00:01:40</span></div><div class="message-content">hi</div></div>`,
      /QQ Chat Exporter \(QCE\) HTML export.*export the chat again from QCE choosing JSON/,
    ],
    ["dm.json", `{\n  "guild": { "id": "0", "name": "Direct Messages" },\n  "channel": { "id": "530805775262679064", "type": "DirectTextChat" },\n  "messages": []\n}`, /DiscordChatExporter JSON export/],
    ["message_1.json", `\uFEFF{\n "participants": [{ "name": "Alice" }],\n "messages": [{ "sender_name": "Alice", "timestamp_ms": 1415147732056, "content": "Hello" }]\n}`, /Messenger or Instagram JSON export/],
    ["2025-01-10.json", `[\n {\n  "type": "message",\n  "text": "Some question?",\n  "ts": "1677029631.029259"\n }\n]`, /Slack workspace export/],
  ])("%s is named, with what to do", async (name, text, expected) => {
    const e = await refusal(memorySource(name, text));
    expect(e.kind).toBe("unknown-format");
    expect(e.message).toMatch(expected);
    expect(e.message.startsWith(`${name} looks like `)).toBe(true);
  });

  it("a Slack export folder is named too", async () => {
    const e = await refusal(memoryTree("slack", { "channels.json": "[]", "users.json": "[]", "general/2025-01-10.json": "[]" }));
    expect(e.message).toMatch(/^slack looks like a Slack workspace export/);
  });

  it("other HTML and JSON keep the general message", async () => {
    const inputs: [string, string][] = [
      ["page.html", "<!doctype html><html><body><p>hello</p></body></html>"],
      ["data.json", '{ "a": 1 }'],
    ];
    for (const [name, text] of inputs) {
      const e = await refusal(memorySource(name, text));
      expect(e.message).toMatch(/is not a chat export chatport recognises/);
    }
  });

  it("never takes an input a reader claims (a QCE JSON export is still read)", async () => {
    const qce = `{"metadata":{"name":"QQChatExporter V5 / https://github.com/shuakami/qq-chat-exporter"},"chatInfo":{"name":"g","type":"group"},"statistics":{},"messages":[]}`;
    expect((await resolveReader(memorySource("g.json", qce), builtinRegistry)).reader.id).toBe("qce-json");
  });
});
