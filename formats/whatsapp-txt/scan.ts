/**
 * First pass over a WhatsApp export: cheap facts about the WHOLE file gathered before any message is
 * emitted (formats-intl.md §1.5, §1.8): which header shapes occur, the evidence for each shape's date
 * order, the authors seen with a clean "Name: " split, the chat's name and whether it is a group.
 * Memory stays bounded: counters, one previous date per shape, and a capped author set.
 */
import { GROUP_NOTICE, NOTICE_PREFIXES } from "./catalog.js";
import { AuthorSplitter } from "./author.js";
import { DateEvidence, decideOrder, type DateOrder, type OrderDecision } from "./dates.js";
import type { Header } from "./grammar.js";
import { HeaderCache } from "./header-cache.js";
import { cleanText } from "./normalize.js";

const MAX_AUTHORS = 5000;

/** First characters (lower case) the notice prefixes start with. */
const NOTICE_FIRST = new Set(NOTICE_PREFIXES.map((p) => p[0]!));
const SKIPPED = /[\s\uFEFF\u200B\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/;

// Per UTF-16 code unit: 0 not yet known, 1 skipped (space or mark), 2 may start a notice, 3 cannot.
// Filled lazily; it replaces a regex test, a lower-casing and a set look-up per line of the first pass.
const START_CLASS = new Uint8Array(0x10000);

function startClass(code: number): number {
  let k = START_CLASS[code]!;
  if (k === 0) {
    const ch = String.fromCharCode(code);
    k = SKIPPED.test(ch) ? 1 : NOTICE_FIRST.has(ch.toLowerCase()[0]!) ? 2 : 3;
    START_CLASS[code] = k;
  }
  return k;
}

/** False when the body at `from` cannot start with a notice prefix (its first visible character rules it out). */
function mayBeNotice(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) {
    const k = startClass(s.charCodeAt(i));
    if (k !== 1) return k === 2;
  }
  return false;
}

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

interface ShapeStats {
  count: number;
  evidence: DateEvidence;
}

/** Collects first-pass facts line by line. */
export class FileScan {
  private readonly shapeStats = new Map<string, ShapeStats>();
  private readonly splitter = new AuthorSplitter();
  private readonly authors = new Set<string>();
  private groupName: string | undefined;
  private noticeAuthor: string | undefined;
  private groupNotices = 0;
  private headers = 0;
  private readonly headerCache = new HeaderCache();
  // The shape entry of the last header object (consecutive lines usually share one, see header-cache.ts).
  private lastHeader: Header | undefined;
  private lastShape: ShapeStats | undefined;

  /** Feeds one raw line. */
  push(text: string, no: number): void {
    const h = this.headerCache.parse(text);
    if (!h) return;
    this.headers++;
    let shape = h === this.lastHeader ? this.lastShape! : this.shapeStats.get(h.shape);
    if (!shape) this.shapeStats.set(h.shape, (shape = { count: 0, evidence: new DateEvidence() }));
    this.lastHeader = h;
    this.lastShape = shape;
    shape.count++;
    const from = h.restStart;
    // The evidence looks into the rest of the line only for "-" (dates in attachment names).
    shape.evidence.add(h, text.indexOf("-", from) < 0 ? "" : text.slice(from), no);
    const split = this.splitter.splitAt(text, from);
    if (split.author !== undefined) {
      if (mayBeNotice(text, from + split.bodyStart)) {
        const body = cleanText(text.slice(from + split.bodyStart)).trim().toLowerCase();
        if (NOTICE_PREFIXES.some((p) => body.startsWith(p))) {
          this.noticeAuthor ??= split.author;
          return;
        }
      }
      if (this.authors.size < MAX_AUTHORS) this.authors.add(split.author);
    } else {
      const body = cleanText(text.slice(from + split.bodyStart)).trim();
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
    const counts = [...this.shapeStats].map(([shape, st]) => [shape, st.count] as const);
    for (const [shape, n] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (n > best) {
        best = n;
        dominant = shape;
      }
    }
    const shapes = new Map<string, OrderDecision>();
    for (const [shape, n] of counts) {
      if (shape === dominant || n >= Math.max(2, best / 100)) shapes.set(shape, decideOrder(this.shapeStats.get(shape)!.evidence, forced));
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
