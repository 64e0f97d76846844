import { writePieces, type OutputSink } from "../../src/io/sink.js";
import type { Attachment, Conversation, Diagnostic, Message } from "../../src/model/index.js";
import { closedConversationLookup, conversationCountOf, firstConversation, statsCountOf } from "../../src/plugin/archive-lists.js";
import { firstSource, sourcesOf, withTotals } from "../../src/plugin/archive-sources.js";
import type { ArchiveEnd, ArchiveInfo, WriteContext, WriterSession } from "../../src/plugin/types.js";
import { statsSumOf } from "../../src/pipeline/stats.js";
import { coverPieces, coverTablePieces, coverTablesFit } from "./cover.js";
import { coverRoom, DIRECT_AFTER, HeadingSlots, patchPieces, piecesBytes } from "./direct-body.js";
import { escapeAttr, escapeHtml as e, clip, EscapeMemo } from "./escape.js";
import { MediaShelf, type PlacedMedia } from "./media.js";
import { placeText, renderConversationHead, renderMessage, ReplyMemory, type RenderContext } from "./render.js";
import { pageCss, STYLE } from "./style.js";
import { SpoolPlan, TotalsTally } from "./spool-plan.js";
import { mediaFolder, volumeCount, volumeName } from "./volumes.js";
import { memorySpool, openSpool, type Spool } from "../../src/io/spool.js";

/** Options of the html writer (index.ts holds the schema). */
export interface HtmlOptions {
  bates?: string;
  batesStart: number;
  split?: number;
  /** "marked": volumes after the first print `<prefix>V002-…` (page counts are unknown in HTML); "continuous": the same prefix everywhere (pdf restates each volume's start). */
  batesVolumes: "marked" | "continuous";
}

/** Diagnostics listed one by one at the end; the rest are counted (all are in the manifest). */
const LISTED_DIAGNOSTICS = 500;

/**
 * Evidence HTML: a cover sheet, then every message numbered, timed in full and attributed; print CSS with
 * a running header, "Page X of Y" and optional Bates numbers; no script, no network, every string
 * escaped. Streams: one message at a time; `--split N` starts a new volume file every N messages.
 *
 * The cover needs the totals. Given them in `begin` (a counting pass ran), the document is written
 * straight through. Otherwise the body is spooled while the totals are tallied, and `end` writes each
 * volume's cover, copies its part of the body and renders the conversation headings and volume footers
 * that depend on what was learnt (the input is read only once). One file whose sink can patch (a file
 * output) is spooled in memory, and past {@link DIRECT_AFTER} bytes written straight into the output
 * after room for the cover, which `end` writes over that room (direct-body.ts). Volumes spool to a
 * scratch file.
 */
