/**
 * The fast path of the Telegram reader: tdesktop writes a chat's messages as one array of small objects,
 * which make up nearly all of a large export. Instead of tokenizing them one token at a time, this
 * splitter cuts each message object out of the text (tracking only string/escape state and brace depth)
 * and hands it to `JSON.parse`. Everything else — the header, the account sections, any odd shape — still
 * goes through the token walker (json-walk.ts), which also decides where a chat's `messages` array starts:
 * the splitter only takes over once the walker stands at the opening `[` of one.
 *
 * Past the first two messages, whole runs of them (up to the last separator `},\n  {` — learnt from
 * those two — within {@link RUN_CHARS}) go to one JSON.parse without their characters being scanned at
 * all (batch-parse.ts says why that is safe); the message straddling a chunk end is scanned as before.
 * This took the reader from ~3.5 to ~2.2 s CPU for 1M messages (JSON.parse itself is ~0.9 s of that).
 *
 * Anything unexpected inside the array (a non-object element, an object `JSON.parse` refuses) hands the
 * rest of the array back to the walker at that very element, so errors, truncation and odd elements are
 * judged exactly as before. Integers JS numbers cannot hold (ids, `from_id` digits) are kept as their digit
 * strings, as the walker's tokenizer keeps them.
 */
import { MAX_DEPTH, parseRun } from "./batch-parse.js";
import type { TelegramJsonWalker } from "./json-walk.js";
import type { ChatSlot, Json, WalkHandler } from "./json-types.js";
import { quoteBigIntegers } from "./quote-big.js";

export { quoteBigIntegers };

