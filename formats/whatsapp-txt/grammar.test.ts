/**
 * Header grammar over the locale shapes of formats-intl.md §1.3 (verbatim lines from the census and
 * parser issues, phone digits replaced), each resolved to its wall clock and author.
 */
import { describe, expect, it } from "vitest";
import { formatWall } from "../../src/time/index.js";
import { splitAuthor } from "./author.js";
import { resolveTime, type DateOrder } from "./dates.js";
import { fastHeader } from "./fast-header.js";
import { parseHeader, parseHeaderGeneral } from "./grammar.js";

interface Case {
  line: string;
  order: DateOrder;
  family: string;
  wall: string;
  author?: string;
  flag?: "impossible12h" | "noYear";
}

const CASES: Case[] = [
  { line: "12/31/22, 11:40 PM - John: hi", order: "mdy", family: "android", wall: "2022-12-31T23:40", author: "John" },
  { line: "31/12/2022, 23:40 - John: hi", order: "dmy", family: "android", wall: "2022-12-31T23:40", author: "John" },
  { line: "[31/12/2022, 23:40:26] John: hi", order: "dmy", family: "ios", wall: "2022-12-31T23:40:26", author: "John" },
  { line: "[31/12/2022 11:40:26] John Doe: no comma", order: "dmy", family: "ios", wall: "2022-12-31T11:40:26", author: "John Doe" },
  { line: "[26/01/21 21.05.53] Dhimaz R: Maen jam berapa", order: "dmy", family: "ios", wall: "2021-01-26T21:05:53", author: "Dhimaz R" },
  { line: "13.06.18 21.25.15: a: m", order: "dmy", family: "old-ios", wall: "2018-06-13T21:25:15", author: "a" },
  { line: "13.6.2018 klo 21.25.15 - a: m", order: "dmy", family: "android", wall: "2018-06-13T21:25:15", author: "a" },
  { line: "13. 6. 2018. 21:25:15 a: m", order: "dmy", family: "plain", wall: "2018-06-13T21:25:15", author: "a" },
  { line: "[2018/06/13, 21:25:15] a: m", order: "ymd", family: "ios", wall: "2018-06-13T21:25:15", author: "a" },
  { line: "2016-06-27, 8:04:08 AM: Neil: Hi", order: "ymd", family: "old-ios", wall: "2016-06-27T08:04:08", author: "Neil" },
  { line: "[31/12/2019, 2:14:40 a.m.] Ann: x", order: "dmy", family: "ios", wall: "2019-12-31T02:14:40", author: "Ann" },
  { line: "3/6/18, 1:55 p.m. - a: m", order: "mdy", family: "android", wall: "2018-03-06T13:55", author: "a" },
  { line: "20/6/2017 8:28 p.\u00A0m. - Michelle: test", order: "dmy", family: "android", wall: "2017-06-20T20:28", author: "Michelle" },
  { line: "20/06/2017, 8:28 a. m. - Michelle: hola", order: "dmy", family: "android", wall: "2017-06-20T08:28", author: "Michelle" },
  { line: "1/4/23, 7:02\u202FPM - Luke: narrow nbsp", order: "mdy", family: "android", wall: "2023-01-04T19:02", author: "Luke" },
  { line: "[12/12/25, 8:32\u202Fpm] Mia: lower pm", order: "dmy", family: "ios", wall: "2025-12-12T20:32", author: "Mia" },
  { line: "[14:56:01, 3/18/22] Musk Elon: \u200ETin nhắn", order: "mdy", family: "ios", wall: "2022-03-18T14:56:01", author: "Musk Elon" },
  { line: "[3/18/2565 BE, 14:56:01] Elon Musk: \u200EMessages", order: "mdy", family: "ios", wall: "2022-03-18T14:56:01", author: "Elon Musk" },
  { line: "[3/18/R4, 14:56:01] Elon Musk: \u200EMessages", order: "mdy", family: "ios", wall: "2022-03-18T14:56:01", author: "Elon Musk" },
  { line: "[18/3/H31, 14:56:01] Taro: Heisei", order: "dmy", family: "ios", wall: "2019-03-18T14:56:01", author: "Taro" },
  {
    line: "\u200F[\u0662\u0667\u200F/\u0663\u200F/\u0662\u0660\u0662\u0662\u060C \u0669:\u0664\u0661:\u0665\u0665\u00A0\u0645] Dmitry S: \u200Fلم يتم إدراج الصورة",
    order: "dmy",
    family: "ios",
    wall: "2022-03-27T21:41:55",
    author: "Dmitry S",
  },
  { line: "03/01/2021, 9:15 in the morning - Wolfgang: Lorem ipsum", order: "dmy", family: "android", wall: "2021-01-03T09:15", author: "Wolfgang" },
  { line: "03/01/2021, 3:15 in the afternoon - Wolfgang: later", order: "dmy", family: "android", wall: "2021-01-03T15:15", author: "Wolfgang" },
  { line: "03/01/2021, 11:15 at night - Wolfgang: late", order: "dmy", family: "android", wall: "2021-01-03T23:15", author: "Wolfgang" },
  { line: "19:23, 28 Aug 2013 - Tanay Gahlot: Viresh changed the subject", order: "dmy", family: "android", wall: "2013-08-28T19:23", author: "Tanay Gahlot" },
  { line: "7/1/16, 4:56:55 PM: \u200ESophia H. created this group", order: "mdy", family: "old-ios", wall: "2016-07-01T16:56:55" },
  { line: "4/26/16, 16:23:03: \u202A+55 61 9000\u20110000\u202C: <\u200Eimage omitted>", order: "mdy", family: "old-ios", wall: "2016-04-26T16:23:03", author: "+55 61 9000-0000" },
  { line: "[05.05.23, 15:48:11] James: Hi here", order: "dmy", family: "ios", wall: "2023-05-05T15:48:11", author: "James" },
  { line: "\uFEFF[\uFEFF29.01.18, 12:26:03 PM] Dave: Test test", order: "dmy", family: "ios", wall: "2018-01-29T12:26:03", author: "Dave" },
  { line: "\u200E[3/27/22, 21:41:55] Dmitry S: \u200Eimage omitted", order: "mdy", family: "ios", wall: "2022-03-27T21:41:55", author: "Dmitry S" },
  { line: "[15-01-20 02:22:56] Mary: dashes", order: "dmy", family: "ios", wall: "2020-01-15T02:22:56", author: "Mary" },
  { line: "2019/01/20, 11:23 - John Doe:.", order: "ymd", family: "android", wall: "2019-01-20T11:23", author: "John Doe" },
  { line: "[2022/03/18 午後2:56:01] 太郎: こんにちは", order: "ymd", family: "ios", wall: "2022-03-18T14:56:01", author: "太郎" },
  { line: "[22. 3. 18. 오후 2:56:01] 민수: 안녕", order: "ymd", family: "ios", wall: "2022-03-18T14:56:01", author: "민수" },
  { line: "[7/18/21, 18:34:07] ~\u202FNev: That's awesome.", order: "mdy", family: "ios", wall: "2021-07-18T18:34:07", author: "~ Nev" },
  { line: "29.01.18, 23:59 PM - Bob: Carol, can you post", order: "dmy", family: "android", wall: "2018-01-29T23:59", author: "Bob", flag: "impossible12h" },
  { line: "01/30/18, 00:04 AM - Bob: by the way", order: "mdy", family: "android", wall: "2018-01-30T00:04", author: "Bob", flag: "impossible12h" },
  { line: "1/30/18, 12:02 AM - Bob: midnight", order: "mdy", family: "android", wall: "2018-01-30T00:02", author: "Bob" },
  { line: "1/29/18, 12:24 PM - Mallory: noon", order: "mdy", family: "android", wall: "2018-01-29T12:24", author: "Mallory" },
  { line: "\u0967\u096B/\u0966\u0967/\u0968\u0966, \u0968\u0968:\u0968\u0968 - Asha: Devanagari digits", order: "dmy", family: "android", wall: "2020-01-15T22:22", author: "Asha" },
];

