import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parseSimpleXml } from "./xml-fast.js";

/** A parsed XML payload: elements as objects, attributes as `@_name`, text as strings. */
export type XmlNode = Record<string, unknown>;

/** The outcome of parsing a payload: the tree (possibly partial) and whether it was well-formed. */
export interface XmlResult {
  node: XmlNode | undefined;
  wellFormed: boolean;
  /** The validator's complaint when not well-formed. */
  problem?: string;
}

/** The fast-xml-parser options WeChat payloads are read with (xml-fast.test.ts compares against them). */
export const WECHAT_XML_OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
} as const;

const parser = new XMLParser(WECHAT_XML_OPTIONS);

/**
 * The same parser for payloads with no `&` and no `<!` (no entity reference, DOCTYPE, CDATA or comment),
 * where entity decoding cannot change anything: fast-xml-parser builds its entity tables on every
 * `parse()`, and with `htmlEntities` that copy was most of the time and garbage of an image message
 * (≈18 KB per call in the 1M-row profile).
 */
const plainParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: false,
  htmlEntities: false,
});

/**
 * Parses WeChat XML leniently: `\0` stripped (PyWxDump does the same, §9.2); a payload the validator
 * rejects is still parsed in recovery mode (like lxml `recover=True`) and flagged not well-formed so the
 * caller reports `malformed-payload` and keeps the raw text.
 */
export function parseWechatXml(text: string): XmlResult {
  const clean = text.replace(/\u0000/g, "").trim();
  const start = clean.indexOf("<");
  if (start < 0) return { node: undefined, wellFormed: false, problem: "no XML element" };
  const body = clean.slice(start);
  const plain = body.indexOf("&") === -1 && body.indexOf("<!") === -1;
  const simple = plain ? parseSimpleXml(body) : undefined;
  if (simple) return { node: simple, wellFormed: true };
  const v = XMLValidator.validate(body);
  const problem = v === true ? undefined : `${v.err.msg} (line ${v.err.line}, col ${v.err.col})`;
  let node: XmlNode | undefined;
  try {
    const parsed = (plain ? plainParser : parser).parse(body) as XmlNode;
    node = Object.keys(parsed).length ? parsed : undefined;
  } catch {
    node = undefined;
  }
  return problem === undefined ? { node, wellFormed: node !== undefined } : { node, wellFormed: false, problem };
}

/** True when the text looks like an XML payload (after optional whitespace / `\0`). */
export function looksLikeXml(text: string): boolean {
  return /^[\s\u0000]*</.test(text);
}

/** Follows a path of element names; arrays take their first element. */
export function xmlGet(node: unknown, ...path: string[]): unknown {
  let cur: unknown = node;
  for (const key of path) {
    if (Array.isArray(cur)) cur = cur[0];
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as XmlNode)[key];
  }
  return Array.isArray(cur) ? cur[0] : cur;
}

/** An element's text (a string, a number, or the `#text` of an element with attributes). */
export function xmlText(node: unknown, ...path: string[]): string | undefined {
  const v = xmlGet(node, ...path);
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (v && typeof v === "object" && "#text" in v) return String((v as XmlNode)["#text"]);
  return undefined;
}

/** An attribute of the element at `path`. */
export function xmlAttr(node: unknown, attr: string, ...path: string[]): string | undefined {
  const el = path.length ? xmlGet(node, ...path) : node;
  if (!el || typeof el !== "object") return undefined;
  const v = (el as XmlNode)[`@_${attr}`];
  return v === undefined ? undefined : String(v);
}

/** All elements named `key` under a node, as an array (one element or many). */
export function xmlAll(node: unknown, key: string): unknown[] {
  if (!node || typeof node !== "object") return [];
  const v = (node as XmlNode)[key];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}
