/**
 * HTML/PDF on hostile names: a bidi override left open in a title or file name reversed the metadata
 * after it (a heading's platform and id, a Bates page number), a word of thousands of letters ran off the
 * printed page, and a huge Bates start printed the same clamped number on every page.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { escapeHtml, escapeLongText, isolatedPrefix } from "../../formats/html/escape.js";
import { renderConversationHead } from "../../formats/html/render.js";
import { batesCss, STYLE } from "../../formats/html/style.js";
import { runCapture } from "../helpers/cli.js";
import { REPO } from "../helpers/samples.js";

const RLO = "\u202e";

describe("bidi controls in source strings are isolated", () => {
  it("puts a string holding an override in <bdi>, so it ends there", () => {
    expect(escapeHtml(`Bob${RLO}evil`)).toBe(`<bdi>Bob${RLO}evil</bdi>`);
    expect(escapeHtml(`a\u2067b`)).toBe(`<bdi>a\u2067b</bdi>`);
    // Arabic without controls and plain strings are written as before.
    expect(escapeHtml("مرحبا <b>")).toBe("مرحبا &lt;b&gt;");
    expect(escapeHtml("周末读书会")).toBe("周末读书会");
  });

  it("isolates the title in a conversation heading from the platform and id after it", () => {
    const head = renderConversationHead({ id: "c1", platform: "telegram", kind: "direct", title: `Title${RLO}2023`, source: "x.json", participantIds: [] } as never, false);
    expect(head).toContain(`<h2 dir="auto"><bdi>Title${RLO}2023</bdi> <span class="cid">telegram direct`);
  });

  it("leaves a message body (a block of its own, dir=auto) unwrapped", () => {
    expect(escapeLongText(`hello ${RLO}gnp.exe`)).toBe(`hello ${RLO}gnp.exe`);
  });

  it("keeps a Bates page number in order after a right-to-left or overriding prefix", () => {
    expect(isolatedPrefix(`证据${RLO}-`)).toBe(`\u2068证据${RLO}-\u2069`);
    expect(isolatedPrefix("ملف-")).toBe("\u2068ملف-\u2069");
    expect(isolatedPrefix("CASE7-")).toBe("CASE7-");
    expect(batesCss(`证据${RLO}-`, 1)).toContain(`content: "\u2068证据${RLO}-\u2069" counter(bates, bates)`);
  });
});

describe("long unbroken words wrap in print", () => {
  it("lets names and titles wrap, and cover cells of source strings narrow", () => {
    expect(STYLE).toMatch(/body \{[^}]*overflow-wrap: break-word;/);
    expect(STYLE).toMatch(/table\.facts td\[dir=auto\] \{ overflow-wrap: anywhere; \}/);
  });
});

describe("--bates-start", () => {
  it("refuses a start beyond what Chromium's 32-bit counters print", async () => {
    const r = await runCapture(["convert", join(REPO, "samples/qq-txt/group-basic/input.txt"), "--to", "html", "-o", "/tmp/never.html", "--bates", "B-", "--bates-start", "999999999999"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--bates-start takes a whole number up to 999999999, not "999999999999"/);
  });
});
