/**
 * Streams the HTML part through htmlparser2 (a tolerant HTML tokenizer: unquoted attributes, upper-case
 * `IMG`, implied end tags — formats-cn.md §2.2) and hands out one small tree per top-level table row
 * `<tr>`, with its exact source text and line. Only the row being built and the unparsed tail of the
 * last chunk are held, so the part is never in memory whole.
 */
import type { Parser } from "htmlparser2";
import { deepenParserStacks } from "./deep-stack.js";

// htmlparser2 is loaded when an MHT file is read (loadHtmlParser), not when chatport starts.
let ParserClass: typeof Parser | undefined;

/** Loads htmlparser2 once; {@link RowCollector} needs it. */
export async function loadHtmlParser(): Promise<void> {
  ParserClass ??= (await import("htmlparser2")).Parser;
}

/** An element of a row's tree. */
export interface HElement {
  name: string;
  attribs: Record<string, string>;
  children: HNode[];
}
/** A node: an element or a text run (entities already decoded). */
export type HNode = HElement | string;

/** One table row of the chat table. */
export interface Row {
  tree: HElement;
  /** The row's HTML exactly as in the part. */
  raw: string;
  /** 1-based line of the row's start inside the decoded part. */
  line: number;
  /**
   * Elements nested deeper than {@link MAX_ROW_DEPTH} in this row, which were not built: their text went
   * to the element above them, in order (hostile input; QQ nests about ten deep).
   */
  flattened?: number;
}

/** Elements of a row's tree nest at most this deep; deeper ones are flattened ({@link Row.flattened}). */
export const MAX_ROW_DEPTH = 64;

/** Callbacks of {@link RowCollector}. */
export interface RowSink {
  row(row: Row): void;
  /** Text or elements outside any row, other than the page head and whitespace; `why` when it is not plain stray text. */
  stray(raw: string, line: number, why?: string): void;
}

const STRAY_CAP = 1 << 20;
const BOGUS = "&get;";
const BOGUS_FIX = "&#62;";

// Elements whose text outside rows is page furniture, not chat content.
const FURNITURE = new Set(["head", "title", "style", "script"]);

/** Push parser: `write` decoded text chunks in order, then `end`. */
export class RowCollector {
  private readonly parser: Parser;
  private buf = "";
  private bufBase = 0;
  private cursorAbs = 0;
  private cursorLine = 1;
  private lastEnd = 0;
  private tables = 0;
  private outside: string[] = [];
  /** Furniture elements (head, style, …) among `outside`. */
  private furniture = 0;
  private row: { start: number; stack: HElement[]; flat: number; flattened: number } | undefined;
  /** The parser's stacks were swapped for ones that stay fast however deep elements nest. */
  private deepened = false;
  private strayStart = -1;

