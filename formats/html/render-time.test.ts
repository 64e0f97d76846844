import { describe, expect, it } from "vitest";
import { displayTimestamp } from "../../src/model/display.js";
import type { Timestamp } from "../../src/model/index.js";
import { escapeHtml } from "./escape.js";
import { renderTime } from "./render.js";

/** renderTime as it was before its fast path: the display string escaped whole. */
function reference(ts: Timestamp): string {
  const shown = displayTimestamp(ts);
  if (ts.basis === "floating" && shown.endsWith(" (zone unknown)")) return `<time>${escapeHtml(shown.slice(0, -" (zone unknown)".length))}</time> <span class="zu">zone unknown</span>`;
  if (ts.basis === "assumed-zone") return `<time>${escapeHtml(shown)}</time> <span class="assumed">zone assumed</span>`;
  return `<time>${escapeHtml(shown)}</time>`;
}

const base = { raw: "x", precision: "second" } as const;
const cases: Timestamp[] = [
  { ...base, wall: "2017-01-01T00:00:03", utc: "2016-12-31T16:00:03Z", offset: "+08:00", zone: "Asia/Shanghai", basis: "assumed-zone" },
  { ...base, wall: "2017-01-01T00:00:04", utc: "2016-12-31T16:00:04Z", offset: "+08:00", zone: "Asia/Shanghai", basis: "assumed-zone" },
  { ...base, wall: "2017-01-01T00:00:03.250", utc: "2017-01-01T00:00:03.250Z", offset: "+00:00", basis: "exact" },
  { ...base, wall: "2017-01-01T00:00:03", utc: "2017-01-01T00:00:03Z", offset: "+00:00", zone: "UTC", basis: "exact" },
  { ...base, wall: "2017-01-01T08:00:03", utc: "2017-01-01T00:00:03Z", offset: "+08:00", basis: "source-offset" },
  { ...base, wall: "2017-01-01T00:00:03", offset: "+08:00", zone: "A&B<\u202e>", basis: "assumed-zone" },
  { ...base, wall: "2017-01-01T00:00:03", offset: "+08:00", zone: "A&B<c>", basis: "assumed-zone" },
  { ...base, wall: "2017-01-01T00:00:03\u202e<", offset: "+08:00", zone: "Asia/Shanghai", basis: "assumed-zone" },
  { ...base, wall: "2017-01-01T00:00:03&\u0000", offset: "+08:00", zone: "Asia/Shanghai", basis: "assumed-zone" },
  { ...base, wall: "2017-01-01T00:00:03", offset: "+08:00", zone: "zone unknown", basis: "floating" },
  { ...base, wall: "2017-01-01T00:00:03", basis: "floating" },
  { ...base, utc: "2017-01-01T00:00:03Z", basis: "exact" },
  { ...base, raw: "今天 12:00", basis: "floating", precision: "minute" },
] as Timestamp[];

describe("renderTime", () => {
  it("writes what escaping the whole display string wrote, through its cached tail and back", () => {
    for (const ts of [...cases, ...cases.slice().reverse()]) expect(renderTime(ts)).toBe(reference(ts));
  });
});
