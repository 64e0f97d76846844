import type { XmlNode } from "./xml.js";

/**
 * A small parser for the plain XML most WeChat payloads are (an image's `<msg><img …/></msg>`, an app
 * message's `<appmsg>` of text-only fields): it gives exactly the tree fast-xml-parser gives with
 * {@link parseWechatXml}'s options, or undefined as soon as the text leaves that simple subset — the
 * caller then validates and parses it with fast-xml-parser as before. The 1M-row profile showed the
 * validator and parser allocating ~16 KB and ~10 µs per image message (most of the reader's garbage).
 *
 * The subset: an optional `<?xml …?>` declaration, then one element tree; ASCII names; attributes as
 * ` name="value"` (or single quotes) without `<`, `>`, `&`, line breaks or repeats, at most 64 to an element; every element holds
 * either text only or elements only (separated by spaces, tabs or LF). No entities, CDATA, comments,
 * DOCTYPE, other processing instructions, CR, names JS reserves (fast-xml-parser refuses or renames
 * them) or nesting deeper than 40. Such a text is well-formed, so the validator is not needed either.
 * xml-fast.test.ts holds it equal to fast-xml-parser on samples and on generated documents.
 */
export function parseSimpleXml(body: string): XmlNode | undefined {
  src = body;
  pos = 0;
  try {
    const root: XmlNode = {};
    skipSpace();
    if (src.startsWith("<?xml", pos)) {
      pos += 5;
      const decl = attributes();
      if (decl === undefined || decl.length === 0 || !src.startsWith("?>", pos)) return undefined;
      pos += 2;
      root["?xml"] = attributeObject(decl);
      skipSpace();
    }
    if (src.charCodeAt(pos) !== LT) return undefined;
    pos++;
    const name = readName();
    if (name === undefined) return undefined;
    const value = element(name, 0);
    if (value === undefined) return undefined;
    root[name] = value;
    skipSpace();
    return pos === src.length ? root : undefined;
  } finally {
    src = "";
  }
}

// Parser state (module-level: one parse at a time, no closure or object per call).
let src = "";
let pos = 0;

const LT = 60, GT = 62, SLASH = 47, EQ = 61, DQ = 34, SQ = 39, QM = 63;
const RESERVED = new Set(["hasownproperty", "tostring", "valueof", "__definegetter__", "__definesetter__", "__lookupgetter__", "__lookupsetter__", "__proto__", "constructor", "prototype"]);

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10;
const isNameStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;

function skipSpace(): void {
  while (pos < src.length && isSpace(src.charCodeAt(pos))) pos++;
}

/** An ASCII name at `pos` (not one JS reserves); undefined otherwise. */
function readName(): string | undefined {
  const start = pos;
  if (!isNameStart(src.charCodeAt(pos))) return undefined;
  pos++;
  while (pos < src.length && isNameChar(src.charCodeAt(pos))) pos++;
  const name = src.slice(start, pos);
  return RESERVED.has(name.toLowerCase()) ? undefined : name;
}

/** ` a="1" b='2'` up to (not including) `>`, `/>` or `?>`: [name, trimmed value] pairs; undefined outside the subset. */
function attributes(): [string, string][] | undefined {
  const out: [string, string][] = [];
  for (;;) {
    const before = pos;
    skipSpace();
    const c = src.charCodeAt(pos);
    if (c === GT || c === SLASH || c === QM) return out;
    if (pos === before) return undefined; // an attribute must follow a space
    const name = readName();
    if (name === undefined || src.charCodeAt(pos) !== EQ) return undefined;
    const q = src.charCodeAt(++pos);
    if (q !== DQ && q !== SQ) return undefined;
    const start = ++pos;
    for (;;) {
      if (pos >= src.length) return undefined;
      const v = src.charCodeAt(pos);
      if (v === q) break;
      if (v === LT || v === GT || v === 38 || v === 10 || v === 13 || v === 9) return undefined;
      pos++;
    }
    const value = src.slice(start, pos).trim();
    pos++;
    // The repeat check is quadratic: an element with 200,000 attributes (a hostile cell) took minutes.
    // WeChat writes a handful; more is left to fast-xml-parser, which is linear.
    if (out.length >= MAX_ATTRIBUTES) return undefined;
    for (const [n] of out) if (n === name) return undefined;
    out.push([name, value]);
  }
}

/** Attributes of one element the fast path takes. */
export const MAX_ATTRIBUTES = 64;

function attributeObject(attrs: [string, string][], into: XmlNode = {}): XmlNode {
  for (const [n, v] of attrs) into["@_" + n] = v;
  return into;
}

/** The element whose name was just read: its value as fast-xml-parser builds it; undefined outside the subset. */
function element(name: string, depth: number): XmlNode | string | undefined {
  if (depth > 40) return undefined;
  const attrs = attributes();
  if (attrs === undefined) return undefined;
  if (src.charCodeAt(pos) === SLASH) {
    if (src.charCodeAt(pos + 1) !== GT) return undefined;
    pos += 2;
    return attrs.length ? attributeObject(attrs) : "";
  }
  if (src.charCodeAt(pos) !== GT) return undefined;
  pos++;
  let children: XmlNode | undefined;
  let text = "";
  for (;;) {
    const lt = src.indexOf("<", pos);
    if (lt < 0) return undefined;
    // The text before this tag: only spaces between elements; the whole content of a text-only element.
    let blank = true;
    for (let i = pos; i < lt; i++) {
      const c = src.charCodeAt(i);
      if (c === GT || c === 13 || c === 38) return undefined;
      if (!isSpace(c)) blank = false;
    }
    const next = src.charCodeAt(lt + 1);
    if (next === SLASH) {
      if (!blank) {
        if (children) return undefined; // text beside elements: mixed content
        text = src.slice(pos, lt);
      }
      if (!src.startsWith(name, lt + 2) || src.charCodeAt(lt + 2 + name.length) !== GT) return undefined;
      pos = lt + 3 + name.length;
      break;
    }
    if (!blank || text !== "" || !isNameStart(next)) return undefined;
    pos = lt + 1;
    const childName = readName();
    if (childName === undefined) return undefined;
    const value = element(childName, depth + 1);
    if (value === undefined) return undefined;
    children ??= {};
    if (!Object.hasOwn(children, childName)) children[childName] = value;
    else {
      const prev = children[childName];
      if (Array.isArray(prev)) prev.push(value);
      else children[childName] = [prev, value];
    }
  }
  if (children) return attrs.length ? attributeObject(attrs, children) : children;
  const t = text.trim();
  if (!attrs.length) return t;
  return t ? attributeObject(attrs, { "#text": t }) : attributeObject(attrs);
}
