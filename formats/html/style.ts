import { cssString, isolatedPrefix } from "./escape.js";

/** Font stacks by name only (no web fonts, no network): CJK first, then emoji, for text and margin boxes. */
// Latin faces first (they hold no Han or emoji glyphs), then CJK, then colour emoji, then DejaVu for
// other scripts (Arabic, Cyrillic …) — DejaVu holds monochrome emoji, so it must come after the emoji font.
const FONTS = `Arial,"Liberation Sans","Helvetica Neue","Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei","Noto Color Emoji","Apple Color Emoji","Segoe UI Emoji","DejaVu Sans",sans-serif`;
const MONO = `ui-monospace,"DejaVu Sans Mono","Noto Sans Mono CJK SC",monospace`;

/**
 * The stylesheet: screen and print (audit-outputs.md §2.1–2.2). Long words wrap (`overflow-wrap`): a
 * sender name of 3,000 letters ran off the printed page, and in the cover's participant table pushed the
 * id column off it. Cells of source strings (`dir=auto`) take `anywhere`, as only that lets a table
 * narrow below its longest word; headers keep whole words.
 */
export const STYLE = `
:root { --fg:#1b1b1b; --muted:#5f6368; --line:#d0d0d0; --warn:#8a1c1c; }
* { box-sizing: border-box; }
body { font-family: ${FONTS}; color: var(--fg); margin: 0 auto; max-width: 62rem; padding: 1.5rem; line-height: 1.45; font-size: 11pt; overflow-wrap: break-word; }
h1 { font-size: 1.45rem; margin: 0 0 .4rem; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 .5rem; border-bottom: 2px solid var(--fg); padding-bottom: .2rem; break-after: avoid; }
h3 { font-size: 1rem; margin: 1.1rem 0 .3rem; break-after: avoid; }
.zh { color: var(--muted); font-weight: normal; font-size: .85em; }
table.facts { border-collapse: collapse; margin: .4rem 0 .9rem; font-size: .85rem; width: 100%; }
table.facts th, table.facts td { text-align: left; vertical-align: top; padding: .15rem .5rem .15rem 0; border-bottom: 1px solid var(--line); }
table.facts td[dir=auto] { overflow-wrap: anywhere; }
table.facts thead th { border-bottom: 1.5px solid var(--fg); }
table.facts td.n { text-align: right; font-variant-numeric: tabular-nums; }
table.facts td.nw { white-space: nowrap; }
code, .hash, .mono { font-family: ${MONO}; font-size: .8em; overflow-wrap: anywhere; }
.cover { break-after: page; }
.cover .volume { font-size: 1.05rem; font-weight: 600; border: 1.5px solid var(--fg); display: inline-block; padding: .1rem .5rem; margin: .3rem 0; }
.cover p.note { font-size: .85rem; }
.conversation > h2 .cid { font-size: .75rem; font-weight: normal; color: var(--muted); }
.msg { border-top: 1px solid var(--line); padding: .35rem 0; break-inside: avoid; page-break-inside: avoid; display: flex; gap: .6rem; }
.msg .no { flex: 0 0 4.2rem; color: var(--muted); font-variant-numeric: tabular-nums; font-size: .85rem; font-family: ${MONO}; }
.msg .body { flex: 1 1 auto; min-width: 0; }
.msg .meta { font-size: .85rem; }
.msg .meta time { font-variant-numeric: tabular-nums; }
.msg .meta .sender { font-weight: 600; }
.msg .meta .sid { font-family: ${MONO}; font-size: .75rem; color: var(--muted); }
.zu { color: var(--warn); font-weight: 600; }
.assumed { color: var(--muted); font-style: italic; }
.msg .text { white-space: pre-wrap; overflow-wrap: anywhere; margin-top: .15rem; }
.msg.system .text { color: var(--muted); font-style: italic; }
.msg .prov { font-size: .7rem; color: var(--muted); margin-top: .1rem; overflow-wrap: anywhere; }
.placeholder { display: inline-block; border: 1px dashed var(--muted); color: var(--muted); padding: 0 .3rem; font-size: .8rem; margin: .15rem .3rem 0 0; }
.placeholder.alert { border-color: var(--warn); color: var(--warn); font-weight: 600; }
.ctl { font-family: ${MONO}; font-size: .7em; border: 1px solid var(--muted); border-radius: 2px; padding: 0 .1em; margin: 0 .05em; }
.kind { font-size: .72rem; border: 1px solid var(--line); border-radius: 3px; padding: 0 .25rem; margin-left: .3rem; }
.reply, .fwd { border-left: 3px solid var(--line); padding: .05rem .5rem; margin: .15rem 0; font-size: .85rem; color: #333; }
.reply q { white-space: pre-wrap; }
.att { margin: .2rem 0; font-size: .8rem; }
.att img { display: block; max-width: 60%; max-height: 9cm; border: 1px solid var(--line); margin: .15rem 0; }
.inner { border-left: 2px solid var(--line); padding-left: .6rem; margin-top: .3rem; }
.reactions { font-size: .8rem; color: var(--muted); }
.cont { color: var(--muted); font-style: italic; font-size: .85rem; }
footer { margin-top: 2rem; border-top: 2px solid var(--fg); font-size: .85rem; }
footer .complete { font-weight: 600; }
@media print { body { max-width: none; padding: 0; } a { color: inherit; text-decoration: none; } }
`;

/** What the printed page shows around the content. */
export interface PageFrame {
  /** Running header, left: the export's title. */
  title: string;
  /** Running header, right: e.g. "Volume 2 of 3". */
  volumeLabel: string;
  /** Footer, left: tool and source hash. */
  footer: string;
  bates?: { prefix: string; start: number };
}

/**
 * The `@page` rules: A4, a running header, "Page X of Y" in the footer, optional Bates numbers. Bates
 * uses its own page-context counter, so the page counter (and "Page X of Y") stays 1-based; the first
 * page's increment sets the start (audit-outputs.md §2.2: `@page :first { counter-increment: … N }`).
 */
export function pageCss(f: PageFrame): string {
  const box = `font-family: ${FONTS}; font-size: 8pt; color: #444;`;
  return `
@page { size: A4; margin: 17mm 14mm 18mm;
  @top-left { content: ${cssString(f.title)}; ${box} }
  @top-right { content: ${cssString(f.volumeLabel)}; ${box} }
  @bottom-left { content: ${cssString(f.footer)}; ${box} }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); ${box} }
${f.bates ? batesCss(f.bates.prefix, f.bates.start) : ""}}
${f.bates ? batesStartCss(f.bates.start) : ""}`;
}

/** The Bates margin box and its counter (inside `@page { … }`). */
export function batesCss(prefix: string, _start: number): string {
  return `  counter-increment: bates;
  @bottom-right { content: ${cssString(isolatedPrefix(prefix))} counter(bates, bates); font-family: ${MONO}; font-size: 9pt; font-weight: bold; color: #000; }
`;
}

/** Sets the first page's Bates number (the PDF writer re-states it per volume to continue the sequence). */
export function batesStartCss(start: number): string {
  return `@counter-style bates { system: numeric; symbols: "0" "1" "2" "3" "4" "5" "6" "7" "8" "9"; pad: 6 "0"; }
@page :first { counter-increment: bates ${Math.max(0, Math.floor(start))}; }
`;
}
