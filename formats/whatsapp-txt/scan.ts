/**
 * First pass over a WhatsApp export: cheap facts about the WHOLE file gathered before any message is
 * emitted (formats-intl.md §1.5, §1.8): which header shapes occur, the evidence for each shape's date
 * order, the authors seen with a clean "Name: " split, the chat's name and whether it is a group.
 * Memory stays bounded: counters, one previous date per shape, and a capped author set.
 */
import { GROUP_NOTICE, NOTICE_PREFIXES } from "./catalog.js";
import { splitAuthor } from "./author.js";
import { DateEvidence, decideOrder, type DateOrder, type OrderDecision } from "./dates.js";
import { parseHeader } from "./grammar.js";
import { cleanText } from "./normalize.js";

const MAX_AUTHORS = 5000;

/** What the first pass learnt. */
export interface ScanResult {
  /** Header shapes that start messages (the dominant one and any that recur). */
  shapes: Map<string, OrderDecision>;
  dominant: string | undefined;
  /** Authors seen with "Name: " (for `Name:.` lines). */
  authors: Set<string>;
  /** Distinct authors, capped. */
  authorCount: number;
  /** The group's name from creation/rename notices, last one wins. */
  groupName?: string;
  /** The author of a notice (iOS writes the chat name there). */
  noticeAuthor?: string;
  /** A group notice was seen. */
  groupNotices: number;
  headerLines: number;
}

// `created group "X"`, `changed the subject to "X"`, `changed the group name from "A" to "X"`, German
// `Du hast die Gruppe "X" erstellt`, `… den Gruppennamen von "A" zu "X" geändert`.
const GROUP_NAME = [
  /created group [“"](.*)[”"]$/,
  /changed the (?:subject|group name)(?: from [“"].*[”"])? to [“"](.*)[”"]$/,
  /hat die Gruppe [„"“](.*)[“"”] erstellt\.?$/,
  /hast die Gruppe [„"“](.*)[“"”] erstellt\.?$/,
  /den Gruppennamen (?:von [„"“].*[“"”] )?zu [„"“](.*)[“"”] geändert\.?$/,
];

/** Collects first-pass facts line by line. */
export class FileScan {
  private readonly counts = new Map<string, number>();
  private readonly evidence = new Map<string, DateEvidence>();
  private readonly authors = new Set<string>();
  private groupName: string | undefined;
  private noticeAuthor: string | undefined;
  private groupNotices = 0;
  private headers = 0;

  /** Feeds one raw line. */
  push(text: string, no: number): void {
    const h = parseHeader(text);
    if (!h) return;
    this.headers++;
    this.counts.set(h.shape, (this.counts.get(h.shape) ?? 0) + 1);
    let ev = this.evidence.get(h.shape);
    if (!ev) this.evidence.set(h.shape, (ev = new DateEvidence()));
    const rest = text.slice(h.restStart);
    ev.add(h, rest, no);
    const split = splitAuthor(rest);
    const body = cleanText(rest.slice(split.bodyStart)).trim();
    if (split.author !== undefined) {
      if (NOTICE_PREFIXES.some((p) => body.toLowerCase().startsWith(p))) this.noticeAuthor ??= split.author;
      else if (this.authors.size < MAX_AUTHORS) this.authors.add(split.author);
    } else {
      if (GROUP_NOTICE.test(body)) this.groupNotices++;
      for (const re of GROUP_NAME) {
        const m = re.exec(body);
        if (m) this.groupName = m[1];
      }
    }
  }

  /** Ends the pass: chooses the shapes that start messages and decides each one's date order. */
  finish(forced?: DateOrder): ScanResult {
    let dominant: string | undefined;
    let best = 0;
    for (const [shape, n] of [...this.counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (n > best) {
        best = n;
        dominant = shape;
      }
    }
    const shapes = new Map<string, OrderDecision>();
    for (const [shape, n] of this.counts) {
      if (shape === dominant || n >= Math.max(2, best / 100)) shapes.set(shape, decideOrder(this.evidence.get(shape)!, forced));
    }
    return {
      shapes,
      dominant,
      authors: this.authors,
      authorCount: this.authors.size,
      ...(this.groupName !== undefined ? { groupName: this.groupName } : {}),
      ...(this.noticeAuthor !== undefined ? { noticeAuthor: this.noticeAuthor } : {}),
      groupNotices: this.groupNotices,
      headerLines: this.headers,
    };
  }
}
