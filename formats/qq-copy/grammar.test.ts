import { describe, expect, it } from "vitest";
import { isDividerLike, parseDivider, parseHeaderLine, parseSender } from "./grammar.js";

describe("qq-copy header lines", () => {
  it("reads the three shapes of formats-cn.md §1.8", () => {
    expect(parseHeaderLine("Emingway 2024/12/27 16:52:03")).toEqual({
      sender: "Emingway",
      rawTime: "2024/12/27 16:52:03",
      date: { raw: "2024/12/27", year: 2024, first: 12, second: 27, yearLast: false },
      hour: 16,
      minute: 52,
      sec: 3,
    });
    expect(parseHeaderLine("某某某 CS 16:44:12")).toEqual({ sender: "某某某 CS", rawTime: "16:44:12", hour: 16, minute: 44, sec: 12 });
    expect(parseHeaderLine("【冒泡】无情的围观熊 2/14/2020 9:16:13 PM")).toMatchObject({
      sender: "【冒泡】无情的围观熊",
      rawTime: "2/14/2020 9:16:13 PM",
      date: { raw: "2/14/2020", year: 2020, first: 2, second: 14, yearLast: true },
      hour: 9,
      meridiem: "pm",
    });
  });

  it("takes two spaces, trailing spaces, tabs and ideographic spaces; raw keeps the inner spacing", () => {
    expect(parseHeaderLine("德里奇化石  23:50:12 ")).toEqual({ sender: "德里奇化石", rawTime: "23:50:12", hour: 23, minute: 50, sec: 12 });
    expect(parseHeaderLine("A B\t2020/2/21  8:00:00\u3000")).toMatchObject({ sender: "A B", rawTime: "2020/2/21  8:00:00" });
    expect(parseHeaderLine("Bob 2020年2月21日 下午 3:04:05")).toMatchObject({ rawTime: "2020年2月21日 下午 3:04:05", meridiem: "pm", date: { year: 2020, first: 2, second: 21 } });
    expect(parseHeaderLine("Bob 2020-2-21 9:00:00 am")).toMatchObject({ meridiem: "am", hour: 9 });
  });

  it("refuses lines that only end in a time: no name, a date for a name, a colon, a leading space, no seconds", () => {
    expect(parseHeaderLine("16:44:12")).toBeUndefined();
    expect(parseHeaderLine("2017-01-01 8:36:52")).toBeUndefined(); // a QQ TXT header with an empty sender
    expect(parseHeaderLine("2017-01-01 8:36:52 Name(123)")).toBeUndefined();
    expect(parseHeaderLine("时间： 16:44:12")).toBeUndefined();
    expect(parseHeaderLine("time: 16:44:12")).toBeUndefined();
    expect(parseHeaderLine("到了，16:44:12")).toBeUndefined();
    expect(parseHeaderLine(" Bob 16:44:12")).toBeUndefined();
    expect(parseHeaderLine("Bob 16:44")).toBeUndefined();
    expect(parseHeaderLine("会议改到 2024/12/28 10:00:00 开")).toBeUndefined();
    expect(parseHeaderLine("Bob 24:00:00")).toBeUndefined();
    expect(parseHeaderLine("Bob 9:16:13 上午 PM")).toBeUndefined();
    expect(parseHeaderLine(`${"长".repeat(61)} 16:44:12`)).toBeUndefined();
    expect(parseHeaderLine(`${"长".repeat(60)} 16:44:12`)).toMatchObject({ rawTime: "16:44:12" });
  });

  it("has the shape alone decide: a sentence ending in a time has the shape (the parser's boundary rule keeps it in a body)", () => {
    expect(parseHeaderLine("see you at 9:00:00")).toMatchObject({ sender: "see you at", rawTime: "9:00:00" });
  });

  it("keeps a dated header with an impossible time a header (the timestamp reports it)", () => {
    expect(parseHeaderLine("Bob 2022/6/2 25:00:00")).toMatchObject({ hour: 25, date: { raw: "2022/6/2" } });
  });
});

describe("qq-copy date dividers", () => {
  it("reads dashes around a date, with a label after it", () => {
    expect(parseDivider("— —  2020-2-21  — —")).toEqual({ date: { raw: "2020-2-21", year: 2020, first: 2, second: 21, yearLast: false } });
    expect(parseDivider("—— 2020/2/21 星期五 ——")).toMatchObject({ date: { raw: "2020/2/21" }, label: "星期五" });
    expect(parseDivider("-- 2/15/2020 --")).toMatchObject({ date: { yearLast: true, first: 2, second: 15 } });
  });

  it("refuses a bare date, one-sided dashes and separators; knows a dash line it cannot date", () => {
    expect(parseDivider("2020-2-21")).toBeUndefined();
    expect(parseDivider("— — 2020-2-21")).toBeUndefined();
    expect(parseDivider("=".repeat(64))).toBeUndefined();
    expect(isDividerLike("=".repeat(64))).toBe(false);
    expect(isDividerLike("— — 昨天 — —")).toBe(true);
    expect(isDividerLike("— —  2020-2-21  — —")).toBe(false);
  });
});

describe("qq-copy senders", () => {
  it("cuts leading 【titles】 off the name", () => {
    expect(parseSender("【冒泡】无情的围观熊")).toEqual({ name: "无情的围观熊", titles: ["冒泡"] });
    expect(parseSender("【冒泡】【管理员】 熊")).toEqual({ name: "熊", titles: ["冒泡", "管理员"] });
    expect(parseSender("熊【冒泡】")).toEqual({ name: "熊【冒泡】", titles: [] });
    expect(parseSender("【只有头衔】")).toEqual({ name: "【只有头衔】", titles: [] });
  });
});
