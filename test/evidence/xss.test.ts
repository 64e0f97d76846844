import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
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

// --- the same vectors through the telegram-json and whatsapp-txt readers: names, titles, bodies ------

const TG_TITLE = "</title><script>window.__xss=21</script>";
const TG_NAME = '<img src=x onerror="window.__xss=22">';
const TG_BODY = "<script>window.__xss=23</script>";
const TG_LINK = "javascript:window.__xss=24";
const TG_FWD = '"><svg/onload=window.__xss=25>';
const TG_FILE = "<iframe src=x>.pdf";
const WA_SENDER = "<script>window.__xss=32</script>";
const WA_BODY = '<img src=x onerror="window.__xss=33"> </style><style>body{display:none}</style>';

function writeHostileInputs(dir: string) {
  const tg = join(dir, "result.json");
  writeFileSync(tg, JSON.stringify({
    name: TG_TITLE, type: "personal_chat", id: 99,
    messages: [
      { id: 1, type: "message", date: "2024-01-01T10:00:00", date_unixtime: "1704103200", from: TG_NAME, from_id: "user1", text: [TG_BODY, { type: "text_link", text: "click", href: TG_LINK }], text_entities: [] },
      { id: 2, type: "message", date: "2024-01-01T10:01:00", date_unixtime: "1704103260", from: TG_NAME, from_id: "user1", forwarded_from: TG_FWD, text: "fwd", file: `files/${TG_FILE}`, file_name: TG_FILE, mime_type: "application/pdf", text_entities: [] },
    ],
  }));
  // The conversation title of a WhatsApp export comes from its file name.
  const wa = join(dir, "WhatsApp Chat with <svg onload=window.__xss=31>.txt");
  writeFileSync(wa, `12/31/23, 10:00 - ${WA_SENDER}: ${WA_BODY}\n12/31/23, 10:01 - Ben: ok\n`);
  return { tg, wa };
}

describe("XSS vectors through the telegram-json and whatsapp-txt readers", () => {
  it.skipIf(!CHROMIUM)(`titles, names, bodies, links, forwards and file names stay text in Chromium${NEEDS_CHROMIUM}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatport-xss-readers-"));
    const { tg, wa } = writeHostileInputs(dir);
    const cases = [
      { input: tg, from: "telegram-json", out: join(dir, "tg.html"), title: TG_TITLE, literal: [TG_NAME, TG_BODY, TG_FWD, TG_FILE] },
      { input: wa, from: "whatsapp-txt", out: join(dir, "wa.html"), title: "<svg onload=window.", literal: [WA_SENDER, WA_BODY] },
    ];
    const browser = await launchChromium(CHROMIUM!);
    try {
      for (const c of cases) {
        await convert(c.input, builtinRegistry, { to: "html", output: c.out, from: c.from, tz: "UTC" });
        const html = readFileSync(c.out, "utf8");
        expect(html).not.toMatch(/<script|<iframe|<svg|<img |<img>|javascript:window/i);
        const page = await browser.newPage();
        const dialogs: string[] = [];
        const requests: string[] = [];
        page.on("dialog", (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        page.on("request", (r) => requests.push(r.url()));
        await page.goto(pathToFileURL(c.out).href, { waitUntil: "load" });
        await page.waitForTimeout(200);
        const state = await page.evaluate(() => {
          interface Doc { querySelectorAll(s: string): { length: number }; body: { innerText: string }; title: string }
          const w = globalThis as unknown as { __xss?: unknown; document: Doc; getComputedStyle(e: unknown): { display: string } };
          const d = w.document;
          return {
            flag: w.__xss,
            elements: d.querySelectorAll("script, iframe, object, embed, svg, math, img, link, base, meta[http-equiv='refresh'], a[href^='javascript']").length,
            display: w.getComputedStyle(d.body).display,
            text: d.body.innerText,
            title: d.title,
          };
        });
        await page.close();
        expect(dialogs, c.from).toEqual([]);
        expect(state.flag, c.from).toBeUndefined();
        expect(state.elements, c.from).toBe(0);
        expect(state.display, c.from).toBe("block");
        expect(requests.filter((u) => !u.startsWith("file:")), c.from).toEqual([]);
        expect(state.title, c.from).toContain(c.title);
        for (const s of c.literal) expect(state.text, `${c.from}: ${s}`).toContain(s);
      }
    } finally {
      await browser.close();
    }
  });
});

// --- control characters: a browser drops a NUL from the page and shows the other C0 controls as nothing ---

describe("control characters in names, titles and bodies", () => {
  it(`are shown as control pictures in html, so "Ann\\0Lee" does not print as "AnnLee"${CHROMIUM ? "" : NEEDS_CHROMIUM}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatport-ctl-"));
    const input = join(dir, "result.json");
    writeFileSync(input, JSON.stringify({
      name: "group\u0000one", type: "private_group", id: 98,
      messages: [{ id: 1, type: "message", date: "2024-01-01T10:00:00", date_unixtime: "1704103200", from: "Ann\u0000Lee\u0007", from_id: "user1", text: "a\u0000b\u001bc\u007fd\te", text_entities: [] }],
    }));
    const out = join(dir, "ctl.html");
    await convert(input, builtinRegistry, { to: "html", output: out });
    const html = readFileSync(out, "utf8");
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
    expect(html).toContain("group\u2400one");
    expect(html).toContain("Ann\u2400Lee\u2407");
    expect(html).toContain("a\u2400b\u241bc\u2421d\te");
    if (!CHROMIUM) return;
    const browser = await launchChromium(CHROMIUM);
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(out).href, { waitUntil: "load" });
      const text = await page.evaluate(() => (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText);
      expect(text).toContain("Ann\u2400Lee\u2407");
      expect(text).toContain("a\u2400b\u241bc\u2421d");
    } finally {
      await browser.close();
    }
  });
});
