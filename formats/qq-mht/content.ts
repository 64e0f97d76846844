/**
 * Turns the content cell of a message row into plain text: font/colour/bold runs become their text,
 * `<br>` a line break, block elements a line break between blocks, `<IMG src>` an image reference
 * (formats-cn.md §2.2 item 6). Faces such as `/托腮`, `[表情]` or named faces are text in the export and
 * stay text. `&nbsp;` becomes a plain space (HTML needs it to keep runs of spaces; the TXT export writes
 * spaces).
 */
import type { HElement, HNode } from "./html-rows.js";

/** One run of a message body, in order: text or an image reference. */
export type Run = { type: "text"; text: string } | { type: "image"; src: string };

/** A flattened content cell. */
export interface Flattened {
  text: string;
  /** Text and images in order (only interesting when there are images). */
  runs: Run[];
  /** `src` of every `<img>`, in order. */
  images: string[];
  /** Element names the reader does not know (their text is kept). */
  unknownTags: string[];
  /** The cell holds a nested table (a forwarded / merged-message block, §2.2 item 7). */
  hasTable: boolean;
}

// Elements whose only meaning is presentation: their text is kept, the markup dropped.
const INLINE = new Set(["font", "b", "i", "u", "s", "strike", "em", "strong", "span", "a", "small", "big", "sub", "sup", "nobr", "tt", "code", "label", "wbr"]);
// Elements that separate lines.
const BLOCK = new Set(["div", "p", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "ol", "li", "blockquote", "center", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "hr"]);

/** Normalises a decoded text run: NBSP → space, CRLF/CR → LF. */
export function normText(s: string): string {
  return s.replace(/\u00a0/g, " ").replace(/\r\n?/g, "\n");
}

class TextBuilder {
  runs: Run[] = [];
  images: string[] = [];
  unknown = new Set<string>();
  hasTable = false;
  private pendingBreak = false;
  private hasContent = false;

  text(s: string): void {
    if (s === "") return;
    this.flushBreak();
    const last = this.runs[this.runs.length - 1];
    if (last?.type === "text") last.text += s;
    else this.runs.push({ type: "text", text: s });
    this.hasContent = true;
  }

  hardBreak(): void {
    this.text("\n");
  }

  softBreak(): void {
    if (this.hasContent) this.pendingBreak = true;
  }

  image(src: string): void {
    this.flushBreak();
    this.runs.push({ type: "image", src });
    this.images.push(src);
    this.hasContent = true;
  }

  private flushBreak(): void {
    if (!this.pendingBreak) return;
    this.pendingBreak = false;
    const last = this.runs[this.runs.length - 1];
    if (last?.type === "text" && last.text.endsWith("\n")) return;
    if (last?.type === "text") last.text += "\n";
    else this.runs.push({ type: "text", text: "\n" });
  }

  walk(nodes: HNode[]): void {
    for (const n of nodes) {
      if (typeof n === "string") {
        this.text(normText(n));
        continue;
      }
      this.element(n);
    }
  }

  private element(el: HElement): void {
    const name = el.name;
    if (name === "br") return this.hardBreak();
    if (name === "img") return this.image(el.attribs.src ?? "");
    if (BLOCK.has(name)) {
      if (name === "table") this.hasTable = true;
      this.softBreak();
      this.walk(el.children);
      this.softBreak();
      return;
    }
    if (!INLINE.has(name)) this.unknown.add(name);
    this.walk(el.children);
  }
}

/** Flattens content nodes (the cells after the message header) into text, images and findings. */
export function flatten(nodes: HNode[]): Flattened {
  const b = new TextBuilder();
  b.walk(nodes);
  const text = b.runs.map((r) => (r.type === "text" ? r.text : "")).join("");
  return { text, runs: b.runs, images: b.images, unknownTags: [...b.unknown], hasTable: b.hasTable };
}

/** The plain text of nodes (block breaks and `<br>` as LF), for classifying rows. */
export function plainText(nodes: HNode[]): string {
  return flatten(nodes).text;
}
