/**
 * classifyBodyFast must give exactly classifyBody's answer for every body (it only skips work for
 * bodies that cannot be special): catalogue entries in several spellings, edge characters, and
 * generated bodies mixing the characters the fast checks look at.
 */
import { describe, expect, it } from "vitest";
import { CALL_PREFIXES, DELETED, LIVE_LOCATION, MEDIA_OMITTED_ANDROID, MEDIA_OMITTED_IOS, NOTICE_PREFIXES, POLL_HEADINGS } from "./catalog.js";
import { classifyBody, classifyBodyFast } from "./body.js";

const KEYS = [
  ...Object.keys(DELETED), ...POLL_HEADINGS, ...LIVE_LOCATION, ...Object.keys(MEDIA_OMITTED_IOS), ...MEDIA_OMITTED_ANDROID,
  ...CALL_PREFIXES, ...NOTICE_PREFIXES,
];

const VARIANTS = (k: string): string[] => [
  k, k.toUpperCase(), k[0]!.toUpperCase() + k.slice(1), `${k}.`, ` ${k} `, `\u200E${k}`, `\u00A0${k}\u202F`, `\uFEFF${k}\u200F`,
  `${k} and more`, `<${k}>`, `x ${k}`,
];

const EDGES = [
  "", " ", "\u200E", "hello", "Hello world", "好的", "第一行", "http://example.com/a?b=1", "see: https://x.y", "a:\u00A0http://x",
  "Location: https://maps.google.com/?q=51.5,-0.12", "IMG-20190620-WA0001.jpg (file attached)", "photo.jpg <attached>",
  "\u200E<attached: 00000001-PHOTO-2019-06-20-16-00-15.jpg>", "text (with parens)", "ends with >", "ΣΑΣ", "İstanbul", "Ωmega",
  "\uD801\uDC00 deseret", "\uD83D\uDE00 smile", "call me", "Voice call", "missed voice call", "<Media omitted>", "poll:",
  "hello <This message was edited>", "a\u2011b", "x:y", "x: y", "x:\u200Eh",
  // First characters that begin no keyword, so only the ")" / ": h" checks keep them off the fast path:
  "report.pdf (file attached)", "1234.jpg (Datei angehängt)", "Ωfoo.jpg (file attached) \u200E", "位置: https://maps.google.com/?q=1,2", "位置:\u00A0https://maps.google.com/?q=1,2",
  "موقع: https://maps.google.com/?q=1,2", "2015-08-04-PHOTO-00004762.jpg <attached>",
];

const SAMPLE_CHARS = ["a", "M", "v", "<", ">", ")", ":", " ", "\u00A0", "\u200E", "\uFEFF", "h", "好", "Ω", ".", "\uD83D\uDE00", "-", "y", "p"];

function generated(n: number): string[] {
  let seed = 12345;
  const rnd = (m: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % m);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let s = "";
    const len = rnd(8);
    for (let j = 0; j < len; j++) s += SAMPLE_CHARS[rnd(SAMPLE_CHARS.length)]!;
    out.push(s);
  }
  return out;
}

describe("classifyBodyFast", () => {
  const bodies = [...KEYS.flatMap(VARIANTS), ...EDGES, ...generated(4000)];
  it("agrees with classifyBody on single-line bodies", () => {
    for (const b of bodies) expect(classifyBodyFast([b], false), JSON.stringify(b)).toEqual(classifyBody([b], false));
  });
  it("agrees with classifyBody on multi-line bodies", () => {
    for (let i = 0; i < bodies.length; i++) {
      const lines = [bodies[i]!, bodies[(i * 7 + 3) % bodies.length]!];
      expect(classifyBodyFast([...lines], false), JSON.stringify(lines)).toEqual(classifyBody([...lines], false));
    }
  });
  it("keeps notices on the full path", () => {
    expect(classifyBodyFast(["Alice added Bob"], true)).toEqual(classifyBody(["Alice added Bob"], true));
  });
});
