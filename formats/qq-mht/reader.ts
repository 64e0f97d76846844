/**
 * Reads a PC QQ 消息管理器 MHT export in two streamed passes (FORMAT.md): the first indexes the MIME parts
 * (image hashes, sizes and byte ranges; the HTML part's text encoding), the second streams the HTML
 * part's rows into messages. Image parts come after the HTML in the file, so only the two passes let
 * each message carry its images' hashes without holding anything large in memory.
 */
import { decodeHead } from "../../src/io/decode.js";
import type { InputSource, InputTree } from "../../src/io/source.js";
import { ChatportError } from "../../src/diagnostics/errors.js";
import type { Place } from "../../src/model/index.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import type { DateOrder } from "../qq-txt/timestamps.js";
import { MhtBuilder, type RowAt } from "./builder.js";
import { partDecoder, walkContainer, type PartDecoder, type PartHead } from "./container.js";
import { headerBlock } from "./detect.js";
import { loadHtmlParser, RowCollector } from "./html-rows.js";
import { IDENTITY, indexParts, isHtml, type MhtIndex } from "./index-parts.js";
import { mhtMediaStore } from "./media-store.js";
import { mimeView, reportUtf16Damage } from "./text-view.js";
import { inferRowDateOrder } from "./timestamps.js";

/** Refuses what is not a MIME text file with a clear error: the encrypted `.bak`, binary. */
function assertMime(head: Uint8Array, name: string): void {
  if (headerBlock(decodeHead(head)) !== "") return;
  const binary = head.subarray(0, 4096).some((b) => b === 0 || (b < 9 && b !== 0));
  if (/\.bak$/i.test(name) || binary)
    throw new ChatportError(
      "input-damaged",
      `${name} is not a readable export: it looks like QQ 消息管理器's encrypted .bak backup, which only QQ can re-import; in 消息管理器 export the chat again as 文本文件 (.txt) or 网页格式 (.mht) and convert that file instead.`,
      { code: "encrypted-database" },
    );
  throw new ChatportError("unknown-format", `${name} does not start with MIME headers, so it is not a QQ 消息管理器 MHT export; check the file, or pass --from with the right format.`);
}

/** Where a row of an HTML part sits: file lines for identity encodings, part + line otherwise. */
function rowAt(part: PartHead, line: number): RowAt {
  if (IDENTITY.has(part.encoding)) {
    const l = part.bodyLine + line - 1;
    return { line: l, place: { line: l } };
  }
  const place: Place = { entry: `part ${part.no} (${part.contentType || "text/html"}, ${part.encoding})`, inner: { line } };
  return { line: part.bodyLine, place };
}

/** Reads a QQ MHT export as events. */
export async function* readQqMht(given: InputSource | InputTree, ctx: ReadContext): AsyncIterable<ChatEvent> {
  if (given.kind !== "file") throw new ChatportError("input-unreadable", `${given.name} is a folder; qq-mht reads one .mht export file.`);
  // A UTF-16 re-save and line ends damaged by an editor or a transfer (lone CRs, `\r\r\n`, both) are
  // read through views that undo the damage (text-view.ts).
  const view = await mimeView(given);
  const input = view.source;
  const head = await input.head(64 * 1024);
  if (decodeHead(head).replace(/^\uFEFF/, "").trim() === "") {
    ctx.report("empty-input", { message: `${input.name} is empty (no MIME headers, no rows); export the chat again.`, file: input.name });
    ctx.account?.({ rowsRead: 0, rowsInMessages: 0, rowsStructural: 0, rowsReported: 0 });
    return;
  }
  assertMime(head, input.name);
  const opts = ctx.options as { dateOrder?: DateOrder; self?: string };
  const headText = decodeHead(head);
  const inferred = inferRowDateOrder(headText);
  if (!inferred && !opts.dateOrder && /(?:日期|Date)\s*[:：]\s*\d{1,2}\/\d{1,2}\/\d{4}/i.test(headText))
    ctx.report("date-order-undecidable", {
      message: `${input.name} writes dates as N/N/YYYY and no day is over 12 in its first 64 KiB; read as month/day (pass --date-order dmy if wrong).`,
      file: input.name,
    });

  const index = await indexParts(input, ctx, { transcoded: view.utf16 !== undefined });
  reportUtf16Damage(view, ctx);
  if (index.html.size === 0)
    ctx.report("unrecognized-record", { message: `${input.name} has no text/html part, so it holds no chat rows.`, file: input.name });
  ctx.provideMedia?.(mhtMediaStore(input, index));

  const builder = new MhtBuilder(ctx, {
    file: input.name,
    fallbackTitle: input.name.replace(/\.[^.]*$/, ""),
    dateOrder: opts.dateOrder ?? inferred ?? "mdy",
    ...(opts.self !== undefined ? { self: opts.self } : {}),
    index,
  });
  yield* readRows(input, index, builder);
  builder.finish();
  yield* builder.drain();
  reportUnreferenced(index, ctx, input.name);
  ctx.account?.({ ...builder.accounting });
}

/** Second pass: the HTML parts' rows through the builder, streamed. */
async function* readRows(input: InputSource, index: MhtIndex, builder: MhtBuilder): AsyncIterable<ChatEvent> {
  await loadHtmlParser();
  let part: PartHead | undefined;
  let decoder: PartDecoder | undefined;
  let text: InstanceType<typeof TextDecoder> | undefined;
  let rows: RowCollector | undefined;
  for await (const ev of walkContainer(input)) {
    if (ev.type === "part") {
      const html = isHtml(ev.part) ? index.html.get(ev.part.no) : undefined;
      if (!html) continue;
      const p = (part = ev.part);
      decoder = partDecoder(ev.node);
      text = new TextDecoder(html.encoding, { fatal: false, ignoreBOM: false });
      rows = new RowCollector({
        row: (r) => builder.row(r, rowAt(p, r.line)),
        stray: (raw, line, why) => builder.stray(raw, rowAt(p, line), why),
      });
    } else if (ev.type === "body" && rows && ev.part === part) {
      for (const b of decoder!.write(ev.raw)) rows.write(text!.decode(b, { stream: true }));
      yield* builder.drain();
    } else if (ev.type === "part-end" && rows && ev.part === part) {
      for (const b of await decoder!.end()) rows.write(text!.decode(b, { stream: true }));
      rows.write(text!.decode());
      rows.end();
      rows = undefined;
      yield* builder.drain();
    }
  }
}

function reportUnreferenced(index: MhtIndex, ctx: ReadContext, file: string): void {
  for (const m of [...index.media.values(), ...index.other]) {
    if (m.referenced) continue;
    ctx.report("unreferenced-media", {
      message: `Part ${m.head.no}${m.location ? ` (${m.location})` : ""}, ${m.declaredType || "no type"}, ${m.bytes} bytes, sha256 ${m.sha256}: no message refers to it.`,
      file,
      place: { line: m.head.headerLine },
      raw: m.head.headerText.replace(/\r\n/g, "\n").trim(), // line ends normalised: the same export as LF or CRLF reports the same
    });
  }
}