describe("WhatsApp header grammar", () => {
  it.each(CASES.map((c) => [c.line, c] as const))("%s", (_line, c) => {
    const h = parseHeader(c.line);
    expect(h, "not recognised as a header").toBeDefined();
    expect(h!.family).toBe(c.family);
    const r = resolveTime(h!, c.order);
    expect(r.fields).toBeDefined();
    expect(formatWall(r.fields!, r.precision)).toBe(c.wall);
    expect(r.impossible12h === true).toBe(c.flag === "impossible12h");
    const split = splitAuthor(c.line.slice(h!.restStart), new Set(["John Doe"]));
    expect(split.author).toBe(c.author);
  });

  it("keeps the date-time text exactly as written for the raw timestamp", () => {
    const line = "\uFEFF[\uFEFF29.01.18, 12:26:03 PM] Dave: Test test";
    const h = parseHeader(line)!;
    expect(line.slice(h.rawStart, h.rawEnd)).toBe("29.01.18, 12:26:03 PM");
    const ar = "\u200F[\u0662\u0667\u200F/\u0663\u200F/\u0662\u0660\u0662\u0662\u060C \u0669:\u0664\u0661:\u0665\u0665\u00A0\u0645] D: x";
    const ha = parseHeader(ar)!;
    expect(ar.slice(ha.rawStart, ha.rawEnd)).toBe("\u0662\u0667\u200F/\u0663\u200F/\u0662\u0660\u0662\u0662\u060C \u0669:\u0664\u0661:\u0665\u0665\u00A0\u0645");
  });

  it("has no year in very old Android headers", () => {
    const h = parseHeader("18 Mar 12:14 - Shaggy changed the subject to “The horde”")!;
    expect(h.family).toBe("android");
    expect(resolveTime(h, "dmy").noYear).toBe(true);
    expect(splitAuthor("Shaggy changed the subject to “The horde”").author).toBeUndefined();
  });

  it.each([
    "2016-04-29 10:30:00",
    "2017-01-01 8:36:52 张三(12345678)",
    "12/31/22 is the date",
    "Meeting at 10:30 - see you",
    "[link] 12/31/22, 11:40 PM - x: y",
    "31/12/2022, 23:75 - John: bad minute",
  ])("does not read %j as a header", (line) => {
    expect(parseHeader(line)).toBeUndefined();
  });

  it("refuses a cut through a quoted group name as an author (§1.4)", () => {
    expect(splitAuthor('Alice created group "a: b"').author).toBeUndefined();
    expect(splitAuthor("Alice changed the subject to “x: y”").author).toBeUndefined();
    expect(splitAuthor("Messages and calls are end-to-end encrypted: info").author).toBeUndefined();
    expect(splitAuthor('Bob "the builder": hi').author).toBe('Bob "the builder"');
    expect(splitAuthor("Carol:").author).toBe("Carol");
    expect(splitAuthor("John Doe:.", new Set(["John Doe"]))).toMatchObject({ author: "John Doe", bodyStart: 9 });
  });
});

