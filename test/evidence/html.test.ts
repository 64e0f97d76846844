import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { escapeHtml, cssString } from "../../formats/html/escape.js";
import { volumeName } from "../../formats/html/volumes.js";
import { convert } from "../../src/pipeline/convert.js";
import { builtinRegistry } from "../../src/builtin.js";
import { REPO } from "../helpers/samples.js";
import { fakeInputFolder, PNG, PNG_SHA, testRegistry } from "./fake-reader.js";

const tmp = () => mkdtempSync(join(tmpdir(), "chatport-html-"));
const GENERATED = "2024-01-01T00:00:00Z";

async function renderFake(writerOptions: Record<string, unknown> = {}) {
  const dir = tmp();
  const out = join(dir, "case.html");
  const r = await convert(fakeInputFolder(), testRegistry, { to: "html", output: out, generatedAt: GENERATED, writerOptions });
  return { dir, out, r, html: readFileSync(out, "utf8") };
}

/** The text of the `<article>` of message `id`. */
function article(html: string, id: string): string {
  const start = html.indexOf(`<article class="msg`, html.indexOf(`id="m-${id}"`) - 60);
  return html.slice(start, html.indexOf("</article>", start));
}

describe("evidence HTML", () => {
  it("has a cover with sources, reader, zone policy, counts, date range, participants and diagnostics", async () => {
    const { html } = await renderFake();
    const cover = html.slice(html.indexOf('<section class="cover">'), html.indexOf("<main>"));
    expect(cover).toContain("Chat export — evidence copy");
    expect(cover).toContain("fake-evidence 0.0.1");
    expect(cover).toMatch(/<td class="hash">[0-9a-f]{64}<\/td>/);
    expect(cover).toContain("export/chat.fake");
    expect(cover).toContain("export/media/photo.png");
    expect(cover).toContain("no zone was assumed");
    expect(cover).toContain("1 conversation(s), 14 message(s), 2 participant(s)");
    expect(cover).toContain("1 recalled, 1 deleted, attachments: 1 present, 1 missing, 1 left out by the export");
    // Every basis met, with its meaning in words.
    for (const b of ["exact", "source-offset", "floating"]) expect(cover).toContain(`<td>${b}</td>`);
    expect(cover).toContain("wall clock only; the source states no zone and none was assumed");
    expect(cover).toContain("Alice &amp; Bob &lt;test&gt;");
    expect(cover).toContain("self (custodian)");
    expect(cover).toContain("phone: +8613800000000");
    expect(cover).toContain(`Generated</th><td>${GENERATED} by chatport`);
    expect(cover).toContain("2024-03-01 10:00:00 — 2024-03-01 15:03:00 UTC; 2024-03-01 10:01:00 — 2024-03-01 10:16:00 (wall clock, zone unknown)");
  });

  it("numbers messages and shows full times with offsets, or a visible 'zone unknown'", async () => {
    const { html } = await renderFake();
    const m1 = article(html, "m1");
    expect(m1).toContain('<div class="no">#1</div>');
    expect(m1).toContain('<time>2024-03-01 10:01:00</time> <span class="zu">zone unknown</span>');
    expect(m1).toContain('<bdi class="sender">Alice</bdi> <span class="sid">u:alice</span> <span class="kind">self</span>');
    expect(article(html, "m2")).toContain("<time>2024-03-01 18:00:00 UTC+08:00 (Asia/Shanghai)</time>");
    expect(article(html, "m3")).toContain("<time>2024-03-01 10:03:00 UTC-05:00</time>");
    expect(article(html, "m1")).toContain("chat.fake line 1");
  });

  it("quotes a reply seen earlier and says when the replied message was not seen", async () => {
    const { html } = await renderFake();
    expect(article(html, "m2")).toContain('↪ Reply to #1 <bdi>Alice</bdi>: <q dir="auto">Hello Bob, this is the first message</q>');
    expect(article(html, "m3")).toContain("Reply to message <code>m-gone</code>, which is not shown earlier in this export");
  });

  it("shows forwards, placeholders, edits, reactions and nested bundles", async () => {
    const { html } = await renderFake();
    expect(article(html, "m4")).toMatch(/Forwarded from <bdi>Carol<\/bdi> <span class="sid">u:carol<\/span>, originally sent <time>2023-11-14 22:13:20 UTC<\/time>/);
    expect(article(html, "m5")).toContain("Recalled by the sender");
    expect(article(html, "m6")).toContain("Deleted; the text below is what the source still holds");
    expect(article(html, "m6")).toContain("was deleted");
    expect(article(html, "m7")).toContain("Content of a type this view cannot show");
    expect(article(html, "m9")).toContain("image “gone.jpg”: file referenced but not present in the source");
    expect(article(html, "m10")).toContain("file “report.pdf”: not included in the export");
    expect(article(html, "m11")).toContain('edited <time>2024-03-01 11:00:00</time> <span class="zu">zone unknown</span>');
    expect(article(html, "m11")).toContain("Reactions: 👍 ×1 (u:alice)");
    expect(html).toContain('<div class="no">#12.1</div>');
    expect(html).toContain("inner two");
    expect(article(html, "m16")).toContain("Empty message");
  });

  it("copies a present image beside the output, shows it inline with its SHA-256, and lists it in the manifest", async () => {
    const { dir, html, r } = await renderFake();
    const href = `case_files/${PNG_SHA.slice(0, 16)}.png`;
    expect(article(html, "m8")).toContain(`<img src="${href}" alt="image “photo.png”">`);
    expect(article(html, "m8")).toContain(`SHA-256 <code>${PNG_SHA}</code>`);
    expect(readFileSync(join(dir, href)).equals(PNG)).toBe(true);
    const manifest = JSON.parse(readFileSync(r.manifest!, "utf8"));
    expect(manifest.outputs.map((o: { path: string }) => o.path)).toEqual(["case.html", href]);
  });

  it("has no script, no external reference, a CSP, and the end-of-export statement", async () => {
    const { html } = await renderFake();
    expect(html).not.toMatch(/<script|javascript:|https?:\/\/|<link|@import|url\(/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(html).toContain("End of export: 14 messages rendered in 1 conversation(s)");
    expect(html).toContain('Page " counter(page) " of " counter(pages)');
    expect(html).toContain("break-inside: avoid");
    expect(html).toContain('dir="auto"');
  });

  it("prints Bates numbers from a start, zero-padded through @counter-style", async () => {
    const { html } = await renderFake({ bates: "ABC-", batesStart: 42 });
    expect(html).toContain('content: "ABC-" counter(bates, bates)');
    expect(html).toContain('@counter-style bates { system: numeric; symbols: "0" "1" "2" "3" "4" "5" "6" "7" "8" "9"; pad: 6 "0"; }');
    expect(html).toContain("@page :first { counter-increment: bates 42; }");
  });

  it("splits into volumes of at most N messages, each with a cover saying 'volume k of n'", async () => {
    const { dir, r } = await renderFake({ split: 6 });
    const names = readdirSync(dir).filter((f) => f.endsWith(".html")).sort();
    expect(names).toEqual(["case.html", "case.vol002.html", "case.vol003.html"]);
    const vols = names.map((n) => readFileSync(join(dir, n), "utf8"));
    expect(vols[0]).toContain("Volume 1 of 3 — messages 1–6 of 14");
    expect(vols[1]).toContain("Volume 2 of 3 — messages 7–12 of 14");
    expect(vols[2]).toContain("Volume 3 of 3 — messages 13–14 of 14");
    expect(vols[1]).toContain("(continued)");
    expect(vols[0]).toContain("continued in case.vol002.html");
    // top-level messages per volume (nested ones are not counted against the split)
    expect(vols.map((v) => (v.match(/<div class="no">#\d+<\/div>/g) ?? []).length)).toEqual([6, 6, 2]);
    expect(vols[2]).toContain("End of export: 14 messages rendered");
    // Outputs in the order they were created: the body is spooled (images are placed while it is), and
    // the volumes are written at the end, once their count is known.
    expect(r.outputs.map((p) => p.slice(dir.length + 1))).toEqual(["case.html", "case_files/" + PNG_SHA.slice(0, 16) + ".png", "case.vol002.html", "case.vol003.html"]);
  });

  it("names volumes name.vol002.html …", () => {
    expect(volumeName("chat.html", 1)).toBe("chat.html");
    expect(volumeName("chat.html", 2)).toBe("chat.vol002.html");
    expect(volumeName("chat.pdf", 12)).toBe("chat.vol012.pdf");
    expect(volumeName("noext", 3)).toBe("noext.vol003");
  });

  it("escapes text for HTML and for CSS strings (no way out of a string or a <style>)", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    const css = cssString(`a"b\\c</style>\n}`);
    expect(css).toBe('"a\\000022 b\\00005c c\\00003c /style\\00003e \\00000a \\00007d "');
    expect(cssString("群聊 2024")).toBe('"群聊 2024"');
  });

  it("writes a QQ TXT export with its title in the running header", async () => {
    const dir = tmp();
    const out = join(dir, "qq.html");
    await convert(join(REPO, "samples/qq-txt/group-basic/input.txt"), builtinRegistry, { to: "html", output: out, generatedAt: GENERATED, tz: "Asia/Shanghai" });
    const html = readFileSync(out, "utf8");
    expect(html).toContain('@top-left { content: "周末读书会";');
    expect(html).toContain("<time>2021-03-06 09:02:11 UTC+08:00 (Asia/Shanghai)</time> <span class=\"assumed\">zone assumed</span>");
    expect(html).toContain("Asia/Shanghai (--tz): an assumption made when converting");
    expect(existsSync(out + ".manifest.json")).toBe(true);
  });
});
