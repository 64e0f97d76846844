/**
 * Hostile WhatsApp zips, end to end (detection, whatsapp-zip reader, html conversion with media
 * extraction): zip-slip entry names (`../../x`, absolute, backslashes, drive letters) are refused with
 * a diagnostic and nothing is written outside the output folder; zip bombs (huge declared sizes,
 * sizes that lie, overlapping entries) end in one clean `input-damaged` error.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { DiagnosticCollector } from "../../src/diagnostics/collector.js";
import { isChatportError } from "../../src/diagnostics/errors.js";
import { convert } from "../../src/pipeline/convert.js";
import { readAll } from "../../src/pipeline/index.js";
import { rawZip, type RawEntry } from "../helpers/raw-zip.js";

const enc = (s: string) => new TextEncoder().encode(s);
const chat = (extra: string[] = []) =>
  enc(["[20.06.19, 15:58:47] Loris: hello", "[20.06.19, 16:00:15] Loris: <attached: 00000001-PHOTO-2019-06-20-16-00-15.jpg>", ...extra, "[20.06.19, 16:03:00] Emily: bye"].join("\r\n"));
const photo = new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3, 4]);

function zipFile(entries: RawEntry[]): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), "chatport-hostile-zip-"));
  mkdirSync(join(dir, "a", "b"), { recursive: true });
  const path = join(dir, "a", "b", "WhatsApp Chat - Evil.zip");
  writeFileSync(path, rawZip(entries));
  return { dir, path };
}

/** A tag unique to this run, so files other processes left in /tmp cannot be mistaken for escapes. */
const TAG = `slip${process.pid}${Date.now()}`;
const NAMES = ["x.txt", "escaped.jpg", "absolute-evil.txt", "backslash-evil.txt", "drive-evil.txt", "dotdot-evil.txt", "sneaky.jpg"].map((n) => `${TAG}-${n}`);
const [X, ESC, ABS, BACK, DRIVE, DOTDOT, SNEAKY] = NAMES as [string, string, string, string, string, string, string];
const SLIP = [`../../${X}`, `../../../${ESC}`, `/tmp/${ABS}`, `..\\..\\${BACK}`, `C:\\${DRIVE}`, `a/../../${DOTDOT}`, `./../${SNEAKY}`];

describe("zip-slip entry names in a WhatsApp zip", () => {
  it("are refused with unsafe-entry diagnostics, and nothing is written outside the output", async () => {
    const { dir, path } = zipFile([
      { name: "_chat.txt", data: chat([`[20.06.19, 16:01:00] Loris: <attached: ../../${X}>`, `[20.06.19, 16:02:00] Loris: <attached: ../../../${ESC}>`]), deflate: true },
      { name: "00000001-PHOTO-2019-06-20-16-00-15.jpg", data: photo },
      ...SLIP.map((name) => ({ name, data: enc(`payload of ${name}`) })),
    ]);
    const diagnostics = new DiagnosticCollector();
    const archive = await readAll(path, builtinRegistry, { diagnostics });
    expect(archive.sources[0]?.reader).toBe("whatsapp-zip");
    expect(archive.conversations[0]!.messages).toHaveLength(5);
    const unsafe = archive.diagnostics.filter((d) => d.code === "unsafe-entry");
    expect(unsafe.length).toBeGreaterThanOrEqual(SLIP.length - 1); // "./../sneaky.jpg" may be named with the others
    for (const m of archive.conversations[0]!.messages) for (const a of m.attachments) if (a.path?.includes("..")) expect(a.availability).not.toBe("present");

    const out = join(dir, "a", "b", "out");
    mkdirSync(out);
    await convert(path, builtinRegistry, { to: "html", output: join(out, "chat.html") });
    // Nothing landed beside or above the output folder except what was there.
    expect(readdirSync(dir).sort()).toEqual(["a"]);
    expect(readdirSync(join(dir, "a")).sort()).toEqual(["b"]);
    expect(readdirSync(join(dir, "a", "b")).sort()).toEqual(["WhatsApp Chat - Evil.zip", "out"]);
    for (const f of NAMES) {
      expect(existsSync(join(dir, f))).toBe(false);
      expect(existsSync(join(tmpdir(), f))).toBe(false);
    }
    expect(existsSync(`/tmp/${ABS}`)).toBe(false);
  });
});

describe("zip bombs in a WhatsApp zip", () => {
  const bombs: [string, RawEntry[]][] = [
    ["entries declaring 4 GiB each, 80 GiB in all", [{ name: "_chat.txt", data: chat(), deflate: true }, ...Array.from({ length: 20 }, (_, i) => ({ name: `VID-${i}.mp4`, data: enc("x"), declaredSize: 0xfffffff0 }))]],
    ["a chat whose real size is far above the size it declares", [{ name: "_chat.txt", data: Buffer.concat([chat(), Buffer.alloc(4 * 2 ** 20, 0x41)]), deflate: true, declaredSize: 100 }]],
    ["one compressed body behind many overlapping entries", [{ name: "_chat.txt", data: chat(), deflate: true }, { name: "IMG-1.jpg", data: new Uint8Array(300_000), deflate: true, aliases: ["IMG-2.jpg", "IMG-3.jpg", "IMG-4.jpg", "IMG-5.jpg"] }]],
  ];
  it.each(bombs)("%s → one clean input-damaged error", async (_name, entries) => {
    const { path } = zipFile(entries);
    const t0 = Date.now();
    const err = await readAll(path, builtinRegistry, { from: "whatsapp-zip" }).then(() => undefined, (e: unknown) => e);
    expect(isChatportError(err), `expected a ChatportError, got ${String(err)}`).toBe(true);
    expect((err as { kind: string }).kind, (err as Error).message).toBe("input-damaged");
    expect((err as Error).message).toMatch(/WhatsApp Chat - Evil\.zip|_chat\.txt|zip/);
    expect(Date.now() - t0).toBeLessThan(10000);
  });
});
