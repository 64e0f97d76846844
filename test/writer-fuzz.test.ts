/**
 * Property tests for every writer (pdf aside: it is html printed by Chromium, checked in the evidence
 * suite): any valid Archive, hostile text included, is written without an exception (a clean
 * ChatportError would be allowed, a raw one is a bug), and the html writer's markup never comes from
 * the data: parsed, every output (volumes included) has only the writer's own elements and attributes,
 * no event handlers, no script or javascript: URL, one <style> and one <title>.
 * FUZZ_RUNS raises the number of cases (default small, seeded, for `npm test`).
 */
import fc from "fast-check";
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { builtinRegistry } from "../src/builtin.js";
import { isChatportError } from "../src/diagnostics/errors.js";
import { memorySink, type MemorySink } from "../src/io/index.js";
import type { Archive } from "../src/model/index.js";
import type { WriterPlugin } from "../src/plugin/types.js";
import { archive } from "./helpers/arbitraries.js";
import { writeArchive } from "./helpers/write-archive.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
const params = { numRuns: RUNS, seed: SEED, endOnFailure: true };

/** Options each writer is also exercised with (volumes and a hostile Bates prefix for html). */
const VARIANTS: Record<string, Record<string, unknown>[]> = {
  html: [{}, { split: 2, bates: '"; } @page { x</style>' }],
  rsmf: [{}, { maxEvents: 2 }],
  "whatsapp-txt": [{}, { shape: "ios" }],
};

/** Writes `a`, collecting the main output and every sibling file (volumes, media) in memory. */
async function writeAll(plugin: WriterPlugin, a: Archive, raw: Record<string, unknown>): Promise<Map<string, MemorySink>> {
  const files = new Map<string, MemorySink>();
  const main = memorySink("out" + plugin.fileExtension);
  files.set(main.name, main);
  const options = plugin.options.parse(raw) as Record<string, unknown>;
  await writeArchive(plugin, a, options, {
    outputName: main.name,
    openSibling: async (name) => {
      const s = memorySink(name);
      files.set(name, s);
      return s;
    },
  }, main);
  return files;
}

const writers = builtinRegistry.writers().filter((w) => w.id !== "pdf");

describe.each(writers.map((w) => [w.id, w] as const))("writer %s on random archives", (id, plugin) => {
  it.each((VARIANTS[id] ?? [{}]).map((o) => [JSON.stringify(o), o] as const))("writes any valid archive (options %s)", async (_name, options) => {
    await fc.assert(
      fc.asyncProperty(archive, async (a) => {
        try {
          await writeAll(plugin, a, options);
        } catch (e) {
          if (isChatportError(e) && e.kind !== "internal") return;
          throw e;
        }
      }),
      params,
    );
  });
});

const ELEMENTS = new Set(["html", "head", "meta", "title", "style", "body", "main", "header", "footer", "section", "article", "nav", "h1", "h2", "h3", "p", "div", "span", "table", "thead", "tbody", "tr", "th", "td", "code", "bdi", "time", "br", "ul", "ol", "li", "a", "img", "figure", "figcaption", "small", "strong", "em", "details", "summary", "blockquote", "pre", "dl", "dt", "dd", "s", "del", "sup", "sub"]);
const ATTRIBUTES = new Set(["class", "dir", "id", "lang", "charset", "content", "http-equiv", "name", "href", "src", "alt", "title", "datetime", "colspan", "rowspan", "loading", "width", "height", "open"]);

/** How many of these the html template itself has in its head. */
const HEAD = { style: 1, title: 1, meta: 4 };

/** Every element and attribute in `html`, with the problems found. */
function markupProblems(html: string): string[] {
  const problems: string[] = [];
  const count: Record<string, number> = {};
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        count[name] = (count[name] ?? 0) + 1;
        if (!ELEMENTS.has(name)) problems.push(`element <${name}>`);
        for (const [k, v] of Object.entries(attribs)) {
          if (!ATTRIBUTES.has(k)) problems.push(`attribute ${k}="${v}" on <${name}>`);
          if ((k === "href" || k === "src") && /^\s*(javascript|data|vbscript):/i.test(v)) problems.push(`${k}="${v}"`);
          if (k === "http-equiv" && !/^(content-type|content-security-policy)$/i.test(v)) problems.push(`http-equiv="${v}"`);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  // The head's own elements, as many as the template has: <meta> is allowed above, but not from data.
  for (const [name, n] of Object.entries(HEAD)) if ((count[name] ?? 0) !== n) problems.push(`${count[name] ?? 0} <${name}> elements`);
  return problems;
}

describe("html output: markup comes from the writer, never from the data", () => {
  it.each(VARIANTS.html!.map((o) => [JSON.stringify(o), o] as const))("options %s", async (_name, options) => {
    const html = builtinRegistry.writer("html")!;
    await fc.assert(
      fc.asyncProperty(archive, async (a) => {
        for (const [name, sink] of await writeAll(html, a, options))
          if (name.endsWith(".html")) expect(markupProblems(sink.text()), name).toStrictEqual([]);
      }),
      params,
    );
  });

  it("the checker finds markup smuggled in (it can fail)", () => {
    const meta = '<meta charset="utf-8"><meta name="a" content="b"><meta name="c" content="d"><meta http-equiv="Content-Security-Policy" content="x">';
    const page = (body: string) => `<html><head>${meta}<title>t</title><style>p{}</style></head><body>${body}</body></html>`;
    expect(markupProblems(page("<p class=x>ok</p>"))).toStrictEqual([]);
    expect(markupProblems(page('<img src=x onerror="alert(1)">'))).toStrictEqual(['attribute onerror="alert(1)" on <img>']);
    expect(markupProblems(page("<script>alert(1)</script>"))).toStrictEqual(["element <script>"]);
    expect(markupProblems(page('<a href=" javascript:alert(1)">x</a>'))).toStrictEqual(['href=" javascript:alert(1)"']);
    expect(markupProblems(page("</style><style>x"))).toStrictEqual(["2 <style> elements"]);
    expect(markupProblems(page('<meta http-equiv="refresh" content="0;url=x">'))).toStrictEqual(['http-equiv="refresh"', "5 <meta> elements"]);
  });
});
