import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { isChatportError } from "../../src/diagnostics/errors.js";
import { memorySource, memoryTree } from "../../src/io/source.js";
import { readAll } from "../../src/pipeline/index.js";

// A chatport NDJSON stream: objects, but none of them a QCE message.
const NDJSON = [
  { type: "archive", schemaVersion: "1.0.0", generator: { name: "chatport" } },
  { type: "conversation", id: "c1", platform: "qq" },
  { type: "message", id: "m1", conversationId: "c1", seq: 1, senderId: "p1", sentAt: { raw: "1", basis: "exact" }, kind: "text", text: "secret" },
].map((o) => JSON.stringify(o)).join("\n") + "\n";

describe("QCE readers given another program's records", () => {
  it("qce-jsonl reports each object with none of QCE's message fields: the wrong --from fails (exit 4) instead of making empty messages", async () => {
    const err = await readAll(memorySource("other.jsonl", NDJSON), builtinRegistry, { from: "qce-jsonl", diagnostics: new DiagnosticCollector() }).catch((e: unknown) => e);
    expect(isChatportError(err) && err.kind).toBe("unknown-format");
    expect(String((err as Error).message)).toMatch(/no message could be read as qce-jsonl; 3 line\(s\) or record\(s\) were not recognised, the first at line 1/);
  });

  it("qce-json on a folder without its .json fails as a wrong --from (exit 4), not as a usage error", async () => {
    const err = await readAll(memoryTree("export", { "chat.md": "x" }), builtinRegistry, { from: "qce-json", diagnostics: new DiagnosticCollector() }).catch((e: unknown) => e);
    expect(isChatportError(err) && err.kind).toBe("unknown-format");
  });
});
