import { copyFileSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { runCapture } from "./helpers/cli.js";
import { rawZip } from "./helpers/raw-zip.js";
import { REPO } from "./helpers/samples.js";

const SAMPLE = join(REPO, "samples/qq-txt/group-basic/input.txt");
const tmp = () => mkdtempSync(join(tmpdir(), "chatport-cli-"));

describe("chatport convert", () => {
  it("writes each format and prints a summary naming the output", async () => {
    const dir = tmp();
    for (const to of ["json", "ndjson", "csv", "html"]) {
      const out = join(dir, `x.${to}`);
      const r = await runCapture(["convert", SAMPLE, "--to", to, "-o", out, "--tz", "Asia/Shanghai"]);
      expect(r.code, r.err).toBe(0);
      expect(r.err).toContain("Read 1 conversation, 8 messages, 6 participants with qq-txt");
      expect(r.err).toContain(`Wrote ${to}:`);
      expect(readFileSync(out).length).toBeGreaterThan(100);
    }
    const archive = JSON.parse(readFileSync(join(dir, "x.json"), "utf8"));
    expect(archive.schemaVersion).toBe("1.0.0");
    expect(archive.conversations[0].messages).toHaveLength(8);
    expect(archive.conversations[0].messages[0].sentAt.utc).toBe("2021-03-06T01:02:11Z");
    const ndjson = readFileSync(join(dir, "x.ndjson"), "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(ndjson[0].type).toBe("archive");
    expect(ndjson.filter((e) => e.type === "message")).toHaveLength(8);
    expect(ndjson.at(-1)).toMatchObject({ type: "end", complete: true });
  });

  it("writes CSV with BOM, CRLF records, one row per message, ids as text", async () => {
    const dir = tmp();
    const out = join(dir, "x.csv");
    expect((await runCapture(["convert", SAMPLE, "--to", "csv", "-o", out])).code).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    const rows = Papa.parse<string[]>(text, { newline: "\r\n" }).data.filter((r) => r.length > 1);
    expect(rows).toHaveLength(9);
    expect(rows[0]).toContain("time_basis");
    const textCol = rows[0]!.indexOf("text");
    expect(rows[6]![textCol]).toBe("第一段\n\n第三段，前面有空行 ");
    expect(rows[1]![rows[0]!.indexOf("time_basis")]).toBe("floating");
  });

  it("writes to stdout with -o -", async () => {
    const r = await runCapture(["convert", SAMPLE, "--to", "json", "-o", "-", "-q"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
  });

  it("filters by --since/--until on the wall clock", async () => {
    const dir = tmp();
    const out = join(dir, "x.json");
    expect((await runCapture(["convert", SAMPLE, "--to", "json", "-o", out, "--since", "2021-03-06T10:00", "--until", "2021-03-06T10:16:42"])).code).toBe(0);
    const msgs = JSON.parse(readFileSync(out, "utf8")).conversations[0].messages;
    expect(msgs.map((m: { sentAt: { raw: string } }) => m.sentAt.raw)).toEqual(["2021-03-06 10:15:00", "2021-03-06 10:16:42"]);
  });

  it("fails with exit 1 under --strict when warnings were reported", async () => {
    const dir = tmp();
    const r = await runCapture(["convert", join(REPO, "samples/qq-txt/damaged-lines/input.txt"), "--to", "csv", "-o", join(dir, "x.csv"), "--strict"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--strict: \d+ warnings reported/);
  });
});

describe("bad input gets one clear sentence and a non-zero exit, never a stack trace", () => {
  const cases: [string, () => string[], number, RegExp][] = [
    ["a missing file", () => ["convert", "/nonexistent/chat.txt", "--to", "json"], 3, /no such file or folder; check the path/],
    ["a folder with no export", () => { const d = tmp(); writeFileSync(join(d, "notes.md"), "# hi\n"); return ["convert", d, "--to", "json"]; }, 4, /is a folder in which no reader recognises a chat export/],
    ["a folder of exports, read one file at a time", () => {
      const d = join(tmp(), "exports");
      mkdirSync(d);
      writeFileSync(join(d, "notes.md"), "# hi\n");
      for (const n of ["a", "b"]) copyFileSync(join(REPO, "samples/qq-txt/group-basic/input.txt"), join(d, `${n}.txt`));
      copyFileSync(join(REPO, "samples/whatsapp-txt/de-android-group-poll-pushname/input.txt"), join(d, "wa.txt"));
      return ["convert", d, "--to", "json"];
    }, 4, /^chatport: exports is a folder in which no reader recognises one chat export\. It holds files chatport reads one at a time: a\.txt \(qq-txt\), b\.txt \(qq-txt\), wa\.txt \(whatsapp-txt\)\. Convert each file, e\.g\. chatport convert "exports\/a\.txt" --to csv\.$/m],
    ...(["qq-txt", "qq-mht", "whatsapp-txt", "chatport-json"].map((id): [string, () => string[], number, RegExp] => [`a folder forced on the file reader ${id}`, () => ["convert", tmp(), "--from", id, "--to", "json"], 3, new RegExp(`is a folder; ${id} reads one`)])),
    ["an empty file", () => { const d = tmp(); writeFileSync(join(d, "empty.txt"), ""); return ["convert", join(d, "empty.txt"), "--to", "json"]; }, 3, /is empty \(0 bytes\)/],
    ...([["a UTF-8 byte-order mark", [0xef, 0xbb, 0xbf]], ["a UTF-16 byte-order mark", [0xff, 0xfe]], ["a byte-order mark and blank lines", [0xef, 0xbb, 0xbf, 0x0d, 0x0a, 0x20, 0x0d, 0x0a]]] as const).map(([what, bytes]): [string, () => string[], number, RegExp] => [
      `a file of only ${what}`,
      () => { const d = tmp(); writeFileSync(join(d, "chat.txt"), Buffer.from(bytes)); return ["convert", join(d, "chat.txt"), "--to", "json"]; },
      3,
      new RegExp(`chat\\.txt holds no text \\(${bytes.length} bytes: only a byte-order mark or blank lines\\); export the chat again`),
    ]),
    ["a zip cut short (no central directory)", () => {
      const d = tmp();
      const zip = rawZip([{ name: "WhatsApp Chat with Bob.txt", data: Buffer.from("[01/02/2020, 10:00:00] Bob: hi\n".repeat(200)), deflate: true }]);
      writeFileSync(join(d, "chat.zip"), zip.subarray(0, Math.floor(zip.length / 2)));
      return ["convert", join(d, "chat.zip"), "--to", "json"];
    }, 5, /chat\.zip is not a readable zip archive \(.*truncated.*\); check that the download or copy finished/],
    ["random bytes", () => { const d = tmp(); const b = Buffer.alloc(5000); for (let i = 0; i < b.length; i++) b[i] = (i * 7919 + 13) % 256; writeFileSync(join(d, "x.bin"), b); return ["convert", join(d, "x.bin"), "--to", "json"]; }, 4, /not a chat export chatport recognises/],
    ["a text file that is not a chat", () => { const d = tmp(); writeFileSync(join(d, "recipe.txt"), "Flour 200 g\nSugar 100 g\n"); return ["convert", join(d, "recipe.txt"), "--to", "json"]; }, 4, /not a chat export chatport recognises/],
    ["a text file forced through a reader it is not for (--from)", () => { const d = tmp(); writeFileSync(join(d, "recipe.txt"), "Flour 200 g\nSugar 100 g\n"); return ["convert", join(d, "recipe.txt"), "--from", "whatsapp-txt", "--to", "json"]; }, 4, /recipe\.txt: no message could be read as whatsapp-txt; 2 line\(s\) or record\(s\) were not recognised, the first at line 1 \("Flour 200 g"\)/],
    ["an encrypted database", () => { const d = tmp(); const b = Buffer.alloc(8192); for (let i = 0; i < b.length; i++) b[i] = Math.floor(Math.abs(Math.sin(i + 1)) * 65536) % 256; writeFileSync(join(d, "EnMicroMsg.db"), b); return ["convert", join(d, "EnMicroMsg.db"), "--to", "json"]; }, 5, /encrypted database.*decrypt it first/],
    ["an unknown --to", () => ["convert", SAMPLE, "--to", "docx"], 2, /Unknown output format "docx" for --to; valid ids: json, ndjson, csv, html/],
    ["an unknown --from", () => ["convert", SAMPLE, "--to", "json", "--from", "icq"], 2, /Unknown input format "icq"/],
    ["an unknown zone", () => ["convert", SAMPLE, "--to", "json", "--tz", "Mars/Base"], 2, /Unknown time zone "Mars\/Base"/],
    ["an unknown option", () => ["convert", SAMPLE, "--to", "json", "--frobnicate"], 2, /Unknown option '--frobnicate'.*chatport --help/],
    ["no --to", () => ["convert", SAMPLE], 2, /needs --to <format>/],
    ["an unknown command", () => ["frobnicate"], 2, /Unknown command "frobnicate"/],
    ["standard input as the input", () => ["convert", "-", "--to", "json"], 2, /Reading the export from standard input \(-\) is not supported; save it to a file/],
    ["a folder whose chat text is a link to a file outside it", () => {
      const d = tmp();
      writeFileSync(join(d, "real.txt"), "[01/02/2020, 10:00:00] Bob: hi\n");
      mkdirSync(join(d, "export"));
      symlinkSync(join(d, "real.txt"), join(d, "export", "_chat.txt"));
      return ["convert", join(d, "export"), "--to", "json"];
    }, 4, /export is a folder in which no reader recognises a chat export\. It holds 1 link\(s\) to files outside it, which are not read \(_chat\.txt → .*real\.txt\); copy the files into the folder\./],
    ["a symbolic link loop", () => { const d = tmp(); symlinkSync(join(d, "b"), join(d, "a")); symlinkSync(join(d, "a"), join(d, "b")); return ["convert", join(d, "a"), "--to", "json"]; }, 3, /a symbolic link that leads back to itself \(a loop\)/],
    ["a path through a file", () => ["convert", join(SAMPLE, "chat.txt"), "--to", "json"], 3, /a part of the path is a file, not a folder/],
  ];
  for (const [what, argv, code, message] of cases) {
    it(what, async () => {
      const dir = tmp();
      const r = await runCapture([...argv(), ...(argv().includes("-o") ? [] : ["-o", join(dir, "out")])], {}, dir);
      expect(r.code, r.err).toBe(code);
      expect(r.err).toMatch(message);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.err.startsWith("chatport: ")).toBe(true);
    });
  }
});

describe("control characters an error quotes from the input", () => {
  it("are written as \\xHH, never raw to the terminal", async () => {
    const d = tmp();
    // A NUL after the opening brace of a Telegram JSON: the tokenizer's error quotes it. (This test used UTF-16LE
    // without a BOM, which is now read as the JSON it is.)
    writeFileSync(join(d, "result.json"), Buffer.from('{\u0000"name": "x", "messages": []}', "utf8"));
    const r = await runCapture(["convert", join(d, "result.json"), "--from", "telegram-json", "--to", "json", "-o", join(d, "out.json")]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/^chatport: /);
    expect(r.err).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(r.err).toContain("\\x00");
  });
});

describe("other commands", () => {
  it("detect lists candidates with confidence and reason", async () => {
    const r = await runCapture(["detect", SAMPLE]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^qq-txt\s+0\.98\s+\[with-header\] QQ 消息管理器 title line/);
  });
  it("detect on a folder of exports names the files it can read one at a time", async () => {
    const d = join(tmp(), "exports");
    mkdirSync(d);
    copyFileSync(join(REPO, "samples/qq-txt/group-basic/input.txt"), join(d, "a.txt"));
    const r = await runCapture(["detect", d]);
    expect(r.code).toBe(4);
    expect(r.out).toBe(`${d}: no reader recognises this input as one export. It holds files chatport reads one at a time: a.txt (qq-txt). Convert each file, e.g. chatport convert "exports/a.txt" --to csv.\n`);
    const empty = tmp();
    expect((await runCapture(["detect", empty])).out).toBe(`${empty}: no reader recognises this input.\n`);
  });
  it("formats lists readers and writers", async () => {
    const r = await runCapture(["formats"]);
    expect(r.out).toMatch(/Readers \(--from\):\n {2}qq-txt/);
    expect(r.out).toMatch(/Writers \(--to\):[\s\S]*csv/);
  });
  it("schema prints the JSON Schema of the archive", async () => {
    const r = await runCapture(["schema"]);
    const schema = JSON.parse(r.out);
    expect(schema.$schema).toContain("2020-12");
    expect(JSON.stringify(schema)).toContain('"basis"');
    expect(schema.$defs.Timestamp.properties.basis.enum).toEqual(["exact", "source-offset", "assumed-zone", "floating"]);
  });
  it("--version and --help", async () => {
    expect((await runCapture(["--version"])).out).toMatch(/^chatport \d+\.\d+\.\d+\n$/);
    expect((await runCapture(["--help"])).out).toContain("Exit codes:");
  });
});

describe("the output does not depend on the run", () => {
  it("gives the same bytes twice (csv, json, html, ndjson) with SOURCE_DATE_EPOCH", async () => {
    const dir = tmp();
    mkdirSync(join(dir, "a"));
    mkdirSync(join(dir, "b"));
    for (const to of ["csv", "json", "html", "ndjson"]) {
      for (const sub of ["a", "b"]) {
        const prev = process.env.SOURCE_DATE_EPOCH;
        process.env.SOURCE_DATE_EPOCH = "1700000000";
        try {
          expect((await runCapture(["convert", SAMPLE, "--to", to, "-o", join(dir, sub, `x.${to}`), "-q"])).code).toBe(0);
        } finally {
          if (prev === undefined) delete process.env.SOURCE_DATE_EPOCH;
          else process.env.SOURCE_DATE_EPOCH = prev;
        }
      }
      expect(readFileSync(join(dir, "a", `x.${to}`)).equals(readFileSync(join(dir, "b", `x.${to}`)))).toBe(true);
    }
  });
});
