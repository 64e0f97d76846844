import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { memorySink, memorySource } from "../src/io/index.js";
import { convert, readAll } from "../src/pipeline/index.js";
import { FORMULA_TRIGGER, neutralise, quote } from "../formats/csv/cells.js";
import { COLUMNS } from "../formats/csv/columns.js";
import { qqTxtSections, type QqLine } from "./helpers/qq-txt-build.js";

/** Formula-injection vectors and what each cell must hold after neutralising. */
const VECTORS: [string, string][] = [
  ["=1+1", "'=1+1"],
  ['=HYPERLINK("http://x","y")\nsecond', `'=HYPERLINK("http://x","y")\nsecond`],
  ["+1", "'+1"],
  ["-2+3", "'-2+3"],
  ["@SUM(A1)", "'@SUM(A1)"],
  ["\t=1", "'\t=1"],
  ["\r=1", "'\n=1"],
  ["＝1", "'＝1"],
  ["＋1", "'＋1"],
  ["－1", "'－1"],
  ["＠SUM(A1)", "'＠SUM(A1)"],
  ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
  [" =1+1", "' =1+1"],
  ["\u3000=1", "'\u3000=1"],
  ["'already", "''already"],
  ["plain, with comma", "plain, with comma"],
  ['say "hi"', 'say "hi"'],
  ["第一行\n=2+2", "第一行\n=2+2"],
  // Formula triggers behind characters that show as nothing or as a space.
  ["\u00a0=1+1", "'\u00a0=1+1"],
  ["\u200b=1+1", "'\u200b=1+1"],
  ["\u200b\u200d\u2060=1+1", "'\u200b\u200d\u2060=1+1"],
  ["\ufeff@SUM(A1)", "'\ufeff@SUM(A1)"],
  ["\u202e+1", "'\u202e+1"],
  ["\u2003－1", "'\u2003－1"],
  ["\u200bplain", "\u200bplain"],
  ["\u00a0", "\u00a0"],
];

/** Values no text export holds (a NUL makes a text file binary): checked by the rule alone. */
const CONTROL_VECTORS: [string, string][] = [
  // NUL stops many CSV readers: written as U+2400 (and no longer a trigger, since it is not written).
  ["a\u0000b", "a\u2400b"],
  ["\u0000", "\u2400"],
  ["\u0000=1", "\u2400=1"],
];

describe("formula neutralising rule", () => {
  it("papaparse's escapeFormulae misses a trigger followed by a line break; ours does not", () => {
    const v = '=HYPERLINK("http://x","y")\nsecond';
    const papa = Papa.unparse([[v]], { escapeFormulae: true, header: false });
    expect(papa.startsWith(`"'=`)).toBe(false); // the bug: left as a live formula
    expect(papa).toBe(`"=HYPERLINK(""http://x"",""y"")\nsecond"`);
    expect(Papa.unparse([["=1+1"]], { escapeFormulae: true })).toBe(`"'=1+1"`); // single-line is caught
    expect(quote(neutralise(v))).toBe(`"'=HYPERLINK(""http://x"",""y"")\nsecond"`);
    // The same pattern handed to papaparse as a RegExp closes the hole there too.
    expect(Papa.unparse([[v]], { escapeFormulae: FORMULA_TRIGGER }).startsWith(`"'=`)).toBe(true);
  });

  it.each([...VECTORS, ...CONTROL_VECTORS])("neutralise(%j) = %j", (input, expected) => {
    expect(neutralise(input)).toBe(expected);
  });
});

// --- the CSV writer end to end, vectors as bodies, sender names and conversation titles ---------------

