import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { parseSimpleXml } from "./xml-fast.js";
import { parseWechatXml, WECHAT_XML_OPTIONS } from "./xml.js";

// The reference: fast-xml-parser with the options parseWechatXml has always used.
const reference = new XMLParser(WECHAT_XML_OPTIONS);

/** Whenever the fast parser answers, it must answer exactly as the validator and parser would (key order included). */
function agrees(xml: string): boolean {
  const fast = parseSimpleXml(xml);
  if (fast === undefined) return false;
  expect(XMLValidator.validate(xml), xml).toBe(true);
  expect(JSON.stringify(fast), xml).toBe(JSON.stringify(reference.parse(xml)));
  return true;
}

/** SQL string literals holding markup in the samples of every WeChat reader (real payload shapes). */
function samplePayloads(): string[] {
  const root = join(import.meta.dirname, "../../samples");
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".sql"))
        for (const m of readFileSync(p, "utf8").matchAll(/'((?:[^']|'')*)'/g)) {
          const s = m[1]!.replace(/''/g, "'");
          const i = s.indexOf("<");
          if (i >= 0 && s.includes(">")) out.push(s.slice(i).trim());
        }
    }
  };
  for (const d of readdirSync(root)) if (/wechat|pywxdump/.test(d)) walk(join(root, d));
  return out;
}

/** A seeded generator of small documents, most inside the subset, many just outside it. */
function* generated(count: number): Generator<string> {
  let seed = 7;
  const rnd = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const pick = <T,>(xs: T[]): T => xs[rnd(xs.length)]!;
  const names = ["msg", "img", "appmsg", "title", "a", "A", "b", "x-y", "x.y", "_u", "item", "constructor", "toString", "isPrototypeOf", "ns:tag", "1bad"];
  const texts = ["", " ", "hello", "  spaced  out ", "多行\n文本", "a  b", "x>y", "tab\there", "cr\r\nlf", "\u3000全角\u3000", "&amp;", "<![CDATA[c]]>", "q\"uote'"];
  const values = ["1", "", " pad ", "v'al", 'v"al', "a b", "x>y", "line\nbreak", "&lt;", "中文"];
  const ws = ["", " ", "\n", "\n\t", "  ", "\r\n"];
  const elem = (depth: number): string => {
    const name = pick(names);
    let attrs = "";
    for (let i = rnd(4); i > 0; i--) {
      const q = pick(['"', "'"]);
      const v = pick(values);
      attrs += `${pick([" ", " ", "  ", "\n", ""])}${pick(names.slice(0, 9))}${pick(["=", "=", " = "])}${q}${v.includes(q) ? "v" : v}${q}`;
    }
    const kind = rnd(depth > 3 ? 3 : 6);
    if (kind === 0) return `<${name}${attrs}${pick(["/>", " />"])}`;
    if (kind === 1) return `<${name}${attrs}></${name}>`;
    if (kind === 2) return `<${name}${attrs}>${pick(texts)}</${pick([name, name, name, "other"])}>`;
    let inner = "";
    for (let i = 1 + rnd(4); i > 0; i--) inner += pick(ws) + (rnd(8) === 0 ? pick(texts) : "") + elem(depth + 1);
    return `<${name}${attrs}>${inner}${pick(ws)}</${name}>`;
  };
  for (let i = 0; i < count; i++) {
    const decl = pick(["", "", '<?xml version="1.0"?>\n', "<?xml version='1.0' encoding=\"utf-8\" ?>", "<?xml?>", "<?pi x?>"]);
    yield decl + elem(0) + pick(["", "\n", "  ", "<b/>", "tail"]);
  }
}

describe("parseSimpleXml", () => {
  it("answers like fast-xml-parser on the samples' payloads, and takes the common ones", () => {
    const payloads = samplePayloads();
    expect(payloads.length).toBeGreaterThan(10);
    let taken = 0;
    for (const p of payloads) if (agrees(p)) taken++;
    expect(taken).toBeGreaterThan(payloads.length / 3);
  });

  it("answers like fast-xml-parser on generated documents, or leaves them to it", () => {
    let taken = 0, total = 0;
    for (const doc of generated(20000)) {
      total++;
      if (agrees(doc)) taken++;
    }
    expect(taken).toBeGreaterThan(500);
    expect(taken).toBeLessThan(total);
  });

  it("takes an image message and leaves entities, CDATA and mixed content to the full parser", () => {
    const img = '<?xml version="1.0"?>\n<msg>\n\t<img aeskey="00" encryver="1" length="61074" md5="0b" />\n</msg>\n';
    expect(parseSimpleXml(img.trim())).toEqual({ "?xml": { "@_version": "1.0" }, msg: { img: { "@_aeskey": "00", "@_encryver": "1", "@_length": "61074", "@_md5": "0b" } } });
    expect(parseSimpleXml("<msg><a>x &amp; y</a></msg>")).toBeUndefined();
    expect(parseSimpleXml("<msg><![CDATA[x]]></msg>")).toBeUndefined();
    expect(parseSimpleXml("<msg>text<a/></msg>")).toBeUndefined();
    // parseWechatXml's answer does not depend on the path taken
    expect(parseWechatXml(img).node).toEqual(reference.parse(img.trim()));
    expect(parseWechatXml("<msg><a>x &amp; y</a></msg>").node).toEqual({ msg: { a: "x & y" } });
  });

  it("leaves an element of more than 64 attributes to the full parser (its repeat check is quadratic)", () => {
    const attrs = (n: number) => Array.from({ length: n }, (_, i) => ` a${i}="${i}"`).join("");
    expect(parseSimpleXml(`<msg${attrs(64)}/>`)).toEqual(reference.parse(`<msg${attrs(64)}/>`));
    expect(parseSimpleXml(`<msg${attrs(65)}/>`)).toBeUndefined();
    expect(parseWechatXml(`<msg${attrs(65)}/>`).node).toEqual(reference.parse(`<msg${attrs(65)}/>`));
  });
});