/** A chat's `"messages": [` (the walker confirms it is one). Whitespace runs longer than the held tail fall back to the walker. */
const MESSAGES_KEY = /"messages"\s*:\s*\[/g;
/** Characters held back at the end of a chunk while looking for {@link MESSAGES_KEY}. */
const HOLD = 48;

const enum Mode { Pass, Between, Object }

const TOO_DEEP = -2;
/**
 * Longest run handed to one JSON.parse, in UTF-16 units: a 64 KiB chunk of two-byte text wrapped in
 * "[…]" would be copied into a string of over 128 KiB, which V8 keeps in large-object space until a full
 * GC (peak RSS grew ~30 MiB); runs of this size stay young garbage.
 */
const RUN_CHARS = 16 * 1024;
/** Runs JSON.parse refused in one array before runs are no longer tried there (an odd layout). */
const MAX_RUN_FAILURES = 8;

let enabled = true;
/** Messages the fast path delivered in this process (for tests). */
export const fastStats = { delivered: 0, inRuns: 0 };
/** Turns the fast path off (tests compare it with the walker alone). */
export function setFastSplitting(on: boolean): void {
  enabled = on;
}

export class MessageSplitter {
  private mode = Mode.Pass;
  /** Text not yet handed on in Pass mode: the held tail. */
  private carry = "";
  /**
   * The text of the message object under way (Object mode), in the pieces it came in: each write scans
   * only its new text. Joining and rescanning it per chunk made one 60 MB message quadratic (17 s).
   */
  private pieces: string[] = [];
  private depth = 0;
  private inString = false;
  private digits = 0;
  private big = false;
  private index = 0;
  private expectComma = false;
  private pointer = "";
  private slot: ChatSlot | undefined;
  /**
   * The text between two messages of this array, from the first one's "}" to the next one's "{"
   * (e.g. `},\n  {`), learnt from the first two messages: the cut points of runs (batch-parse.ts).
   */
  private sep: string | undefined;
  private runFailures = 0;
  /** In the text of the current write: the next `"messages"` key (-2: not searched yet). */
  private keyAt = -2;
  /**
   * Set once a run reached past the end of its array (a full-account export, whose next chat's
   * messages share the separator): runs are then kept before the next `"messages"` key. Single-chat
   * files never pay for that search (a pass over all the text).
   */
  private keyGuard = false;
  /** UTF-8 bytes taken by the fast path and not yet told to the walker's tokenizer. */
  private skipped = 0;
  /** Messages delivered by the fast path. */
  fastMessages = 0;

  constructor(
    private readonly walker: TelegramJsonWalker,
    private readonly handler: WalkHandler,
  ) {}

  /** Feeds text (after the \xHH repair). */
  write(text: string): void {
    let s = this.carry ? this.carry + text : text;
    this.carry = "";
    let p = 0;
    let fastFrom = this.mode === Mode.Pass ? -1 : 0;
    /** End (after "}") of the last element delivered one by one in `s`, to learn {@link sep}; -1 if none. */
    let prevEnd = -1;
    if (this.mode === Mode.Object) {
      const done = this.scanObject(text, 0);
      if (done === -1) {
        this.pieces.push(text);
        return;
      }
      // One join for the whole object (a copy of it joined to the text would be one more).
      if (done !== TOO_DEEP) this.pieces.push(text.slice(0, done));
      const object = this.pieces.join("");
      this.pieces = [];
      if (done !== TOO_DEEP && this.deliver(object)) {
        this.skipped += Buffer.byteLength(object, "utf8");
        this.mode = Mode.Between;
        p = fastFrom = prevEnd = done;
      } else {
        // The walker reads the object from its "{".
        s = done === TOO_DEEP ? object + text : object + text.slice(done);
        this.resumeWalker();
      }
    }
    /** False after a refused run: the rest of this text goes element by element. */
    let runs = true;
    this.keyAt = -2;
    while (p < s.length && !this.walker.error) {
      if (this.mode === Mode.Pass) {
        MESSAGES_KEY.lastIndex = p;
        const m = MESSAGES_KEY.exec(s);
        if (!m) {
          const cut = Math.max(p, s.length - HOLD);
          this.feedWalker(s.slice(p, cut));
          this.carry = s.slice(cut);
          return;
        }
        const end = m.index + m[0].length;
        this.feedWalker(s.slice(p, end));
        p = end;
        const at = enabled ? this.walker.openMessages() : undefined;
        if (at) {
          this.mode = Mode.Between;
          this.index = 0;
          this.expectComma = false;
          this.pointer = at.pointer;
          this.slot = at.chat;
          this.sep = undefined;
          this.runFailures = 0;
          runs = true;
          fastFrom = p;
        }
        continue;
      }
      if (this.mode === Mode.Between) {
        const c = s.charCodeAt(p);
        if (c === 32 || c === 10 || c === 13 || c === 9) {
          p++;
          continue;
        }
        if (c === 44 && this.expectComma) {
          this.expectComma = false;
          p++;
          continue;
        }
        if (c === 123 && !this.expectComma) {
          if (runs && this.index > 0) {
            if (this.sep === undefined) {
              if (prevEnd > 0) {
                this.sep = s.slice(prevEnd - 1, p + 1);
              }
            } else {
              const cut = this.runEnd(s, p);
              if (cut > 0) {
                let done = this.deliverRun(s.slice(p, cut)) ? cut : 0;
                if (done === 0 && !this.keyGuard) {
                  // Perhaps the run reached into a later chat's array: from now on runs stop before a "messages" key.
                  this.keyGuard = true;
                  const again = this.runEnd(s, p);
                  if (again > 0 && this.deliverRun(s.slice(p, again))) done = again;
                }
                if (done > 0) {
                  p = done;
                  continue;
                }
                runs = ++this.runFailures < MAX_RUN_FAILURES;
              }
            }
          }
          this.mode = Mode.Object;
          this.depth = 0;
          this.inString = false;
          this.digits = 0;
          this.big = false;
          // Scan the object from its "{" (the pieces hold it from here on if the chunk ends first).
          const done = this.scanObject(s, p);
          if (done === TOO_DEEP) {
            this.skipped += byteLength(s, fastFrom, p);
            this.resumeWalker();
            continue;
          }
          if (done < 0) {
            this.skipped += byteLength(s, fastFrom, p);
            this.pieces = [s.slice(p)];
            return;
          }
          if (!this.deliver(s.slice(p, done))) {
            this.skipped += byteLength(s, fastFrom, p);
            this.resumeWalker();
            continue;
          }
          this.mode = Mode.Between;
          p = done;
          prevEnd = done;
          continue;
        }
        // "]" (the array ends), or anything unexpected: the walker goes on from here.
        this.skipped += byteLength(s, fastFrom, p);
        this.resumeWalker();
        continue;
      }
    }
    if (this.mode === Mode.Between && fastFrom >= 0) this.skipped += byteLength(s, fastFrom, s.length);
  }

  /** Ends the input: whatever is held goes to the walker, which judges an unfinished object. */
  end(): void {
    const rest = this.mode === Mode.Object ? this.pieces.join("") : this.carry;
    this.carry = "";
    this.pieces = [];
    if (this.mode !== Mode.Pass) this.resumeWalker();
    this.feedWalker(rest);
  }

  private feedWalker(text: string): void {
    if (text !== "") this.walker.write(text);
  }

  private resumeWalker(): void {
    this.walker.resumeMessages(this.index, this.expectComma, this.skipped);
    this.skipped = 0;
    this.mode = Mode.Pass;
  }

  /**
   * Scans an object from `from` (its "{" or a resume point); returns the index just after its closing
   * "}", -1 when the text ends first (the scan state is kept for the next chunk), or TOO_DEEP.
   */
  private scanObject(s: string, from: number): number {
    let i = from;
    let depth = this.depth;
    let inString = this.inString;
    let digits = this.digits;
    const n = s.length;
    while (i < n) {
      if (inString) {
        const q = s.indexOf('"', i);
        if (q < 0) {
          i = n;
          break;
        }
        i = q + 1;
        // A quote after an odd run of backslashes is escaped. The run never reaches past the opening quote,
        // nor into an earlier text: the \x filter (escapes.ts) holds a trailing backslash run back until the
        // next chunk, so no text handed on ends in one.
        let b = q - 1;
        while (b >= 0 && s.charCodeAt(b) === 92) b--;
        if ((q - 1 - b) % 2 === 0) inString = false;
        continue;
      }
      const c = s.charCodeAt(i++);
      if (c >= 48 && c <= 57) {
        if (++digits >= 16) this.big = true;
        continue;
      }
      // An exponent may overflow to Infinity (`1e400`): quoteBigIntegers keeps such a literal as text.
      if ((c === 101 || c === 69) && digits > 0) this.big = true;
      digits = 0;
      if (c === 34) inString = true;
      else if (c === 123 || c === 91) {
        // Deeper than any real message: the walker (no recursion) judges it, as without the fast path.
        if (++depth > MAX_DEPTH) return TOO_DEEP;
      }
      else if (c === 125 || c === 93) {
        if (--depth === 0) {
          this.depth = 0;
          this.inString = false;
          this.digits = 0;
          return i;
        }
      }
    }
    this.depth = depth;
    this.inString = inString;
    this.digits = digits;
    return -1;
  }

  /**
   * Where a run of whole messages starting at `from` (a message's "{") may end: just after the "}" of
   * the last separator in `s` within {@link RUN_CHARS}, kept before the next `"messages"` key (in a full-account export the
   * last separator of a chunk may lie in a later chat's array); 0 when there is no such run.
   */
  private runEnd(s: string, from: number): number {
    const sep = this.sep!;
    let q = s.lastIndexOf(sep, from + RUN_CHARS);
    if (q <= from) return 0;
    if (!this.keyGuard) return q + 1;
    if (this.keyAt === -2 || (this.keyAt !== -1 && this.keyAt < from)) this.keyAt = s.indexOf('"messages"', from);
    const key = this.keyAt;
    if (key !== -1 && key < q) q = s.lastIndexOf(sep, key);
    return q > from ? q + 1 : 0;
  }

  /** Parses a run of message objects and hands them to the session; false when the run is refused. */
  private deliverRun(run: string): boolean {
    const values = parseRun(run);
    if (!values) return false;
    for (let i = 0; i < values.length; i++) {
      const index = this.index++;
      this.handler.message(this.slot!, index, values[i]!, `${this.pointer}/${index}`);
    }
    this.expectComma = true;
    this.fastMessages += values.length;
    fastStats.delivered += values.length;
    fastStats.inRuns += values.length;
    return true;
  }

  /** Parses one message object and hands it to the session; false when JSON.parse refuses it. */
  private deliver(text: string): boolean {
    let value: Json;
    try {
      value = (this.big ? JSON.parse(quoteBigIntegers(text)) : JSON.parse(text)) as Json;
    } catch {
      return false;
    }
    const index = this.index++;
    this.expectComma = true;
    this.fastMessages++;
    fastStats.delivered++;
    this.handler.message(this.slot!, index, value, `${this.pointer}/${index}`);
    return true;
  }
}

function byteLength(s: string, from: number, to: number): number {
  if (from < 0 || to <= from) return 0;
  return Buffer.byteLength(from === 0 && to === s.length ? s : s.slice(from, to), "utf8");
}
