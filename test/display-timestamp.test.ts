import { describe, expect, it } from "vitest";
import { displayTimestamp } from "../src/model/display.js";

describe("displayTimestamp", () => {
  it("shows each kind of timestamp without ambiguity", () => {
    expect(displayTimestamp({ raw: "x", wall: "2024-01-01T10:00:00", offset: "+08:00", zone: "Asia/Shanghai", utc: "2024-01-01T02:00:00Z", basis: "assumed-zone", precision: "second" })).toBe("2024-01-01 10:00:00 UTC+08:00 (Asia/Shanghai)");
    expect(displayTimestamp({ raw: "1704103200", utc: "2024-01-01T10:00:00Z", basis: "exact", precision: "second" })).toBe("2024-01-01 10:00:00 UTC");
    expect(displayTimestamp({ raw: "x", wall: "2024-01-01T10:00:00", basis: "floating", precision: "second" })).toBe("2024-01-01 10:00:00 (zone unknown)");
  });

  it("a time of day with no date (qq-copy) or a value that is no time shows the source's text, marked as having no date", () => {
    expect(displayTimestamp({ raw: "22:10:05", basis: "floating", precision: "second" })).toBe("22:10:05 (as written; no date)");
    expect(displayTimestamp({ raw: "", basis: "floating", precision: "second" })).toBe("no time given");
  });
});
