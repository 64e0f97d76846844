/**
 * Author / body split after a WhatsApp header (formats-intl.md §1.4). Android system lines have no
 * author; a system text may itself hold ": " (a group named "a: b"), so a candidate author that holds
 * a quote mark or opens like a notice is refused. `Name:.` (no space, chat-miner fixture) and `Name:`
 * at line end are accepted for authors seen elsewhere in the file.
 */
import { ownedString } from "../../src/io/owned-string.js";
import { NOTICE_PREFIXES } from "./catalog.js";
import { cleanText } from "./normalize.js";

/** The author as written and cleaned, and where the body starts in the raw rest. */
export interface AuthorSplit {
  /** Author with invisible marks removed and spaces made plain; undefined for a system line. */
  author?: string;
  /** The author exactly as written (marks included). */
  authorRaw?: string;
  /** Index in `rest` where the body starts. */
  bodyStart: number;
}

const QUOTES = /["“”«»„‘’']/;
const MAX_AUTHOR = 120;
/**
 * Longest author as written (marks and blanks included) looked at for a glued "Name:" colon: each
 * candidate up to a colon is cleaned, so a run of 100,000 colons cleaned 100,000 growing prefixes
 * (quadratic: 60,000 took 2.9 s). A known author is at most {@link MAX_AUTHOR} characters once clean.
 */
const MAX_RAW_AUTHOR = 1024;

/** Splits "AUTHOR: BODY"; `known` holds authors already seen with a clean ": " split. */
export function splitAuthor(rest: string, known?: ReadonlySet<string>): AuthorSplit {
  let at = rest.indexOf(": ");
  let bodyStart = at + 2;
  if (at < 0 && rest.endsWith(":")) {
    at = rest.length - 1;
    bodyStart = rest.length;
  }
  if (at >= 0) {
    const cand = rest.slice(0, at);
    const clean = cleanAuthor(cand);
    if (plausibleAuthor(clean)) return { author: clean, authorRaw: cand, bodyStart };
    return { bodyStart: 0 };
  }
  // "John Doe:." — a colon glued to the body; only for an author the file shows elsewhere.
  if (known && known.size > 0) {
    let c = rest.indexOf(":");
    while (c > 0 && c <= MAX_RAW_AUTHOR) {
      const cand = rest.slice(0, c);
      const clean = cleanAuthor(cand);
      if (known.has(clean)) return { author: clean, authorRaw: cand, bodyStart: c + 1 };
      c = rest.indexOf(":", c + 1);
    }
  }
  return { bodyStart: 0 };
}

/** Author text with bidi marks/BOM removed, NBSP and U+2011 made plain, trimmed. */
export function cleanAuthor(s: string): string {
  return cleanText(s).replace(/\u2011/g, "-").trim();
}

function plausibleAuthor(a: string): boolean {
  if (a === "" || a.length > MAX_AUTHOR) return false;
  if (QUOTES.test(a) && !balancedQuotes(a)) return false;
  const low = a.toLowerCase();
  return !NOTICE_PREFIXES.some((p) => low.startsWith(p));
}

// A name may legitimately hold quotes ('Bob "the builder"'); a cut through a quoted group name may not.
function balancedQuotes(a: string): boolean {
  const straight = (a.match(/"/g) ?? []).length;
  const open = (a.match(/[“«„]/g) ?? []).length;
  const close = (a.match(/[”»“]/g) ?? []).length;
  return straight % 2 === 0 && !/[“«„][^”»“]*$/.test(a) && (open === 0 || close >= open);
}

/** The phone number an author is written as (`+12 345 578`, `‪+55 61 9000‑0000‬`), as + and digits; else undefined. */
export function phoneOf(author: string): string | undefined {
  if (!/^\+?[\d\s\-().]{6,}$/.test(author)) return undefined;
  const digits = author.replace(/\D/g, "");
  if (digits.length < 6) return undefined;
  return (author.trim().startsWith("+") ? "+" : "") + digits;
}

const SPLIT_CACHE_MAX = 20000;
const RECENT = 8;

/** The split of a line without a plausible "Name: " author (shared: splits are never changed). */
const NO_AUTHOR: AuthorSplit = Object.freeze({ bodyStart: 0 });

/**
 * {@link splitAuthor} with the "Name: " candidates remembered: a chat has few authors and every line
 * repeats one, so cleaning and judging the candidate happens once per distinct spelling, and the split
 * itself (author, raw author, body offset: all fixed by the candidate) is one shared object.
 */
export class AuthorSplitter {
  private readonly cache = new Map<string, AuthorSplit>();
  // The last few candidates, compared in place: most chats have a handful of authors, so the line's
  // candidate is usually found without slicing it out as a key (two passes × 1M lines of garbage).
  private readonly recentCands: string[] = [];
  private readonly recentSplits: AuthorSplit[] = [];
  private nextRecent = 0;

  split(rest: string, known?: ReadonlySet<string>): AuthorSplit {
    return this.splitAt(rest, 0, known);
  }

  /** {@link split} of `text.slice(from)`, without making that slice for the common "Name: " line. */
  splitAt(text: string, from: number, known?: ReadonlySet<string>): AuthorSplit {
    const at = text.indexOf(": ", from);
    if (at < 0) return splitAuthor(from === 0 ? text : text.slice(from), known);
    const len = at - from;
    // Not remembered: no author is that long, and the cache would keep the line's text.
    if (len > MAX_RAW_AUTHOR) return splitAuthor(from === 0 ? text : text.slice(from), known);
    const cands = this.recentCands;
    for (let k = 0; k < cands.length; k++) {
      const c = cands[k]!;
      if (c.length === len && text.startsWith(c, from)) return this.recentSplits[k]!;
    }
    const key = text.slice(from, at);
    let split = this.cache.get(key);
    if (split === undefined) {
      // A copy: the cache, the parser's participants and the scan's authors keep it for the whole run,
      // and the slice is a view into a 64 KiB decoded chunk (src/io/owned-string.ts): 20k authors in a
      // 1M-line chat pinned the whole file (298 MiB peak).
      const cand = ownedString(key);
      const c = cleanAuthor(cand);
      split = plausibleAuthor(c) ? Object.freeze({ author: c, authorRaw: cand, bodyStart: cand.length + 2 }) : NO_AUTHOR;
      if (this.cache.size >= SPLIT_CACHE_MAX) this.cache.clear();
      this.cache.set(cand, split);
    }
    const slot = this.nextRecent;
    this.nextRecent = (slot + 1) % RECENT;
    cands[slot] = split.authorRaw ?? key;
    this.recentSplits[slot] = split;
    return split;
  }
}
