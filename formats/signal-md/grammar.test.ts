import { describe, expect, it } from "vitest";
import { linkPath, parseHeader, splitBody } from "./grammar.js";

describe("signal-md header lines", () => {
  it("reads both styles and the text after the colon", () => {
    expect(parseHeader("[2024-05-01 09:15:02] Jane Doe: Hi: there")).toMatchObject({ rawTime: "2024-05-01 09:15:02", second: 2, style: "current", sender: "Jane Doe", rest: "Hi: there" });
    expect(parseHeader("[2019-12-24, 12:23] Jane Doe: Hello John!")).toMatchObject({ rawTime: "2019-12-24, 12:23", minute: 23, style: "2019", sender: "Jane Doe", rest: "Hello John!" });
    expect(parseHeader("[2024-05-01 09:18:30] Me: ")).toMatchObject({ sender: "Me", rest: "" });
  });

  it("refuses the mixed shapes neither style writes, and WhatsApp's", () => {
    expect(parseHeader("[2024-05-01, 09:15:02] Jane: x")).toBeUndefined();
    expect(parseHeader("[2024-05-01 09:15] Jane: x")).toBeUndefined();
    expect(parseHeader("[13/06/2018, 21:25:15] Jane: x")).toBeUndefined();
    expect(parseHeader(" [2024-05-01 09:15:02] Jane: x")).toBeUndefined();
  });
});

describe("signal-md bodies", () => {
  it("takes attachments, a sticker and reactions off the end, in the exporter's order", () => {
    const p = splitBody("Look  \n(- Me: 👍, Jane: ❤️ -)\n(( 🎉 ))![a b.jpg](./media/a%20b.jpg)  [c.pdf](./media/c.pdf)  ");
    expect(p.text).toBe("Look");
    expect(p.reactions).toEqual([{ name: "Me", emoji: "👍" }, { name: "Jane", emoji: "❤️" }]);
    expect(p.sticker).toEqual({ label: "🎉" });
    expect(p.attachments).toEqual([
      { name: "a b.jpg", href: "./media/a%20b.jpg", image: true },
      { name: "c.pdf", href: "./media/c.pdf", image: false },
    ]);
    expect(linkPath(p.attachments[0]!.href)).toBe("media/a b.jpg");
  });

  it("reads a quote before the text, and keeps links that are part of the text", () => {
    const p = splitBody("\n\n> first\n> \n> second\n\nsee [docs](https://example.org) ok  ");
    expect(p.quote).toBe("first\n\nsecond");
    expect(p.text).toBe("see [docs](https://example.org) ok");
  });

  it("marks a deleted message and a linked sticker", () => {
    expect(splitBody("(This message was deleted)")).toMatchObject({ deleted: true, text: "" });
    const s = splitBody("  [🐱](../exported_stickers/p1/s2.webp)  ");
    expect(s.sticker).toEqual({ label: "🐱", link: { name: "🐱", href: "../exported_stickers/p1/s2.webp", image: false } });
    expect(s.attachments).toEqual([]);
    expect(s.text).toBe("");
  });

  it("leaves a text the exporter did not touch as it is", () => {
    expect(splitBody("plain\n\n(not a reaction)")).toMatchObject({ text: "plain\n\n(not a reaction)", reactions: [], attachments: [] });
  });
});
