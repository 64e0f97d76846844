/** signal-md on the signal-export corpus sample (corpus/SOURCES.md, `signal-export/`). */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { readAll } from "../../src/pipeline/index.js";
import { CORPUS } from "../helpers/samples.js";

const FILE = join(CORPUS, "signal-export", "chat-md-2019-style.txt");

describe.skipIf(!existsSync(FILE))("signal-md on the corpus chat.md", () => {
  it("is detected as Signal (not WhatsApp) and gives 2 messages from 3 lines with their senders", async () => {
    let accounting: Record<string, number> | undefined;
    const archive = await readAll(FILE, builtinRegistry, { tz: "Europe/London", onAccounting: (a) => (accounting = a) });
    expect(archive.sources[0]!.reader).toBe("signal-md");
    expect(accounting).toEqual({ linesRead: 3, linesInMessages: 3, linesStructural: 0, linesReported: 0 });
    const messages = archive.conversations[0]!.messages;
    expect(messages.map((m) => [archive.participants.find((p) => p.id === m.senderId)?.displayName, m.text, m.sentAt.wall, m.sentAt.utc])).toEqual([
      ["Jane Doe", "Hello John!", "2019-12-24T12:23", "2019-12-24T12:23Z"],
      ["John Doe", "Hello\nJane!", "2020-01-17T21:49", "2020-01-17T21:49Z"],
    ]);
    expect(archive.conversations[0]!.platform).toBe("signal");
  });
});
