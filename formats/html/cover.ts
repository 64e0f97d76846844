import { DIAGNOSTIC_CODES, type DiagnosticCode } from "../../src/diagnostics/codes.js";
import { describeBasis } from "../../src/model/display.js";
import { conversationCountOf, conversationsOf, participantCountOf, participantsOf } from "../../src/plugin/archive-lists.js";
import { sourcesOf } from "../../src/plugin/archive-sources.js";
import type { ArchiveInfo, ArchiveTotals, ConversationStats } from "../../src/plugin/types.js";
import { conversationSumOf } from "../../src/pipeline/stats.js";
import { escapeHtml as e } from "./escape.js";

/** Which volume a cover introduces. */
export interface VolumeInfo {
  index: number;
  /** Undefined when the totals are not known. */
  count: number | undefined;
  /** Global message range of this volume (1-based, inclusive), when known. */
  first?: number;
  last?: number;
  batesNote?: string;
  /** The conversation, diagnostic and participant tables follow the messages instead (they did not fit before them). */
  tablesAtEnd?: boolean;
}

/**
 * The cover sheet: what was read (files, SHA-256, reader), how times are to be read, what is in the
 * export (counts, date range, participants), what went wrong (diagnostics) and how to check it all.
 */
export function renderCover(info: ArchiveInfo, vol: VolumeInfo): string {
  return [...coverPieces(info, vol)].join("");
}

/**
 * {@link renderCover} in pieces, a table row each: its tables have a row per source file, conversation
 * and participant, and an export of 100,000 conversations made a cover of tens of MB, held whole twice over.
 */
export function* coverPieces(info: ArchiveInfo, vol: VolumeInfo): Generator<string> {
  const t = info.totals;
  const sum = t ? totalsSum(t) : undefined;
  const parts: string[] = [];
  parts.push(`<section class="cover">\n<h1>Chat export — evidence copy <span class="zh">聊天记录导出（证据副本）</span></h1>\n`);
  if (vol.count === undefined || vol.count > 1)
    parts.push(`<div class="volume">Volume ${vol.index}${vol.count ? ` of ${vol.count}` : ""}${vol.first !== undefined && vol.last !== undefined && t ? ` — messages ${vol.first}–${vol.last} of ${t.messages}` : ""}</div>\n`);
  parts.push(`<table class="facts"><tbody>`);
  parts.push(row("Generated", `${e(info.generatedAt)} by ${e(info.generator.name)} ${e(info.generator.version)}`));
  const readers = new Set<string>();
  for (const s of sourcesOf(info)) readers.add(`${s.reader} ${s.readerVersion}${s.variant ? ` (${s.variant})` : ""}`);
  parts.push(row("Read with", e([...readers].join(", ") || "—")));
  parts.push(row("Time zone policy", e(zonePolicyText(info.zonePolicy.assumedZone))));
  if (t && sum) {
    parts.push(row("Date range", e(dateRange(sum))));
    parts.push(row("Totals", e(`${conversationCountOf(t)} conversation(s), ${t.messages} message(s), ${participantCountOf(t)} participant(s)`)));
    parts.push(row("Placeholders", e(`${sum.recalled} recalled, ${sum.deleted} deleted, attachments: ${sum.attachments.present} present, ${sum.attachments.missing} missing, ${sum.attachments.omitted} left out by the export`)));
  }
  parts.push(`</tbody></table>\n`);

  parts.push(`<h2>Source files <span class="zh">源文件</span></h2>\n<table class="facts"><thead><tr><th>File</th><th>Bytes</th><th>SHA-256 (before reading)</th><th>Reader</th></tr></thead><tbody>`);
  // A row a piece: a folder input has a source per file (100,000 rows are ~20 MB).
  yield parts.join("");
  parts.length = 0;
  for (const s of sourcesOf(info))
    yield `<tr><td dir="auto">${e(s.path)}</td><td class="n">${s.bytes}</td><td class="hash">${e(s.sha256)}</td><td class="nw">${e(s.reader)} ${e(s.readerVersion)}</td></tr>`;
  parts.push(`</tbody></table>\n`);

  parts.push(`<h2>How to check this document <span class="zh">校验方法</span></h2>\n<p class="note">The manifest written beside this file (<code>&lt;file&gt;.manifest.json</code>) lists the SHA-256 of every input and output file, the tool and its settings, the counts and every diagnostic. Run <code>chatport verify &lt;file&gt;.manifest.json</code> to re-hash them.${vol.batesNote ? ` ${e(vol.batesNote)}` : ""}</p>\n`);
  if (t && sum) {
    parts.push(`<h2>How times are shown <span class="zh">时间说明</span></h2>\n<table class="facts"><thead><tr><th>Basis</th><th>Messages</th><th>Meaning</th></tr></thead><tbody>`);
    const bases = sum.byBasis;
    for (const b of Object.keys(bases).sort())
      parts.push(`<tr><td>${e(b)}</td><td class="n">${bases[b]}</td><td>${e(describeBasis({ basis: b as "exact", zone: info.zonePolicy.assumedZone }))}</td></tr>`);
    parts.push(`</tbody></table>\n<p class="note">Every message shows its full date and time with the UTC offset, or the words <span class="zu">zone unknown</span> when the source gives no zone and none was assumed.</p>\n`);
    if (vol.tablesAtEnd)
      parts.push(`<p class="note">The tables of conversations, diagnostics and participants are at the end of this document, after the messages: they were longer than the room left for them here.</p>\n`);
    else {
      yield parts.join("");
      parts.length = 0;
      yield* coverTablePieces(t);
    }
  } else parts.push(`<p class="note">Totals were not computed for this output.</p>\n`);
  parts.push(`</section>\n`);
  yield parts.join("");
}

