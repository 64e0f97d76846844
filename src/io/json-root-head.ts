/**
 * What the head of a JSON file says about its root object when the head ends before `messages`: the
 * root keys read so far and their scalar values, and whether the head ends inside one of them. A chat
 * name of 1 MB (or any long value before `messages`) leaves detection no more than this to go on.
 */
export interface RootHead {
  /** Root keys in the order written, each with its value when it is a complete string or number. */
  keys: { key: string; value?: string | number }[];
  /** The key whose value the head ends inside (a string, object or array cut off), if any. */
  cutIn?: string;
}

const WS = /\s/;

/** Reads a JSON string starting at the quote `i`; returns its end (after the closing quote) or -1 when the head ends first. */
function stringEnd(t: string, i: number): number {
  for (let j = i + 1; j < t.length; j++) {
    const c = t.charCodeAt(j);
    if (c === 92) j++;
    else if (c === 34) return j + 1;
  }
  return -1;
}

/** Skips an object or array starting at `i`; returns its end or -1 when the head ends inside it. */
function containerEnd(t: string, i: number): number {
  let depth = 0;
  for (let j = i; j < t.length; j++) {
    const c = t[j];
    if (c === '"') {
      j = stringEnd(t, j) - 1;
      if (j < 0) return -1;
    } else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      if (--depth === 0) return j + 1;
    }
  }
  return -1;
}

/**
 * Scans the root object of a JSON head (BOM already removed) key by key. Returns undefined when the
 * text is no JSON object, when it is malformed before the head ends, or when the object closes within
 * the head (then the whole object was there for the ordinary rules to see).
 */
export function readRootHead(text: string): RootHead | undefined {
  let i = 0;
  const skipWs = (): void => {
    while (i < text.length && WS.test(text[i]!)) i++;
  };
  skipWs();
  if (text[i] !== "{") return undefined;
  i++;
  const keys: RootHead["keys"] = [];
  for (;;) {
    skipWs();
    if (i >= text.length) return { keys };
    if (text[i] === "}") return undefined;
    if (keys.length) {
      if (text[i] !== ",") return undefined;
      i++;
      skipWs();
      if (i >= text.length) return { keys };
    }
    if (text[i] !== '"') return undefined;
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) return { keys };
    let key: string;
    try {
      key = JSON.parse(text.slice(i, keyEnd)) as string;
    } catch {
      return undefined;
    }
    i = keyEnd;
    skipWs();
    if (i >= text.length) return { keys };
    if (text[i] !== ":") return undefined;
    i++;
    skipWs();
    if (i >= text.length) return { keys, cutIn: key };
    const c = text[i]!;
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return { keys: [...keys, { key }], cutIn: key };
      let value: string;
      try {
        value = JSON.parse(text.slice(i, end)) as string;
      } catch {
        return undefined;
      }
      keys.push({ key, value });
      i = end;
    } else if (c === "{" || c === "[") {
      const end = containerEnd(text, i);
      keys.push({ key });
      if (end < 0) return { keys, cutIn: key };
      i = end;
    } else {
      const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
      if (!m) return undefined;
      const n = Number(m[0]);
      keys.push(Number.isFinite(n) && /\d/.test(m[0]) ? { key, value: n } : { key });
      i += m[0].length;
    }
  }
}
