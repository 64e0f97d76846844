/** The stylesheet: screen and print, no web fonts, no network (system CJK and emoji fonts by name). */
export const STYLE = `
:root { --fg:#1b1b1b; --muted:#5f6368; --line:#d9d9d9; --accent:#0b57d0; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif,"Noto Color Emoji","Apple Color Emoji","Segoe UI Emoji"; color: var(--fg); margin: 0 auto; max-width: 60rem; padding: 1.5rem; line-height: 1.45; }
h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--fg); padding-bottom: .2rem; }
table.facts { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
table.facts th, table.facts td { text-align: left; vertical-align: top; padding: .15rem .6rem .15rem 0; }
table.facts td.hash, code { font-family: ui-monospace,"DejaVu Sans Mono",monospace; font-size: .8rem; word-break: break-all; }
.msg { border-top: 1px solid var(--line); padding: .4rem 0; break-inside: avoid; page-break-inside: avoid; display: grid; grid-template-columns: 4.5rem 1fr; column-gap: .6rem; }
.msg .no { color: var(--muted); font-variant-numeric: tabular-nums; font-size: .85rem; }
.msg .meta { font-size: .85rem; color: var(--muted); }
.msg .meta .sender { color: var(--fg); font-weight: 600; }
.msg .meta .sid { font-family: ui-monospace,monospace; font-size: .75rem; }
.msg .text { white-space: pre-wrap; overflow-wrap: anywhere; margin-top: .15rem; }
.msg.system .text { color: var(--muted); font-style: italic; }
.placeholder { display: inline-block; border: 1px dashed var(--muted); color: var(--muted); padding: 0 .3rem; font-size: .8rem; margin: .15rem .3rem 0 0; }
.kind { font-size: .75rem; border: 1px solid var(--line); border-radius: 3px; padding: 0 .25rem; margin-left: .3rem; }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 2rem; border-top: 2px solid var(--fg); font-size: .85rem; }
@page { size: A4; margin: 18mm 15mm 20mm; }
@media print { body { max-width: none; padding: 0; } h2 { break-after: avoid; } }
`;
