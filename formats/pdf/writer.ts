import { ensureDir } from "../../src/io/output-errors.js";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { ChatportError } from "../../src/diagnostics/errors.js";
import { fileSink, writeFileAtOnce, type OutputSink } from "../../src/io/sink.js";
import type { WriteContext, WriterSession } from "../../src/plugin/types.js";
import { batesStartCss } from "../html/style.js";
import { volumeName } from "../html/volumes.js";
import { createHtmlWriter, type HtmlOptions } from "../html/writer.js";
import { countPdfPages, findChromium, launchChromium, loadPlaywright } from "./chromium.js";

/**
 * Messages per PDF volume when `--split` is not given. Chromium lays out and prints a volume as one
 * document, and its time per message grows with the document: a QQ group chat took 1.7 s per 1,000
 * messages at 2,000, 2.6 s at 16,000 and 3.7 s at 32,000 (tagged PDF, 2,830 pages, 117 s), and the
 * whole PDF comes back through one buffer (node peaked at 528 MB for those 105 MB), so one volume of a
 * 100,000-message chat would take many minutes and could exhaust memory. Volumes of 10,000 messages
 * (~900 pages) print in near-linear time; Bates numbers continue across them. `--split N` overrides.
 */
export const PDF_VOLUME_MESSAGES = 10_000;

/**
 * PDF: the evidence HTML written to a private scratch folder (volumes and images included), then
 * printed page by page by the installed Chromium. Bates numbers continue across volumes: each volume's
 * first number is the previous volume's last plus one, known once the previous volume is printed.
 */
export function createPdfWriter(sink: OutputSink, ctx: WriteContext): WriterSession {
  const o = ctx.options as unknown as HtmlOptions;
  if (!ctx.tempDir || !ctx.openSibling || !ctx.outputName)
    throw new ChatportError("usage", "--to pdf writes a file: give an output path with -o (not - or a stream).");
  const outputName = ctx.outputName;
  const htmlName = outputName.replace(/\.[^.]*$/, "") + ".html";
  let dir = "";
  let html: WriterSession | undefined;
  let main: OutputSink | undefined;
  const volumes: string[] = [];
  let executable = "";
  return {
    async begin(info) {
      // Fail before reading everything when there is no browser or no driver.
      executable = findChromium();
      await loadPlaywright();
      dir = await ctx.tempDir!();
      /** A file of the html beside it in the scratch folder, its folder made. */
      const scratchPath = async (name: string): Promise<string> => {
        const p = join(dir, name);
        await ensureDir(dirname(p));
        return p;
      };
      const mainPath = join(dir, htmlName);
      volumes.push(mainPath);
      main = fileSink(mainPath);
      const inner: WriteContext = {
        ...ctx,
        options: { ...ctx.options, batesVolumes: "continuous", split: o.split ?? PDF_VOLUME_MESSAGES },
        outputName: htmlName,
        openSibling: async (name) => {
          const p = await scratchPath(name);
          if (name.startsWith(htmlName.replace(/\.html$/, "") + ".vol")) volumes.push(p);
          return fileSink(p);
        },
        // The html's photos go beside it in the scratch folder, not beside the pdf (the outer ctx's).
        writeSiblingFile: async (name, data) => writeFileAtOnce(await scratchPath(name), data),
      };
      ctx.fact?.("messagesPerVolume", String(o.split ?? PDF_VOLUME_MESSAGES));
      html = createHtmlWriter(main, inner);
      await html.begin(info);
    },
    conversation: (c) => html!.conversation(c),
    participant: async (p) => html!.participant?.(p),
    message: (m) => html!.message(m),
    conversationEnd: (c, s) => html!.conversationEnd(c, s),
    async end(end) {
      if (!html || !main) return;
      await html.end(end);
      await main.close();
      if (end.failure) return; // the error is re-thrown by the pipeline; no half document is printed
      await printVolumes(volumes, executable, o, ctx, sink, outputName);
    },
  };
}

async function printVolumes(volumes: string[], executable: string, o: HtmlOptions, ctx: WriteContext, sink: OutputSink, outputName: string): Promise<void> {
  const browser = await launchChromium(executable);
  const pages: number[] = [];
  try {
    ctx.fact?.("browser", `${browser.browserType().name()} ${browser.version()}`);
    let bates = o.batesStart;
    for (let k = 1; k <= volumes.length; k++) {
      const page = await browser.newPage();
      try {
        // Nothing but the local files may load (the HTML's CSP says the same).
        await page.route(/^(?!file:|data:)/, (r) => r.abort());
        await page.goto(pathToFileURL(volumes[k - 1]!).href, { waitUntil: "load", timeout: 0 });
        await page.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready.then(() => true));
        if (o.bates !== undefined && k > 1) await page.addStyleTag({ content: batesStartCss(bates) });
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false, tagged: true, outline: true });
        const n = countPdfPages(pdf);
        pages.push(n);
        bates += n;
        if (k === 1) await sink.write(pdf);
        else {
          const s = await ctx.openSibling!(volumeName(outputName, k));
          try {
            await s.write(pdf);
          } finally {
            await s.close();
          }
        }
      } finally {
        await page.close();
      }
    }
  } catch (e) {
    if (e instanceof ChatportError) throw e;
    throw new ChatportError("output-failed", `Chromium failed while printing ${outputName}: ${String((e as Error).message ?? e).split("\n")[0]}.`, { cause: e });
  } finally {
    await browser.close();
  }
  ctx.fact?.("pages", pages.join(", "));
  if (o.bates !== undefined) ctx.fact?.("bates", `${o.bates}${String(o.batesStart).padStart(6, "0")} to ${o.bates}${String(o.batesStart + pages.reduce((a, b) => a + b, 0) - 1).padStart(6, "0")}`);
}
