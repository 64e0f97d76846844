/**
 * Byte-level mutations for fuzzing readers: flips, truncation, duplicated/shuffled/deleted lines,
 * injected NUL/BOM/CR/huge numbers/structure characters, replaced digit runs. Described as data so
 * fast-check can generate and shrink them.
 */
import fc from "fast-check";

const enc = new TextEncoder();
const INSERTS = [
  "\0", "\uFEFF", "\r", "\r\n", "\n", "\n\n", "123456789012345678901234567890", "-1", "1e309", "9007199254740993", "NaN", "-0",
  '"', "\\", "\\x", "\\u", "{", "}", "[", "]", "<", "</html>", "&#", "&#x110000;", "=?", "--", "\uD800", "\u0085", "\u2028", "\uFFFF",
  "1970-01-01 00:00:00", "9999-99-99 99:99:99", "0/0/0000", "[12/31/23, 25:61:61]", "\t", "💥", "<![CDATA[", "Content-Type: text/html\r\n",
].map((s) => enc.encode(s));

/** One mutation; positions are fractions of the current length so they shrink well. */
export type Mutation =
  | { op: "flip"; at: number; byte: number }
  | { op: "truncate"; at: number }
  | { op: "insert"; at: number; what: number }
  | { op: "randomBytes"; at: number; bytes: Uint8Array }
  | { op: "dupLine"; line: number }
  | { op: "dropLine"; line: number }
  | { op: "swapLines"; a: number; b: number }
  | { op: "digits"; run: number; with: string }
  | { op: "replaceAll"; bytes: Uint8Array };

const frac = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant("flip" as const), at: frac, byte: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("truncate" as const), at: frac }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("insert" as const), at: frac, what: fc.nat({ max: INSERTS.length - 1 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("randomBytes" as const), at: frac, bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("dupLine" as const), line: frac }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("dropLine" as const), line: frac }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("swapLines" as const), a: frac, b: frac }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("digits" as const), run: frac, with: fc.constantFrom("99999999999999999999999999", "0", "00", "-5", "1e400", "13", "32", "60", "2147483648", "18446744073709551616") }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("replaceAll" as const), bytes: fc.uint8Array({ maxLength: 2048 }) }) },
);

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

function lines(b: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let s = 0;
  for (let i = 0; i < b.length; i++) if (b[i] === 10) {
    out.push(b.subarray(s, i + 1));
    s = i + 1;
  }
  if (s < b.length) out.push(b.subarray(s));
  return out;
}

/** Applies one mutation. */
export function applyMutation(b: Uint8Array, m: Mutation): Uint8Array {
  const pos = (f: number) => Math.floor(f * (b.length + 1));
  switch (m.op) {
    case "flip": {
      if (!b.length) return b;
      const c = b.slice();
      c[Math.min(pos(m.at), b.length - 1)] = m.byte;
      return c;
    }
    case "truncate":
      return b.slice(0, pos(m.at));
    case "insert":
      return concat(b.subarray(0, pos(m.at)), INSERTS[m.what]!, b.subarray(pos(m.at)));
    case "randomBytes":
      return concat(b.subarray(0, pos(m.at)), m.bytes, b.subarray(pos(m.at)));
    case "replaceAll":
      return m.bytes;
    case "digits": {
      const text = Buffer.from(b).toString("latin1");
      const runs = [...text.matchAll(/\d+/g)];
      if (!runs.length) return b;
      const r = runs[Math.floor(m.run * runs.length)]!;
      return concat(b.subarray(0, r.index), enc.encode(m.with), b.subarray(r.index + r[0].length));
    }
    default: {
      const ls = lines(b);
      if (!ls.length) return b;
      const at = (f: number) => Math.floor(f * ls.length);
      if (m.op === "dupLine") ls.splice(at(m.line), 0, ls[at(m.line)]!);
      else if (m.op === "dropLine") ls.splice(at(m.line), 1);
      else {
        const [i, j] = [at(m.a), at(m.b)];
        [ls[i], ls[j]] = [ls[j]!, ls[i]!];
      }
      return concat(...ls);
    }
  }
}

/** Applies mutations in order. */
export const mutate = (b: Uint8Array, ms: Mutation[]): Uint8Array => ms.reduce(applyMutation, b);