export function createHtmlWriter(sink: OutputSink, ctx: WriteContext): WriterSession {
  const o = ctx.options as unknown as HtmlOptions;
  const canSplit = !!(o.split && ctx.openSibling && ctx.outputName);
  const media = new MediaShelf(ctx, ctx.outputName ? mediaFolder(ctx.outputName) : undefined);
  const replies = new ReplyMemory();
  const placeholders = { n: 0 };
  let info!: ArchiveInfo;
  let out = sink;
  let volume = 1;
  let volumes: number | undefined = 1;
  let inVolume = 0;
  let rendered = 0;
  let conv: Conversation | undefined;
  let no = 0;
  // Readers learn a conversation's kind while reading; the counting pass already knows it.
  let closedForm: (id: string) => Conversation | undefined = () => undefined;
  let spool: Spool | undefined;
  /** The spool is in memory, to be left for the direct plan when it grows past DIRECT_AFTER. */
  let inMemory = false;
  /** Set in the direct plan: the cover's room and the headings written. */
  let direct: { room: number; slots: HeadingSlots } | undefined;
  let plan = new SpoolPlan();
  const tally = new TotalsTally();

  /** The start of volume `k` up to its body: the document head and the cover, in pieces (coverPieces). */
  function* headPieces(k: number, tablesAtEnd = false): Generator<string> {
    const t = info.totals;
    const src = firstSource(info);
    const count = t ? conversationCountOf(t) : 0;
    const title = t && count === 1 ? firstConversation(t)!.conversation.title : t ? `${count} conversations` : (src?.path ?? "chat export");
    const label = volumes === 1 ? "" : `Volume ${k}${volumes ? ` of ${volumes}` : ""}`;
    const footer = `chatport ${info.generator.version}${src ? ` · source SHA-256 ${src.sha256.slice(0, 16)}…` : ""}`;
    const prefix = o.bates !== undefined && k > 1 && o.batesVolumes === "marked" ? `${o.bates}V${String(k).padStart(3, "0")}-` : o.bates;
    const css = pageCss({ title: clip(title, 70), volumeLabel: label, footer, ...(prefix !== undefined ? { bates: { prefix, start: o.batesStart } } : {}) });
    const per = o.split ?? 0;
    const first = canSplit && t ? (k - 1) * per + 1 : t ? 1 : undefined;
    const last = canSplit && t ? Math.min(k * per, t.messages) : t?.messages;
    const batesNote =
      o.bates !== undefined && canSplit && o.batesVolumes === "marked" && volumes !== 1
        ? `Bates numbers of volume 1 read ${o.bates}…; later volumes carry the volume in the prefix (${o.bates}V002-…) because page counts are only known when printed; chatport convert --to pdf continues one sequence across volumes.`
        : undefined;
    yield `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' file: data:; style-src 'unsafe-inline'">\n<meta name="generator" content="chatport ${escapeAttr(info.generator.version)}">\n<meta name="referrer" content="no-referrer">\n<title>${escapeAttr(clip(title, 120))}${label ? ` — ${escapeAttr(label)}` : ""}</title>\n<style>${STYLE}${css}</style>\n</head>\n<body>\n`;
    yield* coverPieces(info, { index: k, count: volumes, ...(first !== undefined && last !== undefined ? { first, last } : {}), ...(batesNote ? { batesNote } : {}), ...(tablesAtEnd ? { tablesAtEnd } : {}) });
    yield `<main>\n`;
  }
  /** Writes pieces to the current output. */
  const writeAll = (pieces: Iterable<string>) => writePieces(out, pieces);

  // One context for every message; only the placed media change.
  const rc: RenderContext = { participant: ctx.participant, replies, media: NO_MEDIA, placeholders, memo: new EscapeMemo() };
  const renderOne = (m: Message, placed: Map<Attachment, PlacedMedia>): void | Promise<void> => {
    rc.media = placed;
    const w = out.write(renderMessage(m, String(++no), rc));
    inVolume++;
    rendered++;
    return w;
  };

  /** Closes volume `volume` (`open` is the conversation it interrupts) and opens the next one. */
  const turnVolume = async (open: Conversation | undefined) => {
    if (open) await out.write(`<p class="cont">Continued in volume ${volume + 1}.</p></section>\n`);
    await out.write(`</main>\n<footer><p>End of volume ${volume}${volumes ? ` of ${volumes}` : ""}; continued in ${e(volumeName(ctx.outputName!, volume + 1))}.</p></footer>\n</body>\n</html>\n`);
    if (out !== sink) await out.close();
    volume++;
    out = await ctx.openSibling!(volumeName(ctx.outputName!, volume));
    await writeAll(headPieces(volume));
    if (open) await out.write(renderConversationHead(open, true));
  };
  const nextVolume = async () => {
    await turnVolume(conv);
    inVolume = 0;
  };

  /** Spooled mode's end: covers with the totals, the body copied volume by volume, the end matter. */
  const assemble = async (end: ArchiveEnd) => {
    const totals = tally.totals(rendered, end);
    info = withTotals(info, totals);
    volumes = canSplit ? volumeCount(totals.messages, o.split) : 1;
    out = sink;
    volume = 1;
    await writeAll(headPieces(1));
    let from = 0;
    for (const entry of plan.entries) {
      await spool!.copyRange(out, from, entry.at);
      from = entry.at;
      if (entry.kind === "conversation") await out.write(renderConversationHead(tally.final(entry.conversation), false));
      else await turnVolume(entry.continued && tally.final(entry.continued));
    }
    await spool!.copyRange(out, from, spool!.offset());
  };

  /** Leaves the memory spool: room for the cover, then the body so far with its headings, into the output. */
  const goDirect = async () => {
    const mem = spool!;
    const slots = new HeadingSlots();
    direct = { room: coverRoom(piecesBytes(headPieces(1)), sourcesOf(info)), slots };
    spool = undefined;
    inMemory = false;
    out = sink;
    const spaces = Buffer.alloc(1 << 18, 0x20);
    for (let left = direct.room; left > 0; left -= spaces.length) await out.write(left >= spaces.length ? spaces : spaces.subarray(0, left));
    let from = 0;
    for (const entry of plan.entries) {
      await mem.copyRange(out, from, entry.at);
      from = entry.at;
      if (entry.kind === "conversation") {
        const closedForm = tally.closedForm(entry.conversation);
        await out.write(closedForm ? slots.settled(closedForm) : slots.open(out.bytesWritten!(), entry.conversation));
      }
    }
    await mem.copyRange(out, from, mem.offset());
    plan = new SpoolPlan();
    tally.forget();
  };
  const overMemory = () => inMemory && spool!.offset() >= DIRECT_AFTER;

  /** The direct plan's end: the end matter, then the cover over its room and the headings that changed. */
  const finishDirect = async (end: ArchiveEnd) => {
    const { room, slots } = direct!;
    info = withTotals(info, tally.totals(rendered, end));
    // The cover is measured and written piece by piece, never built whole: its tables and its list of
    // source files can be tens of MB.
    const tablesAtEnd = !(coverTablesFit(info.totals!, room) && piecesBytes(headPieces(1), room) <= room);
    const coverBytes = piecesBytes(headPieces(1, tablesAtEnd));
    if (coverBytes > room) throw new Error(`the html cover (${coverBytes} bytes) outgrew the ${room} bytes left for it`);
    await out.write(`</main>\n`);
    if (tablesAtEnd) {
      await out.write(`<section class="cover">\n<h2>Tables of the cover sheet</h2>\n`);
      await writeAll(coverTablePieces(info.totals!));
      await out.write(`</section>\n`);
    }
    await out.write(`${renderEnd(end, rendered, placeholders.n, volume, volumes)}</body>\n</html>\n`);
    // The room holds spaces already: only the cover's own bytes are written over it.
    await patchPieces(sink, 0, headPieces(1, tablesAtEnd));
    await sink.patch!(slots.edits((c) => tally.final(c)));
  };

  const session: WriterSession = {
    async begin(i) {
      info = i;
      // Reply quotes need earlier messages kept (a 20,000-message window); with no reply at all in the
      // input (known from the counting pass, or a format without reply links), keeping them would only
      // churn the heap.
      if (i.totals?.replies === 0 || i.linksReplies === false) replies.disable();
      if (i.totals) closedForm = closedConversationLookup(i.totals);
      volumes = canSplit ? (i.totals ? volumeCount(i.totals.messages, o.split) : undefined) : 1;
      if (o.split && !canSplit)
        ctx.report("lossy-output", { message: "--split needs a file output (volumes are written beside it); everything was written as one document." });
      if (!i.totals && !canSplit && sink.patch && sink.bytesWritten) {
        spool = memorySpool();
        inMemory = true;
        out = spool.sink;
        return;
      }
      if (!i.totals && ctx.tempDir) {
        spool = openSpool(await ctx.tempDir(), "html-body.spool");
        out = spool.sink; // the covers are written at the end, with the totals
        return;
      }
      await writeAll(headPieces(1));
    },
    async conversation(c) {
      if (overMemory()) await goDirect();
      if (direct) {
        conv = c;
        no = 0;
        await out.write(direct.slots.open(out.bytesWritten!(), c));
        return;
      }
      if (spool) {
        plan.conversation(spool.offset(), c, canSplit && inVolume >= o.split!);
        conv = c;
        no = 0;
        return;
      }
      // A conversation that starts on a full volume opens the next one, unless no message is left.
      if (canSplit && inVolume >= o.split! && (!info.totals || rendered < info.totals.messages)) {
        conv = undefined;
        await nextVolume();
      }
      conv = closedForm(c.id) ?? c;
      no = 0;
      await out.write(renderConversationHead(conv, false));
    },
    message(m) {
      if (overMemory()) return goDirect().then(() => session.message(m));
      if (spool && canSplit && inVolume >= o.split!) {
        plan.breakBeforeMessage(spool.offset(), conv);
        inVolume = 0;
      }
      // Synchronous unless a volume opens, media must be placed, or the sink flushes (the common case
      // costs no promise per message).
      if ((canSplit && inVolume >= o.split!) || hasPresentMedia(m))
        return (async () => {
          if (canSplit && inVolume >= o.split!) await nextVolume();
          await renderOne(m, await media.placeAll(m));
        })();
      return renderOne(m, NO_MEDIA);
    },
    async conversationEnd(c, stats) {
      await out.write(`<p class="cont">${stats.messages} message${stats.messages === 1 ? "" : "s"} in “${e(c.title)}” (${e(c.kind)}).</p></section>\n`);
      tally.close(c);
      conv = undefined;
      if (direct) {
        direct.slots.close(c);
        if (direct.slots.due) await sink.patch!(direct.slots.take());
      }
    },
    async end(end) {
      if (direct) return finishDirect(end);
      if (spool) await assemble(end);
      await out.write(`</main>\n${renderEnd(end, rendered, placeholders.n, volume, volumes)}</body>\n</html>\n`);
      if (out !== sink) await out.close();
    },
  };
  return session;
}

