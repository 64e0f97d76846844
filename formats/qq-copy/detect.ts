import type { DetectResult, Probe } from "../../src/plugin/types.js";
import { SEPARATOR, TITLE_LINE, parseHeaderLine as parseTxtHeader } from "../qq-txt/grammar.js";
import { isDividerLike, parseDivider, parseHeaderLine } from "./grammar.js";

/** Lines before the first header (a note the user typed, a title) a copy may start with and still be claimed. */
const MAX_LINES_BEFORE = 5;

/**
 * Recognises text copied out of a QQ chat window: paragraphs (the first line, and lines after a blank
 * line or a date divider) that open with `Name [date] H:mm:ss`. The grammar is lenient (a body line
 * can end in a time), so the claim stays moderate, and it stands down before a QQ 消息管理器 TXT
 * export (title, separators, `date time sender` headers), which other readers own.
 */
export function detectQqCopy(probe: Probe): DetectResult | null {
  if (!probe.text) return null;
  const lines = probe.text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/, 2000);
  if (lines.length > 1 && probe.size > probe.head.length) lines.pop(); // the head may end mid-line
  let starts = 0, headers = 0, dated = 0, dividers = 0, txtHeaders = 0, before = 0;
  let boundary = true;
  for (const l of lines) {
    if (l.trim() === "") {
      boundary = true;
      continue;
    }
    if (TITLE_LINE.test(l) || SEPARATOR.test(l)) return null;
    if (parseDivider(l) || isDividerLike(l)) {
      if (parseDivider(l)) dividers++;
      boundary = true;
      continue;
    }
    // As the parser: before the first header any line may be one; a few other lines may come first.
    if (boundary || headers === 0) {
      const h = parseHeaderLine(l);
      if (h) {
        starts++;
        headers++;
        if (h.date) dated++;
      } else if (headers === 0) {
        if (++before > MAX_LINES_BEFORE || parseTxtHeader(l)?.sender) return null;
      } else {
        starts++;
        if (parseTxtHeader(l)?.sender) txtHeaders++;
      }
    }
    boundary = false;
  }
  if (headers === 0 || txtHeaders >= headers) return null;
  const after = before ? ` after ${before} other line${before === 1 ? "" : "s"}` : "";
  const shape = `${headers} "name [date] time" header line${headers === 1 ? "" : "s"}${dividers ? ` and ${dividers} date divider${dividers === 1 ? "" : "s"}` : ""}`;
  if (headers >= 3 && headers >= starts * 0.8)
    return { confidence: dated || dividers ? 0.75 : 0.65, variant: dated ? "dated" : "time-only", reason: `${shape} opening the paragraphs, as text copied from a QQ chat window${after}` };
  if (headers >= 2 && headers >= starts * 0.6) return { confidence: 0.6, variant: dated ? "dated" : "time-only", reason: `${shape} opening ${headers} of ${starts} paragraphs${after}` };
  if (headers === 1 && starts === 1 && before === 0) return { confidence: 0.5, variant: dated ? "dated" : "time-only", reason: "one message copied from a QQ chat window (name, time, text)" };
  return null;
}
