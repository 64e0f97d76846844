/**
 * Parses a run of whole message objects with one `JSON.parse` (fast-messages.ts finds the run by the
 * separator tdesktop writes between messages, without scanning the characters of each message).
 *
 * Why this is safe: the run starts at a message's "{" (outside any string, at the array's own depth), so
 * `JSON.parse("[" + run + "]")` succeeds only if the run is exactly a comma-separated list of complete
 * values of that array — a cut inside a string leaves the string open, a cut inside a nested value leaves
 * brackets unbalanced, a run past the array's "]" has text after the wrapper's "]". Any refusal sends
 * the run back to the element-by-element path, which judges it as before.
 */
import type { JsonObject } from "./json-types.js";
import { quoteBigIntegers } from "./quote-big.js";

/** Nesting beyond which an element is left to the walker (the converters recurse over values). */
export const MAX_DEPTH = 256;

/** What {@link inspect} found in a parsed element. */
const enum Found { Fine = 0, BigInteger = 1, TooDeep = 2 }

/**
 * Depth and integer check of one parsed value at nesting `level` (the message object is level 1):
 * TooDeep beyond {@link MAX_DEPTH} (recursion stops there), BigInteger when a number is beyond 2^53 (an
 * integer a double cannot hold exactly, or Infinity: its literal may have to be kept as text, as the
 * walker's tokenizer keeps it; quoteBigIntegers decides).
 */
function inspect(v: object, level: number): Found {
  if (level > MAX_DEPTH) return Found.TooDeep;
  let found = Found.Fine;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const f = inspectMember(v[i], level);
      if (f === Found.TooDeep) return f;
      found |= f;
    }
  } else
    for (const k in v) {
      const f = inspectMember((v as Record<string, unknown>)[k], level);
      if (f === Found.TooDeep) return f;
      found |= f;
    }
  return found;
}

/** {@link inspect} of one array item or property value of a value at `level`. */
function inspectMember(x: unknown, level: number): Found {
  if (typeof x === "object" && x !== null) return inspect(x, level + 1);
  return typeof x === "number" && (x > Number.MAX_SAFE_INTEGER || x < -Number.MAX_SAFE_INTEGER) ? Found.BigInteger : Found.Fine;
}

/**
 * The message objects of `run` (text from a message's "{" to the "}" closing the last one), or
 * undefined when the run is not exactly a list of message objects nested at most {@link MAX_DEPTH} deep.
 */
export function parseRun(run: string): JsonObject[] | undefined {
  let values: unknown[];
  try {
    values = JSON.parse("[" + run + "]") as unknown[];
  } catch {
    return undefined;
  }
  let big = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
    const f = inspect(v, 1);
    if (f === Found.TooDeep) return undefined;
    if (f === Found.BigInteger) big = true;
  }
  // Rare (channel ids beyond 2^53): the run is read again with those literals quoted.
  if (big) values = JSON.parse("[" + quoteBigIntegers(run) + "]") as unknown[];
  return values as JsonObject[];
}
