/**
 * Attachment paths that climb out of the export (`../../etc/passwd`): never opened by any reader (input
 * trees refuse them), and since session 15 reported as `unsafe-entry` by the engine for every reader, as
 * the README's hostile-input list says. Before, readers called them an ordinary missing file (info).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { readAll } from "../../src/pipeline/index.js";
import { climbsOut } from "../../src/pipeline/unsafe-paths.js";

function telegramExport(): string {
  const dir = mkdtempSync(join(tmpdir(), "chatport-climb-"));
  const exp = join(dir, "export");
  mkdirSync(exp);
  writeFileSync(join(dir, "secret.txt"), "outside the export");
  writeFileSync(join(exp, "result.json"), JSON.stringify({
    name: "x", type: "personal_chat", id: 1,
    messages: [
      { id: 1, type: "message", date: "2024-01-01T10:00:00", date_unixtime: "1704103200", from: "A", from_id: "user1", photo: "../secret.txt", text: "", text_entities: [] },
      { id: 2, type: "message", date: "2024-01-01T10:01:00", date_unixtime: "1704103260", from: "A", from_id: "user1", file: "files\\..\\..\\secret.txt", text: "", text_entities: [] },
      { id: 3, type: "message", date: "2024-01-01T10:02:00", date_unixtime: "1704103320", from: "A", from_id: "user1", file: "C:\\Users\\a\\Downloads\\x.pdf", text: "", text_entities: [] },
    ],
  }));
  return exp;
}

describe("attachment paths that climb out of the export", () => {
  it("are reported unsafe-entry with the message's place, and stay missing", async () => {
    const a = await readAll(telegramExport(), builtinRegistry);
    const atts = a.conversations[0]!.messages.flatMap((m) => m.attachments);
    expect(atts.map((x) => x.availability)).toEqual(["missing", "missing", "missing"]);
    const unsafe = a.diagnostics.filter((d) => d.code === "unsafe-entry");
    expect(unsafe.map((d) => d.raw)).toEqual(["../secret.txt", "files\\..\\..\\secret.txt"]);
    expect(unsafe[0]!.message).toMatch(/the image path "\.\.\/secret\.txt" of message tg:user1:1 climbs out of the export with \.\.; it was not opened/);
    expect(unsafe[0]!.place).toEqual({ pointer: "/messages/0" });
  });

  it("only .. parts count: device paths and names with dots do not", () => {
    expect(climbsOut("../a")).toBe(true);
    expect(climbsOut("a/../../b")).toBe(true);
    expect(climbsOut("a\\..\\b")).toBe(true);
    expect(climbsOut("a..b/c...jpg")).toBe(false);
    expect(climbsOut("C:\\Users\\a\\x.jpg")).toBe(false);
    expect(climbsOut("/var/mobile/x.jpg")).toBe(false);
  });
});