  constructor(private readonly sink: RowSink) {
    if (!ParserClass) throw new Error("htmlparser2 is not loaded (call loadHtmlParser first)");
    this.parser = new ParserClass(
      {
        onopentag: (name, attribs) => this.open(name, attribs),
        onclosetag: (name) => this.close(name),
        ontext: (text) => this.text(text),
        oncomment: (data) => this.comment(data),
        onprocessinginstruction: () => this.mark(),
      },
      { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
    );
  }

  /** Feeds the next decoded text chunk. */
  write(text: string): void {
    this.buf += text;
    this.parser.write(this.repair(text));
    this.trim();
  }

  /** Ends the input; an unclosed last row is still handed out. */
  end(): void {
    if (this.held) this.parser.write(this.held);
    this.held = "";
    this.parser.end();
    if (this.row) this.finishRow(this.bufBase + this.buf.length - 1);
    this.flushStray(this.bufBase + this.buf.length);
  }

  private held = "";

  /**
   * QQ writes the bogus entity `&get;` for ">" (formats-cn.md §2.2; a user's own "&get;" is escaped as
   * `&amp;get;` and stays text). The parser sees the same-length `&#62;` so its indices still match
   * the kept source text; a chunk ending in a prefix of `&get;` is held back until the next chunk.
   */
  private repair(text: string): string {
    let t = this.held + text;
    this.held = "";
    const amp = t.lastIndexOf("&");
    if (amp >= 0 && t.length - amp < BOGUS.length && BOGUS.startsWith(t.slice(amp))) {
      this.held = t.slice(amp);
      t = t.slice(0, amp);
    }
    return t.includes(BOGUS) ? t.split(BOGUS).join(BOGUS_FIX) : t;
  }

  /**
   * A comment is skipped; one that holds table rows is reported: an export writes none, and a `<!--`
   * that is never closed hides every row after it (the rows are not in the HTML a browser shows either).
   */
  private comment(data: string): void {
    if (/<tr[\s>]/i.test(data)) {
      const rows = data.match(/<tr[\s>]/gi)!.length;
      this.sink.stray(`<!--${data.length > 200 ? data.slice(0, 200) + "…" : data}`, this.lineAt(this.parser.startIndex), `An HTML comment holds ${rows} table row(s) (${data.length} characters; a "<!--" never closed hides everything after it): they are not read as messages.`);
    }
    this.mark();
  }

  private mark(): void {
    this.lastEnd = this.parser.endIndex + 1;
  }

  /** 1-based line of an absolute character index (indices only move forward). */
  private lineAt(abs: number): number {
    if (abs < this.cursorAbs) return this.cursorLine;
    let i = this.cursorAbs - this.bufBase;
    const stop = abs - this.bufBase;
    let n = this.cursorLine;
    while ((i = this.buf.indexOf("\n", i)) !== -1 && i < stop) {
      n++;
      i++;
    }
    this.cursorAbs = abs;
    this.cursorLine = n;
    return n;
  }

  private trim(): void {
    // Text outside rows is reported, not kept: cap it so a page that is not a chat table stays small.
    if (!this.row && this.strayStart >= 0 && this.bufBase + this.buf.length - this.strayStart > STRAY_CAP) this.flushStray(this.lastEnd);
    let keep = this.row ? this.row.start : this.lastEnd;
    if (this.strayStart >= 0) keep = Math.min(keep, this.strayStart);
    if (keep <= this.bufBase) return;
    this.lineAt(keep);
    this.buf = this.buf.slice(keep - this.bufBase);
    this.bufBase = keep;
  }

  private slice(from: number, toInclusive: number): string {
    return this.buf.slice(Math.max(0, from - this.bufBase), toInclusive + 1 - this.bufBase);
  }

  private open(name: string, attribs: Record<string, string>): void {
    const start = this.parser.startIndex;
    this.mark();
    if (this.row) {
      if (this.row.stack.length >= MAX_ROW_DEPTH) {
        // Not built: its text joins the element above. The tree stays shallow for the recursive walks
        // over it, and the parser's own stack is made fast for the depth it is reaching.
        this.row.flat++;
        this.row.flattened++;
        this.deepen();
        return;
      }
      const el: HElement = { name, attribs, children: [] };
      this.row.stack[this.row.stack.length - 1]!.children.push(el);
      this.row.stack.push(el);
      return;
    }
    if (name === "tr" && this.tables <= 1) {
      this.flushStray(start);
      this.row = { start, stack: [{ name, attribs, children: [] }], flat: 0, flattened: 0 };
      return;
    }
    if (name === "table") this.tables++;
    else if (!FURNITURE.has(name) && !["html", "body", "meta", "link", "tbody", "thead", "tfoot", "colgroup", "col"].includes(name) && this.strayStart < 0)
      this.strayStart = start;
    this.outside.push(name);
    if (FURNITURE.has(name)) this.furniture++;
    if (this.outside.length >= MAX_ROW_DEPTH) this.deepen();
  }

  private deepen(): void {
    if (this.deepened) return;
    this.deepened = true;
    deepenParserStacks(this.parser);
  }

  private close(name: string): void {
    this.mark();
    if (this.row) {
      // The parser closes every element it opened, innermost first: flattened ones close first.
      if (this.row.flat > 0) {
        this.row.flat--;
        return;
      }
      const stack = this.row.stack;
      if (stack.length === 1 && name === "tr") {
        this.finishRow(this.parser.endIndex);
        return;
      }
      if (stack.length > 1) stack.pop();
      return;
    }
    if (this.outside[this.outside.length - 1] === name) {
      if (FURNITURE.has(this.outside.pop()!)) this.furniture--;
    } else {
      const i = this.outside.lastIndexOf(name);
      if (i >= 0) {
        this.outside.length = i;
        this.furniture = this.outside.filter((n) => FURNITURE.has(n)).length;
      }
    }
    if (name === "table") this.tables = Math.max(0, this.tables - 1);
  }

  private text(text: string): void {
    const start = this.parser.startIndex;
    this.mark();
    if (this.row) {
      const top = this.row.stack[this.row.stack.length - 1]!;
      const last = top.children[top.children.length - 1];
      if (typeof last === "string") top.children[top.children.length - 1] = last + text;
      else top.children.push(text);
      return;
    }
    if (this.furniture > 0 || text.trim() === "") return;
    if (this.strayStart < 0) this.strayStart = start;
  }

  private finishRow(endInclusive: number): void {
    const r = this.row!;
    this.row = undefined;
    const line = this.lineAt(r.start);
    this.sink.row({ tree: r.stack[0]!, raw: this.slice(r.start, endInclusive), line, ...(r.flattened ? { flattened: r.flattened } : {}) });
  }

  private flushStray(before: number): void {
    if (this.strayStart < 0) return;
    const raw = this.slice(this.strayStart, before - 1);
    const line = this.lineAt(this.strayStart);
    this.strayStart = -1;
    const cleaned = raw.replace(/<\/?(?:table|tbody|body|html)\b[^>]*>/gi, "").trim();
    if (cleaned !== "") this.sink.stray(raw.trim(), line);
  }
}
