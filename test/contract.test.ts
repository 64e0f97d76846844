/**
 * The conformance suite every reader must pass, run against every registered reader automatically
 * (unstorage-style): samples exist, empty and garbage input end in diagnostics or one clean error.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { DiagnosticCollector } from "../src/diagnostics/collector.js";
import { isChatportError } from "../src/diagnostics/errors.js";
import { memorySource, memoryTree } from "../src/io/source.js";
import { readEvents } from "../src/pipeline/read-events.js";
import { REPO } from "./helpers/samples.js";

async function drain(input: Parameters<typeof readEvents>[0], from: string) {
  const diagnostics = new DiagnosticCollector();
  try {
    let n = 0;
    for await (const ev of readEvents(input, builtinRegistry, { from, diagnostics })) if (ev.type === "message") n++;
    return { messages: n, diagnostics: diagnostics.list(), error: undefined };
  } catch (e) {
    return { messages: 0, diagnostics: diagnostics.list(), error: e };
  }
}

describe.each(builtinRegistry.readers().map((r) => [r.id, r] as const))("reader %s", (id, reader) => {
  it("has at least one sample case under samples/<id>/", () => {
    const dir = join(REPO, "samples", id);
    expect(existsSync(dir) && readdirSync(dir).length > 0, `samples/${id}/ is missing`).toBe(true);
  });

  it("has a FORMAT.md", () => {
    expect(existsSync(join(REPO, "formats", id, "FORMAT.md")), `formats/${id}/FORMAT.md is missing`).toBe(true);
  });

  it("turns empty input into an empty-input diagnostic or one clean error", async () => {
    const input = reader.input === "directory" ? memoryTree("empty", {}) : memorySource(`empty${reader.extensions?.[0] ?? ""}`, "");
    const r = await drain(input, id);
    if (r.error) expect(isChatportError(r.error), `unclean error: ${String(r.error)}`).toBe(true);
    else expect(r.diagnostics.some((d) => d.code === "empty-input")).toBe(true);
  });

  it("turns garbage into messages plus diagnostics or one clean error, never a crash", async () => {
    const bytes = new Uint8Array(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    for (const input of [memorySource(`garbage${reader.extensions?.[0] ?? ""}`, bytes), memorySource("text.txt", "hello\nworld\n{ not json\n"), memoryTree("dir", { "a.txt": "x" })]) {
      const r = await drain(input, id);
      if (r.error) expect(isChatportError(r.error), `unclean error: ${String(r.error)}`).toBe(true);
    }
  });

  it("declares an id, version and platform", () => {
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(reader.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(reader.platform).toBeTruthy();
  });
});

describe.each(builtinRegistry.writers().map((w) => [w.id, w] as const))("writer %s", (id, writer) => {
  it("declares an id, extension and media type", () => {
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(writer.fileExtension).toMatch(/^\.[a-z0-9.]+$/);
    expect(writer.mediaType).toContain("/");
  });
});