describe("header fast path", () => {
  // Every line the fast path accepts must give exactly the general grammar's Header.
  const dates = ["31/12/2022", "1/2/23", "12.31.22", "2022-12-31", "2019/01/20", "05.05.23", "123/1/2", "31/12/20222", "31/123/2022", "31/12/2022.", "3/18/2565 BE"];
  const times = ["23:40", "9:05", "23:40:26", "8:32", "25:00", "23:75", "10:40:99", "100:00", "23:401", "23:40:1", "23.40"];
  const marks = ["", " AM", " pm", "\u202FPM", "\u00A0am", " a.m.", " Amsterdam", "AM", " p. m."];
  const tails = [" - John: hi", " - \u200EJohn: hi", " - ", " -", " -x", "] John: hi", "]John: x", "] \u200EJohn: x", "]\u00A0John: x", ": John: x", " John: x", " – John: x"];
  const lines: string[] = [];
  for (const d of dates)
    for (const t of times)
      for (const m of marks)
        for (const tail of tails) {
          lines.push(`${d}, ${t}${m}${tail}`);
          lines.push(`[${d}, ${t}${m}${tail}`);
          lines.push(`${d} ${t}${m}${tail}`);
        }
  it(`agrees with the general grammar on ${lines.length} variants`, () => {
    let fast = 0;
    for (const line of lines) {
      const f = fastHeader(line);
      if (f === undefined) continue;
      fast++;
      expect(f, line).toEqual(parseHeaderGeneral(line));
    }
    expect(fast).toBeGreaterThan(500);
    for (const line of lines) expect(parseHeader(line), line).toEqual(parseHeaderGeneral(line));
  });
});
