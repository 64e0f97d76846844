/**
 * File sinks share one pool of 256 KiB blocks (src/io/sink.ts): a block goes back once its stream has
 * written it, and a closed sink gives back its current one. Sinks open side by side must never write
 * into each other's blocks, and a closed sink must refuse writes (its block may be another's now).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Writable } from "node:stream";
import { openFileSink, streamSink } from "../src/io/sink.js";

describe("file sinks sharing blocks", () => {
  it("keep each file's bytes when many are written in turns and closed in between", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatport-blocks-"));
    const want = new Map<string, string[]>();
    const open = new Map<string, Awaited<ReturnType<typeof openFileSink>>>();
    for (let round = 0; round < 40; round++) {
      // Up to 4 sinks open at once; every few rounds one closes and a new one opens.
      if (open.size < 4) {
        const name = join(dir, `f${round}.txt`);
        open.set(name, await openFileSink(name));
        want.set(name, []);
      }
      for (const [name, sink] of open) {
        const piece = `${name.slice(-8)}:${round}:` + "字x".repeat(30_000 + round * 997); // > 1 block some rounds
        want.get(name)!.push(piece);
        await sink.write(piece);
      }
      if (round % 3 === 2) {
        const [name, sink] = [...open][0]!;
        await sink.close();
        open.delete(name);
      }
    }
    for (const sink of open.values()) await sink.close();
    for (const [name, pieces] of want) expect(readFileSync(name, "utf8")).toBe(pieces.join(""));
  });

  it("refuses a write after close", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatport-blocks-"));
    const sink = await openFileSink(join(dir, "a.txt"));
    await sink.write("hello");
    await sink.close();
    expect(() => sink.write("late")).toThrow(/write after close/);
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe("hello");
  });
});

describe("a writer fed without waiting on I/O", () => {
  it("lets the stream write its earlier blocks while it fills the next ones", async () => {
    // A stream whose writes finish on a later turn of the event loop, as a file's do. Rows from SQLite
    // reach a writer synchronously; blocks must still be written as they fill, not all at once when the
    // high-water mark is reached (the process sat idle meanwhile: 0.75 s of a 1M-row WeChat conversion).
    let started = 0;
    let finished = 0;
    const stream = new Writable({
      highWaterMark: 64 << 20,
      write(_chunk, _enc, done) {
        started++;
        setImmediate(() => {
          finished++;
          done();
        });
      },
    });
    const sink = streamSink("test", stream, true);
    const row = "行,".repeat(1500); // 6,000 bytes of UTF-8: ~42 rows fill a 256 KiB block
    for (let i = 0; i < 42 * 12; i++) {
      const w = sink.write(row);
      if (w) await w;
    }
    // Each write here finishes one turn after it starts, so about every other block is done by now;
    // without the turns the sink gives the loop, none was (all 12 waited for the close).
    expect(finished).toBeGreaterThanOrEqual(5);
    await sink.close();
    expect(started).toBeGreaterThanOrEqual(12);
    expect(finished).toBe(started);
  });
});
