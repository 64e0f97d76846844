/**
 * A writer's unexpected failure is reported as the writer's, with the message and place it failed on.
 * It used to read "Reading chat.txt with qq-txt failed unexpectedly", sending the user and the bug
 * report to the reader (found with a QQ sender name of 10 MB, which overflowed the rsmf writer's stack).
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readers, writers } from "../formats/index.js";
import { ChatportError } from "../src/diagnostics/errors.js";
import { memorySink, memorySource } from "../src/io/index.js";
import { convert } from "../src/pipeline/convert.js";
import { Registry } from "../src/plugin/registry.js";
import type { WriterPlugin, WriterSession } from "../src/plugin/types.js";
import { qqTxt } from "./helpers/qq-txt-build.js";

const INPUT = qqTxt("测试", [
  { time: "2020-01-01 10:00:00", sender: "小明(10001)", body: "第一条" },
  { time: "2020-01-01 10:01:00", sender: "小红(10002)", body: "第二条" },
]);

/** A writer that fails in `stage` (on the second message for "message"), synchronously or with a rejected promise. */
function failingWriter(stage: keyof WriterSession, error: () => Error, async: boolean): WriterPlugin {
  return {
    id: "broken",
    version: "0.0.0",
    displayName: "a writer with a bug",
    fileExtension: ".txt",
    mediaType: "text/plain",
    options: z.object({}).passthrough(),
    create(): WriterSession {
      let n = 0;
      const maybe = (s: keyof WriterSession): void | Promise<void> => {
        if (s !== stage || (s === "message" && ++n < 2)) return;
        if (async) return Promise.reject(error());
        throw error();
      };
      return {
        begin: () => maybe("begin"),
        conversation: () => maybe("conversation"),
        message: () => maybe("message"),
        conversationEnd: () => maybe("conversationEnd"),
        end: () => maybe("end"),
      };
    },
  };
}

const run = (w: WriterPlugin) =>
  convert(memorySource("chat.txt", INPUT), new Registry(readers, [...writers, w]), { to: w.id, output: memorySink("out.txt"), tz: "Asia/Shanghai" });

describe("a writer's unexpected failure", () => {
  for (const async of [false, true])
    it(`names the writer, the message and its place, not the reader (${async ? "rejected promise" : "throw"})`, async () => {
      const e = await run(failingWriter("message", () => new TypeError("boom"), async)).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ChatportError);
      const err = e as ChatportError;
      expect(err.kind).toBe("internal");
      expect(err.message).toMatch(/^The broken writer failed unexpectedly on message qq-txt:[0-9a-f]{16} \(chat\.txt lines 12-13\): boom\. This is a bug/);
      expect(err.message).not.toContain("Reading");
      expect((err.cause as Error).message).toBe("boom");
    });

  for (const stage of ["begin", "conversation", "conversationEnd", "end"] as const)
    it(`names the stage when it fails in ${stage}`, async () => {
      const e = (await run(failingWriter(stage, () => new RangeError("deep"), false)).catch((x: unknown) => x)) as ChatportError;
      expect(e.kind).toBe("internal");
      expect(e.message).toMatch(/^The broken writer failed unexpectedly (before the first message|on conversation qq-txt:|closing conversation qq-txt:|finishing the output).*: deep\./);
    });

  it("reports a damaged database met while writing (a voice clip read from the input) as damaged input", async () => {
    const sqlite = () => Object.assign(new Error("database disk image is malformed"), { name: "SqliteError", code: "SQLITE_CORRUPT" });
    const e = (await run(failingWriter("message", sqlite, false)).catch((x: unknown) => x)) as ChatportError;
    expect(e.kind).toBe("input-damaged");
    expect(e.message).toMatch(/^chat\.txt: a SQLite database in it is damaged \(database disk image is malformed, SQLITE_CORRUPT\)/);
  });

  it("passes an error meant for people through unchanged", async () => {
    const mine = new ChatportError("output-failed", "out.txt could not be written: the disk is full; free some space and run again.");
    const e = await run(failingWriter("message", () => mine, true)).catch((x: unknown) => x);
    expect(e).toBe(mine);
  });
});
