/**
 * A value longer than the 64 KiB detection probe before the second QCE section (a 1 MB `chatInfo.name`
 * written first, a long `metadata` field) left the head with one section: `chatport convert x.json` said
 * "not a chat export" (exit 4) unless `--from qce-json` was given. The root keys the head holds are read
 * now (src/io/json-root-head.ts, as for Telegram).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { buildProbe } from "../../src/pipeline/probe.js";
import { memorySource } from "../../src/io/source.js";
import { runCapture } from "../../test/helpers/cli.js";

const LONG = "名".repeat(400_000) + "x".repeat(200_000); // ~1.4 MB of UTF-8
const METADATA = `"metadata": {\n    "name": "QQChatExporter V5 / https://github.com/shuakami/qq-chat-exporter",\n    "copyright": "本软件是免费的开源项目~",\n    "version": "5.3.0"\n  }`;
const chatInfo = (name: string) => `"chatInfo": {\n    "name": ${JSON.stringify(name)},\n    "type": "group",\n    "participantCount": 2\n  }`;
const STATISTICS = `"statistics": {"totalMessages": 1, "senders": [{"uid": "u_a", "name": "A", "messageCount": 1, "percentage": 100}]}`;
const MESSAGES = `"messages": [\n    {"id": "m_1", "seq": "1", "timestamp": 1704067300000, "time": "2024-01-01 00:01:40", "sender": {"uid": "u_a", "uin": "10001", "name": "A"}, "type": "type_1", "content": {"text": "hi", "elements": [{"type": "text", "data": {"text": "hi"}}], "resources": [], "mentions": []}, "recalled": false, "system": false}\n  ]`;
const root = (...sections: string[]) => `{\n  ${sections.join(",\n  ")}\n}\n`;

async function detect(text: string, name = "export.json") {
  const probe = await buildProbe(memorySource(name, text));
  return builtinRegistry.detect(probe)[0];
}

async function convert(text: string) {
  const dir = mkdtempSync(join(tmpdir(), "qce-long-head-"));
  const input = join(dir, "export.json");
  writeFileSync(input, text);
  const out = join(dir, "out.json");
  const r = await runCapture(["convert", input, "--to", "json", "-o", out]);
  return { r, archive: r.code === 0 ? (JSON.parse(readFileSync(out, "utf8")) as { conversations: { title: string; messages: { text: string }[] }[] }) : undefined };
}

describe("qce-json detection with a long value before the second section", () => {
  it("chatInfo written first with a 1.4 MB name: recognised (weakly) and converts without --from", async () => {
    const text = root(chatInfo(LONG), METADATA, STATISTICS, MESSAGES);
    const best = await detect(text);
    expect([best?.reader.id, best?.confidence]).toEqual(["qce-json", 0.6]);
    expect(best?.reason).toMatch(/chatInfo longer than the probe/);
    const { r, archive } = await convert(text);
    expect(r.err).toMatch(/Read 1 conversation, 1 message/);
    expect(r.code).toBe(0);
    expect(archive!.conversations[0]!.title).toBe(LONG);
    expect(archive!.conversations[0]!.messages.map((m) => m.text)).toEqual(["hi"]);
  });

  it("a metadata field longer than the probe after its QQChatExporter name: recognised and read", async () => {
    const meta = `"metadata": {"name": "QQChatExporter V5", "copyright": ${JSON.stringify(LONG)}}`;
    const text = root(meta, chatInfo("周末登山群"), STATISTICS, MESSAGES);
    const best = await detect(text);
    expect([best?.reader.id, best?.confidence]).toEqual(["qce-json", 0.9]);
    const { r, archive } = await convert(text);
    expect(r.code).toBe(0);
    expect(archive!.conversations.map((c) => [c.title, c.messages.length])).toEqual([["周末登山群", 1]]);
  });

  it("QCE's own order (metadata, then a 1.4 MB chatInfo.name) stays recognised with certainty", async () => {
    const best = await detect(root(METADATA, chatInfo(LONG), STATISTICS, MESSAGES));
    expect([best?.reader.id, best?.confidence]).toEqual(["qce-json", 0.97]);
  });

  it("does not claim other JSON whose head is one long value", async () => {
    // Telegram Desktop: name first, then type.
    const tg = `{\n "name": ${JSON.stringify(LONG)},\n "type": "personal_chat",\n "id": 4001,\n "messages": []\n}\n`;
    expect((await detect(tg, "result.json"))?.reader.id).toBe("telegram-json");
    // chatport's own JSON with a long conversation title.
    const own = `{\n"schemaVersion": "1.0.0",\n"generator": {"name":"chatport","version":"0.1.0"},\n"conversations": [{"id": "c", "title": ${JSON.stringify(LONG)}, "messages": []}]\n}\n`;
    expect((await detect(own, "out.json"))?.reader.id).not.toBe("qce-json");
    // A metadata object that names another tool, a chatInfo without a name first, a foreign key first.
    const others = [
      root(`"metadata": {"name": "SomeOtherExporter", "notes": ${JSON.stringify(LONG)}}`, chatInfo("g"), MESSAGES),
      root(`"chatInfo": {"title": ${JSON.stringify(LONG)}}`, MESSAGES),
      root(`"version": 2`, chatInfo(LONG), MESSAGES),
      root(`"metadata": {"name": "QQChatExporter V5"}`, `"notes": ${JSON.stringify(LONG)}`, MESSAGES),
    ];
    for (const t of others) expect((await detect(t))?.reader.id).not.toBe("qce-json");
    // A short file that is all one chatInfo.name: nothing goes on past the head, nothing to claim.
    expect(await detect(`{"chatInfo": {"name": "${"n".repeat(100)}`)).toBeUndefined();
  });
});
