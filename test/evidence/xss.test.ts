import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { launchChromium } from "../../formats/pdf/chromium.js";
import { builtinRegistry } from "../../src/builtin.js";
import { convert } from "../../src/pipeline/convert.js";
import { REPO } from "../helpers/samples.js";
import { CHROMIUM, NEEDS_CHROMIUM } from "./browser.js";

const SAMPLE = join(REPO, "samples/html/xss-vectors/input.txt");

/** Strings from the sample that must appear as text, exactly. */
const LITERAL = [
  "<script>window.__xss=6;alert(6)</script>",
  '<img src=x onerror="window.__xss=8;alert(8)">',
  "javascript:window.__xss=10",
  '<a href="javascript:window.__xss=11">click me</a>',
  "</style><style>body{display:none}</style>",
  '<iframe src="https://evil.example/"></iframe>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  "{{constructor.constructor('window.__xss=12')()}} ${window.__xss=13} &lt;script&gt; &amp;",
  "<svg><script>window.__xss=16</script></svg>",
  "<img src=x onerror=window.__xss=4>",
  '"><svg/onload=window.__xss=7>',
  "【</style><script>window.__xss=5</script>】",
  "</title><script>window.__xss=2</script>\"><svg onload=window.__xss=3>",
];

async function renderSample() {
  const dir = mkdtempSync(join(tmpdir(), "chatport-xss-"));
  const out = join(dir, "xss.html");
  await convert(SAMPLE, builtinRegistry, { to: "html", output: out, writerOptions: { bates: '"; } @page { x', split: 4 } });
  return { dir, out, html: readFileSync(out, "utf8") };
}

describe("XSS vectors in names, titles and bodies are shown as text", () => {
  it("produces no markup from source text", async () => {
    const { html } = await renderSample();
    expect(html).not.toMatch(/<script|<iframe|<svg|<img|<object|<embed|<base|<a |<link|<math|http-equiv="refresh"/i);
    expect((html.match(/<\/style>/g) ?? []).length).toBe(1);
    expect((html.match(/<\/title>/g) ?? []).length).toBe(1);
  });

  it.skipIf(!CHROMIUM)(`runs no script, loads nothing, and shows the vectors literally in Chromium${NEEDS_CHROMIUM}`, async () => {
    const { out, dir } = await renderSample();
    const browser = await launchChromium(CHROMIUM!);
    let text = "";
    try {
      for (const file of [out, join(dir, "xss.vol002.html")]) {
        const page = await browser.newPage();
        const dialogs: string[] = [];
        const requests: string[] = [];
        page.on("dialog", (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        page.on("request", (r) => requests.push(r.url()));
        await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
        await page.waitForTimeout(300);
        const state = await page.evaluate(() => {
          // No DOM lib in this project's types: the little of it used here, by hand.
          interface Doc { querySelectorAll(s: string): { length: number }; body: { innerText: string }; title: string }
          const w = globalThis as unknown as { __xss?: unknown; document: Doc; getComputedStyle(e: unknown): { display: string } };
          const d = w.document;
          return {
            flag: w.__xss,
            elements: d.querySelectorAll("script, iframe, object, embed, svg, math, img, a, link, base, meta[http-equiv='refresh']").length,
            styles: d.querySelectorAll("style").length,
            display: w.getComputedStyle(d.body).display,
            text: d.body.innerText,
            title: d.title,
          };
        });
        expect(dialogs).toEqual([]);
        expect(state.flag).toBeUndefined();
        expect(state.elements).toBe(0);
        expect(state.styles).toBe(1);
        expect(state.display).toBe("block");
        expect(requests).toEqual([pathToFileURL(file).href]);
        expect(state.title).toContain("</title><script>window.__xss=2</script>");
        text += state.text;
        await page.close();
      }
    } finally {
      await browser.close();
    }
    for (const s of LITERAL) expect(text).toContain(s);
  });
});
