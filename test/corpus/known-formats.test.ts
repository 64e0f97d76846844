/**
 * The corpus exports chatport does not read (SOURCES.md: discord-dce-json, messenger-json,
 * instagram-json, slack-export, the QCE HTML) are refused with a message naming what they are.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { openInput } from "../../src/index.js";
import { resolveReader } from "../../src/pipeline/resolve-reader.js";

const CORPUS = fileURLToPath(new URL("../../../shared/corpus/", import.meta.url));

const cases: [string, RegExp][] = [
  ["qq-chat-exporter/qce-group-mixed-media.html", /QQ Chat Exporter \(QCE\) HTML export/],
  ["discord-dce-json/dm.json", /DiscordChatExporter JSON export/],
  ["discord-dce-json/group-dm.json", /DiscordChatExporter JSON export/],
  ["discord-dce-json/guild-text-channel.json", /DiscordChatExporter JSON export/],
  ["messenger-json/1to1-hand-made-bom.json", /Messenger or Instagram JSON export/],
  ["instagram-json/minimal-two-messages.json", /Messenger or Instagram JSON export/],
  ["slack-export/bot-message.json", /Slack workspace export/],
  ["slack-export/export-tree", /Slack workspace export/],
  ["slack-export/export-tree/B75B4C7/2025-01-10.json", /Slack workspace export/],
];

describe.skipIf(!existsSync(CORPUS))("corpus: known exports chatport does not read are named", () => {
  it.each(cases)("%s", async (rel, expected) => {
    const input = await openInput(CORPUS + rel);
    const err = await resolveReader(input, builtinRegistry).then(
      () => undefined,
      (e: unknown) => e as { kind: string; message: string },
    );
    expect(err?.kind).toBe("unknown-format");
    expect(err?.message).toMatch(expected);
  });
});
