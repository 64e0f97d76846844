import { createHash } from "node:crypto";
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { FORMULA_RULE } from "../../formats/csv/cells.js";
import { readers, writers } from "../../formats/index.js";
import { builtinRegistry } from "../../src/builtin.js";
import { inputLedger } from "../../src/evidence/input-hashes.js";
import { fileSource } from "../../src/io/source.js";
import { convert, redact } from "../../src/pipeline/convert.js";
import { Registry } from "../../src/plugin/registry.js";
import type { ReaderPlugin } from "../../src/plugin/types.js";
import { VERSION } from "../../src/version.js";
import { runCapture } from "../helpers/cli.js";
import { REPO } from "../helpers/samples.js";

const SAMPLE = join(REPO, "samples/qq-txt/group-basic/input.txt");
const tmp = () => mkdtempSync(join(tmpdir(), "chatport-manifest-"));
const sha = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

/** Copies the sample into `<dir>/in/input.txt` and converts it from inside `dir` with SOURCE_DATE_EPOCH set. */
async function runIn(dir: string, argv: string[]) {
  mkdirSync(join(dir, "in"), { recursive: true });
  copyFileSync(SAMPLE, join(dir, "in", "input.txt"));
  const prev = process.env.SOURCE_DATE_EPOCH;
  process.env.SOURCE_DATE_EPOCH = "1700000000";
  try {
    return await runCapture(["convert", join(dir, "in", "input.txt"), ...argv], {}, dir);
  } finally {
    if (prev === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = prev;
  }
}

describe("the manifest beside every output", () => {
  it("records tool, runtime and dependency versions, options, zone policy, hashed inputs and outputs, counts and diagnostics", async () => {
    const dir = tmp();
    const r = await runIn(dir, ["--to", "csv", "-o", join(dir, "out", "x.csv"), "--tz", "Asia/Shanghai", "-q"]);
    expect(r.code, r.err).toBe(0);
    const text = readFileSync(join(dir, "out", "x.csv.manifest.json"), "utf8");
    const m = JSON.parse(text);
    expect(Object.keys(m)).toEqual(["manifestVersion", "generatedAt", "tool", "reader", "writer", "options", "zonePolicy", "inputRoot", "inputs", "outputs", "totals", "conversations", "transformations", "diagnosticCounts", "diagnostics"]);
    expect(m.generatedAt).toBe("2023-11-14T22:13:20Z");
    expect(m.tool).toMatchObject({ name: "chatport", version: VERSION, node: process.version, icu: process.versions.icu, tz: (process.versions as Record<string, string>).tz });
    expect(m.tool.dependencies.zod).toBe(JSON.parse(readFileSync(join(REPO, "node_modules/zod/package.json"), "utf8")).version);
    expect(m.tool.dependencies["better-sqlite3"]).toMatch(/^\d+\.\d+\.\d+/);
    expect(m.reader).toMatchObject({ id: "qq-txt", version: "1.0.0", variant: "with-header" });
    expect(m.writer).toEqual({ id: "csv", version: "1.0.0", facts: {} });
    expect(m.options).toEqual({ command: "convert", to: "csv", tz: "Asia/Shanghai" });
    expect(m.zonePolicy.assumedZone).toBe("Asia/Shanghai");
    expect(m.zonePolicy.meaning).toContain("read as Asia/Shanghai (--tz)");
    expect(m.zonePolicy.bases).toEqual({ "assumed-zone": { messages: 8, meaning: "wall clock; zone Asia/Shanghai assumed by the user (--tz), not stated by the source" } });
    const input = readFileSync(SAMPLE);
    expect(m.inputRoot).toBe("../in");
    expect(m.inputs).toEqual([{ path: "input.txt", role: "input", bytes: input.length, sha256: sha(input), afterRead: { bytes: input.length, sha256: sha(input) }, unchanged: true }]);
    const out = readFileSync(join(dir, "out", "x.csv"));
    expect(m.outputs).toEqual([{ path: "x.csv", role: "main", bytes: out.length, sha256: sha(out) }]);
    expect(m.totals).toMatchObject({ conversations: 1, participants: 6, messages: 8, byKind: { image: 1, "red-packet": 1, sticker: 1, system: 1, text: 4 }, attachments: { present: 0, missing: 0, omitted: 4 } });
    expect(m.totals.firstInstant).toBe("2021-03-06T01:02:11Z");
    expect(m.totals.lastInstant).toBe("2021-03-06T15:59:59Z");
    expect(m.conversations[0]).toMatchObject({ title: "周末读书会", kind: "group", messages: 8, byBasis: { "assumed-zone": 8 } });
    expect(m.transformations).toEqual([FORMULA_RULE]);
    expect(m.diagnostics).toEqual([]);
    expect(text).not.toContain(dir);
  });

  it("gives the same bytes for runs in different folders (no absolute paths, no host names)", async () => {
    const [a, b] = [tmp(), tmp()];
    for (const d of [a, b]) expect((await runIn(d, ["--to", "json", "-o", join(d, "out", "x.json"), "-q"])).code).toBe(0);
    const ma = readFileSync(join(a, "out", "x.json.manifest.json"));
    expect(ma.equals(readFileSync(join(b, "out", "x.json.manifest.json")))).toBe(true);
    const m = JSON.parse(ma.toString("utf8"));
    expect(m.transformations).toEqual([]);
    expect(m.diagnosticCounts).toEqual({ "timezone-floating": 1 });
    expect(m.diagnostics[0]).toMatchObject({ code: "timezone-floating", severity: "info", origin: "qq-txt", file: "input.txt" });
  });

  it("is skipped with --no-manifest, manifest: false, or stdout", async () => {
    const dir = tmp();
    expect((await runIn(dir, ["--to", "json", "-o", join(dir, "a.json"), "--no-manifest", "-q"])).code).toBe(0);
    expect(existsSync(join(dir, "a.json"))).toBe(true);
    expect(existsSync(join(dir, "a.json.manifest.json"))).toBe(false);
    await convert(SAMPLE, builtinRegistry, { to: "json", output: join(dir, "b.json"), manifest: false });
    expect(existsSync(join(dir, "b.json.manifest.json"))).toBe(false);
    const r = await convert(SAMPLE, builtinRegistry, { to: "json", output: join(dir, "c.json") });
    expect(r.manifest).toBe(join(dir, "c.json.manifest.json"));
    expect(JSON.parse(readFileSync(r.manifest!, "utf8")).options).toEqual({ to: "json", from: null, tz: null, since: null, until: null, readerOptions: {}, writerOptions: {} });
  });

  it("reports an error and records both hashes when an input changes while it is read", async () => {
    const dir = tmp();
    const file = join(dir, "chat.txt");
    writeFileSync(file, "MUTATING\nline\n");
    const mutating: ReaderPlugin = {
      id: "mutating", version: "0", displayName: "test", platform: "test", input: "text",
      options: z.object({}) as unknown as ReaderPlugin["options"],
      detect: (p) => (p.text.startsWith("MUTATING") ? { confidence: 1, reason: "test" } : null),
      async *read(_input, ctx) {
        const conversation = { id: "c", platform: "test", kind: "direct" as const, title: "t", participantIds: [], source: "chat.txt" };
        yield { type: "conversation", conversation };
        appendFileSync(file, "appended while reading\n");
        yield { type: "message", message: { id: "m", conversationId: "c", seq: 1, senderId: null, sentAt: { raw: "x", basis: "floating", precision: "day" }, kind: "text", text: "t", attachments: [], reactions: [], status: "normal", provenance: ctx.provenance("chat.txt", { line: 1 }) } };
        yield { type: "conversation-end", conversation };
      },
    };
    const r = await convert(file, new Registry([...readers, mutating], writers), { to: "json", output: join(dir, "out.json") });
    expect(r.diagnosticCounts["input-changed"]).toBe(1);
    const m = JSON.parse(readFileSync(r.manifest!, "utf8"));
    expect(m.inputs[0].unchanged).toBe(false);
    expect(m.inputs[0].sha256).toBe(sha("MUTATING\nline\n"));
    expect(m.inputs[0].afterRead.sha256).toBe(sha(readFileSync(file)));
    expect(m.diagnostics.find((d: { code: string }) => d.code === "input-changed")).toMatchObject({ severity: "error", origin: "chatport", file: "chat.txt" });
    // The writer saw it too: the JSON output lists the diagnostic.
    expect(JSON.parse(readFileSync(join(dir, "out.json"), "utf8")).diagnostics.some((d: { code: string }) => d.code === "input-changed")).toBe(true);
  });

  it("hashes the -wal/-shm/-journal sidecars beside a database, before and after", async () => {
    const dir = tmp();
    const db = join(dir, "MSG0.db");
    writeFileSync(db, Buffer.concat([Buffer.from("SQLite format 3\0"), Buffer.alloc(4080)]));
    writeFileSync(db + "-wal", "wal bytes");
    writeFileSync(db + "-journal", "journal bytes");
    const src = fileSource(db, "MSG0.db", 4096);
    const ledger = await inputLedger(src, [{ path: "MSG0.db", bytes: 4096, sha256: sha(readFileSync(db)), reader: "x", readerVersion: "0" }]);
    expect(ledger.records.map((r) => [r.path, r.role, r.sha256])).toEqual([
      ["MSG0.db", "input", sha(readFileSync(db))],
      ["MSG0.db-wal", "sqlite-sidecar", sha("wal bytes")],
      ["MSG0.db-journal", "sqlite-sidecar", sha("journal bytes")],
    ]);
    expect(ledger.root).toBe(dir);
    writeFileSync(db + "-wal", "checkpointed by someone");
    const changed = await ledger.rehash();
    expect(changed.map((r) => r.path)).toEqual(["MSG0.db-wal"]);
    expect(ledger.records[1]!.afterRead).toEqual({ sha256: sha("checkpointed by someone"), bytes: 23 });
  });

  it("never records secrets", () => {
    expect(redact({ to: "json", password: "p", nested: { apiKey: "k", token: "t", keep: 1 } })).toEqual({ to: "json", password: "(redacted)", nested: { apiKey: "(redacted)", token: "(redacted)", keep: 1 } });
  });
});