/** The completeness statement and the diagnostics, at the end of the last volume. */
function renderEnd(end: ArchiveEnd, rendered: number, placeholders: number, volume: number, volumes: number | undefined): string {
  const s = statsSumOf(end);
  const sev = (x: Diagnostic["severity"]) => end.diagnostics.filter((d) => d.severity === x).reduce((n, d) => n + (d.count ?? 1), 0);
  const failed = end.failure ? `<p class="placeholder alert">The export stopped early: ${e(end.failure.message)}</p>\n` : "";
  const counts = new Map<string, number>();
  for (const d of end.diagnostics) counts.set(`${d.severity}\u0000${d.code}`, (counts.get(`${d.severity}\u0000${d.code}`) ?? 0) + (d.count ?? 1));
  const countRows = [...counts].map(([k, n]) => `<tr><td>${e(k.split("\u0000")[0]!)}</td><td><code>${e(k.split("\u0000")[1]!)}</code></td><td class="n">${n}</td></tr>`).join("");
  const listed = end.diagnostics.slice(0, LISTED_DIAGNOSTICS).map(
    (d) => `<tr><td>${e(d.severity)}</td><td><code>${e(d.code)}</code>${d.count ? ` ×${d.count}` : ""}</td><td>${e(d.file ?? "")}${d.place ? " " + e(placeText(d.place)) : ""}</td><td dir="auto">${e(d.message)}${d.raw !== undefined ? `<br><code>${e(clip(d.raw, 300))}</code>` : ""}</td></tr>`,
  );
  const more = end.diagnostics.length > LISTED_DIAGNOSTICS ? `<p>${end.diagnostics.length - LISTED_DIAGNOSTICS} more are listed in the manifest.</p>` : "";
  const diag = end.diagnostics.length
    ? `<table class="facts"><thead><tr><th>Severity</th><th>Code</th><th>Count</th></tr></thead><tbody>${countRows}</tbody></table>\n<table class="facts"><thead><tr><th>Severity</th><th>Code</th><th>Where</th><th>Message</th></tr></thead><tbody>${listed.join("")}</tbody></table>${more}`
    : "<p>None.</p>";
  const vol = volumes === 1 ? "" : ` This is volume ${volume}${volumes ? ` of ${volumes}` : ""}.`;
  return `<footer>\n${failed}<p class="complete">End of export: ${rendered} message${rendered === 1 ? "" : "s"} rendered in ${statsCountOf(end)} conversation(s); ${placeholders} placeholder${placeholders === 1 ? "" : "s"} shown (${s.recalled} recalled, ${s.deleted} deleted, ${s.attachments.missing} missing and ${s.attachments.omitted} left-out attachments); ${sev("warning")} warning(s), ${sev("error")} error(s) — see the manifest.${vol}</p>\n<h2>Diagnostics <span class="zh">诊断</span></h2>\n${diag}\n</footer>\n`;
}

const NO_MEDIA: Map<Attachment, PlacedMedia> = new Map();

/** True when a message or one nested in it has an attachment marked present (the HTML places its file). */
function hasPresentMedia(m: Message): boolean {
  for (const a of m.attachments) if (a.availability === "present") return true;
  if (m.inner) for (const x of m.inner) if (hasPresentMedia(x)) return true;
  return false;
}
