import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseHeaderLine, parseHeaderRegex } from "../formats/qq-txt/grammar.js";

// parseHeaderLine takes a character-scan fast path for the common header; the regex is the definition.
// Lines built from header-like pieces (and plain noise) must parse the same both ways.
const piece = fc.constantFrom("2017", "1999", "0099", "-", "/", ".", " ", "1", "01", "12", "31", "0", "8", ":", "00", "59", "60", "AM", "pm", "Amy", "上午", "下午", "张三", "(12345)", "\r", "\u2028", "\t", "a", "", "  ");
const line = fc.array(piece, { maxLength: 14 }).map((p) => p.join(""));

const CASES = [
  "2017-01-01 0:00:03 周一(800000001)",
  "2017-01-01 0:00:03",
  "2017-01-01 0:00:03 ",
  "2017/1/1 12:00:00 AM",
  "2017-1-1 12:00:00 Amy(1)",
  "2017-1-1 12:00:00 pm Bob",
  "2017-01-01 下午 3:00:00 张三",
  "2017.01.01 23:59:59 系统消息(10000)",
  "2017-01-01 23:59:59 name\rx",
  "2017-01-01 23:59:59 name\u2028x",
  "12/31/2017 8:00:00 Ann(1)",
  "2017-001-01 0:00:03 x",
  "2017-01-01 0:0:03 x",
  "2017-01-01 100:00:03 x",
  "2017-01-01  0:00:03 x",
  "2017-01-01 0:00:03x",
];

describe("QQ TXT header: fast scan equals the regex", () => {
  it.each(CASES)("%j", (l) => expect(parseHeaderLine(l)).toStrictEqual(parseHeaderRegex(l)));
  it("random header-like lines", () => {
    fc.assert(fc.property(line, (l) => {
      expect(parseHeaderLine(l)).toStrictEqual(l.charCodeAt(0) >= 48 && l.charCodeAt(0) <= 57 ? parseHeaderRegex(l) : undefined);
    }), { numRuns: 20000 });
  });
  it("prefixed with a real header start", () => {
    fc.assert(fc.property(line, (l) => {
      const h = "2017-01-01 " + l;
      expect(parseHeaderLine(h)).toStrictEqual(parseHeaderRegex(h));
    }), { numRuns: 20000 });
  });
});