const SENDERS = ["=1+1", '=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\t=1", "＝1", "=cmd|' /C calc'!A0", "普通人"];
const TITLES = ["=1+1", "@SUM(A1)", "-2+3", "＝群", "正常群"];

function sample(): string {
  let n = 0;
  const sections = TITLES.map((title, t) => {
    const messages: QqLine[] = [];
    VECTORS.forEach(([body], i) => {
      const sender = SENDERS[(i + t) % SENDERS.length]!;
      const s = n++;
      messages.push({ time: `2017-01-0${t + 1} 9:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`, sender: `${sender}(8000${String((i + t) % SENDERS.length).padStart(5, "0")})`, body });
    });
    return { title, messages };
  });
  return qqTxtSections(sections);
}

/** A strict RFC 4180 tokenizer that also records whether each field was quoted. */
function rfc4180(text: string): { fields: { value: string; quoted: boolean }[][]; recordEnds: string[] } {
  const rows: { value: string; quoted: boolean }[][] = [];
  const ends: string[] = [];
  let row: { value: string; quoted: boolean }[] = [];
  let i = 0;
  while (i < text.length) {
    let value = "";
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i++;
      for (;;) {
        if (i >= text.length) throw new Error("unterminated quote");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
        if (text[i] === '"') throw new Error(`bare quote in an unquoted field at ${i}`);
        value += text[i++];
      }
    }
    row.push({ value, quoted });
    if (text[i] === ",") {
      i++;
      continue;
    }
    const end = text.startsWith("\r\n", i) ? "\r\n" : text[i] ?? "";
    ends.push(end);
    i += end.length;
    rows.push(row);
    row = [];
  }
  return { fields: rows, recordEnds: ends };
}

describe("csv writer output", () => {
  it("neutralises every vector in bodies, sender names and titles; RFC 4180, BOM, CRLF, ids as text", async () => {
    const input = sample();
    const archive = await readAll(memorySource("v.txt", input), builtinRegistry, { tz: "Asia/Shanghai" });
    const sink = memorySink("v.csv");
    await convert(memorySource("v.txt", input), builtinRegistry, { to: "csv", output: sink, tz: "Asia/Shanghai", generatedAt: "2024-05-01T00:00:00Z" });
    const bytes = sink.bytes();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = sink.text().slice(1);

    const messages = archive.conversations.flatMap((c) => c.messages.map((m) => ({ m, c })));
    expect(messages).toHaveLength(VECTORS.length * TITLES.length);

    // RFC 4180: every record ends with CRLF; CR never appears elsewhere; fields quoted exactly when needed.
    const { fields, recordEnds } = rfc4180(text);
    expect(fields).toHaveLength(1 + messages.length);
    expect(recordEnds.every((e) => e === "\r\n")).toBe(true);
    expect(text.split("\r").length - 1).toBe(fields.length);
    for (const row of fields) {
      expect(row).toHaveLength(COLUMNS.length);
      for (const f of row) expect(f.quoted).toBe(/[",\n\r]/.test(f.value) || f.value.startsWith("'"));
    }

    // papaparse reads the same grid back.
    const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, newline: "\r\n" });
    expect(parsed.errors).toEqual([]);
    const grid = parsed.data.filter((r) => !(r.length === 1 && r[0] === ""));
    expect(grid).toEqual(fields.map((r) => r.map((f) => f.value)));
    expect(grid[0]).toEqual(COLUMNS.map((c) => c.name));

    const col = (name: string) => COLUMNS.findIndex((c) => c.name === name);
    const rows = grid.slice(1);
    rows.forEach((r, k) => {
      const { m, c } = messages[k]!;
      // Every cell: the column's value, neutralised when it comes from the source.
      COLUMNS.forEach((column, j) => {
        const raw = column.get(m, c, archive.participants.find((p) => p.id === m.senderId));
        expect(r[j]).toBe(column.fromSource ? neutralise(raw) : raw);
      });
      // The vectors, literally.
      const [source, expected] = VECTORS[k % VECTORS.length]!;
      expect(m.text).toBe(source);
      expect(r[col("text")]).toBe(expected);
      // ids as text, exactly as in the JSON.
      expect(r[col("message_id")]).toBe(m.id);
      expect(r[col("conversation_id")]).toBe(c.id);
      expect(r[col("sender_id")]).toMatch(/^qq:8000\d{5}$/);
      expect(r[col("seq")]).toBe(String(m.seq));
    });
    const titles = [...new Set(rows.map((r) => r[col("conversation_title")]))];
    expect(titles).toEqual(["'=1+1", "'@SUM(A1)", "'-2+3", "'＝群", "正常群"]);
    const senders = new Set(rows.map((r) => r[col("sender_name")]));
    for (const s of SENDERS) expect(senders.has(neutralise(s))).toBe(true);
    expect(senders.has(`'=HYPERLINK("http://x","y")`)).toBe(true);
    expect(senders.has("'\t=1")).toBe(true);
    // No cell that a spreadsheet would evaluate is left.
    for (const r of rows) for (const j of COLUMNS.keys()) if (COLUMNS[j]!.fromSource) expect(/^[=+\-@\t\r＝＋－＠]/.test(r[j]!)).toBe(false);
  });
});