/** The cover's tables of conversations, diagnostics and participants, a row per piece. */
export function* coverTablePieces(t: ArchiveTotals): Generator<string> {
  yield* conversationTable(t);
  yield renderDiagnosticSummary(t);
  yield* participantTable(t);
}

/**
 * True when the cover's tables ({@link coverTablePieces}) take at most `room` UTF-8 bytes, measured piece
 * by piece and given up as soon as they pass it (tables of 100,000 conversations are tens of MB).
 */
export function coverTablesFit(t: ArchiveTotals, room: number): boolean {
  let n = 0;
  for (const p of coverTablePieces(t)) if ((n += Buffer.byteLength(p, "utf8")) > room) return false;
  return true;
}

/**
 * The counters of all conversations, summed once per totals: a cover is measured and written a few
 * times over, and without a sum kept by the pipeline the conversations are read back to add them up.
 */
function totalsSum(t: ArchiveTotals): ConversationStats {
  let sum = sums.get(t);
  if (!sum) {
    sum = conversationSumOf(t);
    sums.set(t, sum);
  }
  return sum;
}

const sums = new WeakMap<ArchiveTotals, ConversationStats>();

function row(label: string, html: string): string {
  return `<tr><th>${e(label)}</th><td>${html}</td></tr>`;
}

/** The zone policy in one sentence. */
export function zonePolicyText(assumedZone: string | undefined): string {
  return assumedZone
    ? `wall-clock times without a zone in the source were read as ${assumedZone} (--tz): an assumption made when converting, not a statement of the source; times the source gives as instants or with an offset are shown as given`
    : "no zone was assumed: wall-clock times without a zone in the source are shown as written and marked “zone unknown”; times the source gives as instants or with an offset are shown with that offset";
}

/** The date range in words: instants in UTC, and wall clocks without a zone apart (they cannot be compared). */
export function dateRange(s: ConversationStats): string {
  const parts: string[] = [];
  if (s.firstInstant && s.lastInstant) parts.push(`${s.firstInstant.slice(0, -1).replace("T", " ")} — ${s.lastInstant.slice(0, -1).replace("T", " ")} UTC`);
  if (s.firstWall && s.lastWall) parts.push(`${s.firstWall.replace("T", " ")} — ${s.lastWall.replace("T", " ")} (wall clock, zone unknown)`);
  return parts.join("; ") || "no dated messages";
}

function* conversationTable(t: ArchiveTotals): Generator<string> {
  yield `<h2>Conversations <span class="zh">会话</span></h2>\n<table class="facts"><thead><tr><th>Title and id</th><th>Platform</th><th>Messages</th><th>By kind</th><th>Date range</th><th>Missing / left out attachments</th><th>Recalled / deleted / edited</th></tr></thead><tbody>`;
  for (const { conversation: c, stats: s } of conversationsOf(t)) {
    const kinds = Object.keys(s.byKind).sort().map((k) => `${k} ${s.byKind[k]}`).join(", ");
    yield `<tr><td dir="auto">${e(c.title)}<br><code>${e(c.id)}</code></td><td>${e(c.platform)} ${e(c.kind)}</td><td class="n">${s.messages}</td><td>${e(kinds)}</td><td>${e(dateRange(s))}</td><td class="n">${s.attachments.missing}/${s.attachments.omitted}</td><td class="n">${s.recalled}/${s.deleted}/${s.edited}</td></tr>`;
  }
  yield `</tbody></table>\n`;
}

function* participantTable(t: ArchiveTotals): Generator<string> {
  if (participantCountOf(t) === 0) return;
  yield `<h2>Participants <span class="zh">参与者</span></h2>\n<table class="facts"><thead><tr><th>Name</th><th>Id</th><th>Handles</th><th></th></tr></thead><tbody>`;
  for (const p of participantsOf(t)) {
    const handles = p.handles.map((h) => `${h.kind}: ${h.value}`).join(", ");
    const flags = [p.isSelf ? "self (custodian)" : "", p.isSystem ? "system" : ""].filter(Boolean).join(", ");
    yield `<tr><td dir="auto"><bdi>${e(p.displayName)}</bdi>${p.aliases.length ? `<br><span class="sid">also: ${e(p.aliases.join(", "))}</span>` : ""}</td><td><code>${e(p.id)}</code></td><td dir="auto">${e(handles)}</td><td>${e(flags)}</td></tr>`;
  }
  yield `</tbody></table>\n`;
}

function renderDiagnosticSummary(t: ArchiveTotals): string {
  if (t.diagnostics.length === 0) return `<h2>Diagnostics <span class="zh">诊断</span></h2>\n<p>None reported while reading.</p>\n`;
  const rows = t.diagnostics.map((d) => `<tr><td>${e(d.severity)}</td><td><code>${e(d.code)}</code></td><td class="n">${d.count}</td><td>${e(DIAGNOSTIC_CODES[d.code as DiagnosticCode]?.summary ?? "")}</td></tr>`);
  return `<h2>Diagnostics <span class="zh">诊断</span></h2>\n<table class="facts"><thead><tr><th>Severity</th><th>Code</th><th>Count</th><th>Meaning</th></tr></thead><tbody>${rows.join("")}</tbody></table>\n<p class="note">Each one is listed with its place at the end of the last volume and in the manifest.</p>\n`;
}
