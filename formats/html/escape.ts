import { ownedString } from "../../src/io/owned-string.js";

const NEEDS_ESCAPE = /[&<>"']/;

/** Escapes text for HTML element content and double-quoted attributes: a message is never markup. */
export function escapeHtml(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;"));
}

/**
 * Escaped forms of strings that repeat from message to message (sender names and ids, file names,
 * kinds), kept in a bounded map: escaping them again was ~0.25 s of QQ TXT 1M → html. Keys and values
 * are owned copies, so a name sliced from an input chunk does not keep the chunk alive.
 */
export class EscapeMemo {
  private readonly map = new Map<string, string>();
  constructor(private readonly limit = 4096) {}
  /** escapeHtml(s), remembered. */
  get(s: string): string {
    let v = this.map.get(s);
    if (v === undefined) {
      v = ownedString(escapeHtml(s));
      if (this.map.size >= this.limit) this.map.clear();
      this.map.set(ownedString(s), v);
    }
    return v;
  }
}

/**
 * A CSS string literal (with its quotes) for `content:` inside a `<style>` element. Every ASCII character
 * other than letters, digits, space and `.,:;-_/#()` becomes a 6-digit hex escape ended by a space, so `"`, `\`, `<`
 * (no `</style>`) and line breaks cannot end the string or the element; control and line/paragraph
 * separator characters too.
 */
export function cssString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const plain = cp > 0x9f ? cp !== 0x2028 && cp !== 0x2029 : /[A-Za-z0-9 .,:;\-_/#()]/.test(ch);
    // The space after the escape ends it (CSS eats one whitespace after a hex escape), so a real space
    // that follows survives.
    out += plain ? ch : "\\" + cp.toString(16).padStart(6, "0") + " ";
  }
  return out + '"';
}

/** Cuts a string to at most `n` code points, adding "…" when cut. */
export function clip(s: string, n: number): string {
  if (s.length <= n) return s; // never more code points than UTF-16 units: no array needed (per message)
  const cps = Array.from(s);
  return cps.length <= n ? s : cps.slice(0, n).join("") + "…";
}
