/**
 * An output that is the input under another name: the same path, a symbolic link or a hard link to it,
 * or a manifest path that is an input. Opening it for writing would truncate the evidence before it
 * is read, so each is refused up front with a usage error, and the input keeps its bytes and mtime.
 */
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../../src/builtin.js";
import { convert } from "../../src/pipeline/convert.js";
import { REPO } from "../helpers/samples.js";

const SAMPLE = join(REPO, "samples/qq-txt/group-basic/input.txt");

function setup(name = "chat.txt") {
  const dir = mkdtempSync(join(tmpdir(), "chatport-overwrite-"));
  const input = join(dir, name);
  copyFileSync(SAMPLE, input);
  const before = { bytes: readFileSync(input), mtime: statSync(input).mtimeMs };
  const unchanged = () => {
    expect(readFileSync(input).equals(before.bytes)).toBe(true);
    expect(statSync(input).mtimeMs).toBe(before.mtime);
  };
  return { dir, input, unchanged };
}

const run = (input: string, output: string) => convert(input, builtinRegistry, { to: "csv", output, from: "qq-txt", tz: "Asia/Shanghai" });

describe.skipIf(process.platform === "win32")("an output that is the input under another name is refused", () => {
  it("the same path", async () => {
    const { input, unchanged } = setup();
    await expect(run(input, input)).rejects.toMatchObject({ kind: "usage", message: expect.stringMatching(/The output .*chat\.txt is the input file chat\.txt; writing it would destroy the evidence being read\. Choose another output name with -o\./) });
    unchanged();
  });

  it("a symbolic link to the input", async () => {
    const { dir, input, unchanged } = setup();
    symlinkSync(input, join(dir, "out.csv"));
    await expect(run(input, join(dir, "out.csv"))).rejects.toMatchObject({ kind: "usage", message: expect.stringMatching(/out\.csv leads to \(through a link\) the input file chat\.txt/) });
    unchanged();
  });

  it("a hard link to the input", async () => {
    const { dir, input, unchanged } = setup();
    linkSync(input, join(dir, "out.csv"));
    await expect(run(input, join(dir, "out.csv"))).rejects.toMatchObject({ kind: "usage", message: expect.stringMatching(/out\.csv leads to \(through a link\) the input file chat\.txt/) });
    unchanged();
  });

  it("the manifest path of the output", async () => {
    const { dir, input, unchanged } = setup("out.csv.manifest.json");
    await expect(run(input, join(dir, "out.csv"))).rejects.toMatchObject({ kind: "usage", message: expect.stringMatching(/out\.csv\.manifest\.json is the input file out\.csv\.manifest\.json/) });
    unchanged();
    // Without a manifest there is nothing to collide with.
    await convert(input, builtinRegistry, { to: "csv", output: join(dir, "out.csv"), from: "qq-txt", tz: "Asia/Shanghai", manifest: false });
    unchanged();
  });

  it("a file of a folder input, by its path or through a hard link (the inputs are looked up, not mapped)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatport-overwrite-"));
    const root = join(dir, "export");
    mkdirSync(join(root, "Media"), { recursive: true });
    writeFileSync(join(root, "WhatsApp Chat with Bob.txt"), "12/01/2021, 10:00 - Ann: hi\n");
    // Same size, different bytes: the hard link is found among inputs of its size by device and inode.
    for (let i = 0; i < 5; i++) writeFileSync(join(root, "Media", `IMG-${i}.jpg`), `photo ${i}`);
    const before = readFileSync(join(root, "Media", "IMG-3.jpg"));
    const folderRun = (output: string) => convert(root, builtinRegistry, { to: "csv", output });
    await expect(folderRun(join(root, "Media", "..", "Media", "IMG-3.jpg"))).rejects.toMatchObject({ kind: "usage", message: expect.stringMatching(/IMG-3\.jpg is the input file export\/Media\/IMG-3\.jpg;/) });
    linkSync(join(root, "Media", "IMG-3.jpg"), join(dir, "out.csv"));
    await expect(folderRun(join(dir, "out.csv"))).rejects.toMatchObject({ kind: "usage", message: expect.stringMatching(/out\.csv leads to \(through a link\) the input file export\/Media\/IMG-3\.jpg;/) });
    expect(readFileSync(join(root, "Media", "IMG-3.jpg")).equals(before)).toBe(true);
    // A new name beside the inputs is fine.
    await folderRun(join(root, "Media", "IMG-9.csv"));
  });

  it("a link to some other file is written through as before", async () => {
    const { dir, input, unchanged } = setup();
    copyFileSync(SAMPLE, join(dir, "elsewhere.csv"));
    symlinkSync(join(dir, "elsewhere.csv"), join(dir, "out.csv"));
    await run(input, join(dir, "out.csv"));
    expect(readFileSync(join(dir, "elsewhere.csv"), "utf8")).toMatch(/^\uFEFF?message_id|^\uFEFF?[a-z_]+,/);
    unchanged();
  });
});
