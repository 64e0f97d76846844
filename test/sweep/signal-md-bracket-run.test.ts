/**
 * signal-md takes the links signal-export appends to a message (`![name](./media/x.jpg)  `) from the end
 * of its body. That was one regex, `(!?)\[([^\]\n]*)\]\((\.{1,2}\/[^)\s]*)\) {2}$`, tried from every "["
 * of the body: each scanned its label to the end of a run of "[", so a line of 60,000 "[" took 2.3 s and
 * 120,000 took 11 s. Found by a probe inserting long runs of one character into every sample.
 */
import { describe, expect, it } from "vitest";
import { splitBody, trailingLink } from "../../formats/signal-md/grammar.js";
import { pickFromSlots, seededPick } from "../helpers/seeded.js";

const TRAILING_LINK = /(!?)\[([^\]\n]*)\]\((\.{1,2}\/[^)\s]*)\) {2}$/;

describe("signal-md appended links", () => {
  it("a body with 200,000 '[' is split in linear time, its links still found", () => {
    // The "]" ends every label the regex tried in the run, so none matched, each after scanning the run.
    const body = `look ${"[".repeat(200_000)}] here ![IMG_1.jpg](./media/IMG_1.jpg)  [doc.pdf](../files/doc.pdf)  `;
    const t0 = performance.now();
    const parts = splitBody(body);
    expect(performance.now() - t0).toBeLessThan(2000); // ~10 ms; over 30 s before
    expect(parts.attachments).toEqual([
      { name: "IMG_1.jpg", href: "./media/IMG_1.jpg", image: true },
      { name: "doc.pdf", href: "../files/doc.pdf", image: false },
    ]);
    expect(parts.text.length).toBe(`look ${"[".repeat(200_000)}] here `.length);
  });

  it("finds what the regex found, on generated bodies", () => {
    const slots = [
      ["", "text ", "a\n", "]", "[x] ", "!"],
      ["", "[", "![", "[[", "![!["],
      ["", "IMG 1.jpg", "a]b", "a\nb", "[", "name"],
      ["](", "](", "](", "] (", "]", "]](", "](("],
      ["./", "./", "../", "../", ".../", "/", "", "./a](./"],
      ["media/x.jpg", "media/x.jpg", "a b", "a)b", "", "x](../y", "%20"],
      [")  ", ")  ", ")  ", ") ", ")   ", "  ", ")\t ", "))  "],
    ];
    const rand = seededPick(11);
    let matched = 0;
    for (let k = 0; k < 20_000; k++) {
      const s = pickFromSlots(slots, rand) + (rand(3) === 0 ? pickFromSlots(slots, rand) : "");
      const m = TRAILING_LINK.exec(s);
      if (m) matched++;
      expect(trailingLink(s), JSON.stringify(s)).toEqual(m ? { index: m.index, image: m[1] === "!", name: m[2], href: m[3] } : undefined);
    }
    expect(matched).toBeGreaterThan(500);
  });
});
