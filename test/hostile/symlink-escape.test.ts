/**
 * Links out of the input folder: an export unpacked with unzip or tar can hold symbolic links, and a
 * "photo" that links to a private file elsewhere (~/.ssh/id_rsa) must not be copied beside the output
 * or hashed into it. Links that stay inside the folder keep working; the refused ones are reported.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { directoryTree } from "../../src/io/source.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { convert } from "../../src/pipeline/convert.js";
import { readEvents } from "../../src/pipeline/read-events.js";

const SECRET = "PRIVATE KEY THAT MUST NOT LEAVE THE HOME FOLDER";
const INSIDE = "bytes of a photo that is really in the export";

function attachment(id: string, path: string) {
  return { id, kind: "image", path, availability: "present" };
}

/** A chatport-json export whose three present images are: a link out, a link inside, a linked folder out. */
function buildExport(): { root: string; input: string; folder: string } {
  const root = mkdtempSync(join(tmpdir(), "chatport-links-"));
  const outside = join(root, "home");
  mkdirSync(join(outside, "pictures"), { recursive: true });
  writeFileSync(join(outside, "id_rsa"), SECRET);
  writeFileSync(join(outside, "pictures", "x.png"), SECRET + " (in a linked folder)");
  const folder = join(root, "export");
  mkdirSync(join(folder, "media"), { recursive: true });
  writeFileSync(join(folder, "media", "real.png"), INSIDE);
  symlinkSync(join(outside, "id_rsa"), join(folder, "a.png"));
  symlinkSync(join(folder, "media", "real.png"), join(folder, "b.png"));
  symlinkSync(join(outside, "pictures"), join(folder, "linked"));
  const msg = (n: number, att: object) => ({
    id: `m${n}`, conversationId: "c1", seq: n, senderId: null,
    sentAt: { raw: String(n), utc: `2020-01-01T00:00:0${n}Z`, basis: "exact", precision: "second" },
    kind: "image", text: "", attachments: [att], reactions: [], status: "normal",
    provenance: { reader: "x", readerVersion: "1", file: "f", at: { line: n } },
  });
  const archive = {
    schemaVersion: "1.0.0", generator: { name: "chatport", version: "0.1.0" }, sources: [], participants: [],
    conversations: [{ id: "c1", platform: "qq", kind: "direct", title: "t", participantIds: [], source: "s",
      messages: [msg(1, attachment("a1", "a.png")), msg(2, attachment("a2", "b.png")), msg(3, attachment("a3", "linked/x.png"))] }],
    diagnostics: [],
  };
  const input = join(folder, "archive.json");
  writeFileSync(input, JSON.stringify(archive));
  return { root, input, folder };
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? filesBelow(join(dir, f)) : [join(dir, f)]));
}

describe.skipIf(process.platform === "win32")("symbolic links out of the input folder", () => {
  it("a folder tree refuses them and lists them; links inside still open", async () => {
    const { folder } = buildExport();
    const tree = directoryTree(folder, "export");
    expect(await tree.open("a.png")).toBeUndefined();
    expect(await tree.open("linked/x.png")).toBeUndefined();
    const inside = await tree.open("b.png");
    expect(inside?.size).toBe(INSIDE.length);
    expect(tree.refusedLinks!().map((r) => r.path)).toStrictEqual(["a.png", "linked/x.png"]);
    expect(tree.refusedLinks!()[0]!.target).toMatch(/home[\\/]id_rsa$/);
  });

  it("the listing holds a link to a file inside (so its hash reaches the manifest) and records one out", async () => {
    const { folder } = buildExport();
    const tree = directoryTree(folder, "export");
    expect(await tree.list()).toStrictEqual(["archive.json", "b.png", "media/real.png"]);
    // Found while listing, before anything opened it: a run that fails can say why a file is missing.
    expect(tree.refusedLinks!().map((r) => r.path)).toStrictEqual(["a.png"]);
  });

  it("html output copies nothing from outside, copies the inside link, and reports each refusal", async () => {
    const { root, input } = buildExport();
    const out = join(root, "out");
    const res = await convert(input, builtinRegistry, { to: "html", output: join(out, "chat.html"), generatedAt: "2020-01-01T00:00:00Z" });
    const written = filesBelow(out).map((f) => readFileSync(f, "utf8"));
    expect(written.some((t) => t.includes("PRIVATE KEY"))).toBe(false);
    expect(written).toContain(INSIDE);
    const refused = res.diagnostics.filter((d) => d.code === "unsafe-entry");
    expect(refused.map((d) => d.place)).toStrictEqual([{ entry: "a.png" }, { entry: "linked/x.png" }]);
    expect(refused[0]!.message).toMatch(/a\.png is a link to .*id_rsa, outside the input folder; it was not read .*Copy the file into the folder/);
    // The html still shows where each refused picture would have been.
    const html = readFileSync(join(out, "chat.html"), "utf8");
    expect(html).toContain("marked present but not found at a.png");
  });

  it("readEvents (the streaming API) reports a media link the reader refused, as convert does", async () => {
    const root = mkdtempSync(join(tmpdir(), "chatport-links-"));
    writeFileSync(join(root, "secret"), SECRET);
    const folder = join(root, "ChatExport");
    mkdirSync(join(folder, "photos"), { recursive: true });
    symlinkSync(join(root, "secret"), join(folder, "photos", "a.jpg"));
    const message = { id: 1, type: "message", date: "2020-01-01T00:00:00", date_unixtime: "1577836800", from: "A", from_id: "user1", photo: "photos/a.jpg", text: "" };
    writeFileSync(join(folder, "result.json"), JSON.stringify({ name: "A", type: "personal_chat", id: 1, messages: [message] }));
    const diagnostics = new DiagnosticCollector();
    const kinds: string[] = [];
    for await (const ev of readEvents(folder, builtinRegistry, { diagnostics })) if (ev.type === "message") kinds.push(ev.message.attachments[0]!.availability);
    expect(kinds).toStrictEqual(["missing"]);
    const refused = diagnostics.list().filter((d) => d.code === "unsafe-entry");
    expect(refused.map((d) => d.place)).toStrictEqual([{ entry: "photos/a.jpg" }]);
  });
});
