import { describe, expect, it } from "vitest";
import { JSON_LINE_START, parseJsonLine } from "./json-grammar.js";

describe("signal-md data.json lines", () => {
  it("reads Python's isoformat at the precision it carries", () => {
    const at = (date: string) => {
      const r = parseJsonLine(JSON.stringify({ date, sender: "Me" }));
      return typeof r === "string" ? r : [r.wall?.fraction, r.precision];
    };
    expect(at("2024-05-01T09:15:02")).toEqual([undefined, "second"]);
    expect(at("2024-05-01T09:15:02.120000")).toEqual(["120", "millisecond"]);
    expect(at("2024-05-01T09:15:02.123456")).toEqual(["123456", "microsecond"]);
    // Not a local ISO time: kept raw, no fields (the builder reports invalid-timestamp).
    expect(at("2024-05-01 09:15:02+02:00")).toEqual([undefined, "second"]);
  });

  it("takes the exporter's shapes of stickers and reactions, and keeps what it cannot read", () => {
    const r = parseJsonLine(JSON.stringify({ date: "2024-05-01T09:15:02", sender: "Ole", body: "x  ", sticker: "", reactions: [{ name: "Anna", emoji: "❤️" }, ["Ole"], ["Me", "👍"]] }));
    expect(r).toMatchObject({ parts: { text: "x", reactions: [{ name: "Anna", emoji: "❤️" }, { name: "Me", emoji: "👍" }] }, extra: { reactions: [{ name: "Anna", emoji: "❤️" }, ["Ole"], ["Me", "👍"]] } });
    expect(typeof r !== "string" && r.parts.sticker).toBeUndefined();
    const s = parseJsonLine(JSON.stringify({ date: "2024-05-01T09:15:02", sender: "Ole", sticker: "🐱" }));
    expect(typeof s !== "string" && s.parts.sticker).toEqual({ label: "🐱" });
    const d = parseJsonLine(JSON.stringify({ date: "2024-05-01T09:15:02", sender: "Ole", body: "gone", deleted: true, quote: "> not create.py's shape" }));
    expect(d).toMatchObject({ parts: { text: "", deleted: true }, extra: { quote: "> not create.py's shape" } });
  });

  it("says why a line is not a message", () => {
    expect(parseJsonLine('{"date": "2024')).toBe("not JSON");
    expect(parseJsonLine("[]")).toBe("not a JSON object");
    expect(parseJsonLine('{"date": 1714554902}')).toBe('no "date" and "sender" strings');
  });

  it("detection's line start is json.dumps' default spacing", () => {
    expect(JSON_LINE_START.test('{"date": "2024-05-01T09:15:02.120000", "sender": "Me", "body": ""}')).toBe(true);
    expect(JSON_LINE_START.test('{"date":"2024-05-01T09:15:02","sender":"Me"}')).toBe(false);
  });
});
