/**
 * A copy of `s` that shares no memory with the string it came from.
 *
 * V8 makes a substring of 13 or more characters (`slice`, a regex group, a parser's field) a view into
 * its parent, so one id or raw line kept for the whole run keeps the whole decoded chunk it was cut from
 * alive (64 KiB and up). Anything a reader or the pipeline keeps until the end (diagnostics, sets of
 * ids) is copied with this. Measured: 1,000 `unrecognized-record` diagnostics spread through a 100 MB
 * CSV held 110 MB of chunks; 8k flagged ids of a 4M-row CSV, 500 MB.
 */
export function ownedString(s: string): string {
  if (s.length < 13) return s; // V8 copies short substrings anyway
  return Buffer.from(s, "utf16le").toString("utf16le");
}

/**
 * A deep copy of plain data (plain objects, arrays, strings, numbers…) whose strings are {@link ownedString}
 * copies; anything else (bytes, dates, class instances) is shared as it is, and so is whatever lies deeper
 * than {@link MAX_COPY_DEPTH} levels (hostile input nests 100k deep; a recursion there overflows the stack).
 */
export function ownedCopy<T>(value: T, depth = 0): T {
  if (typeof value === "string") return ownedString(value) as T;
  if (value === null || typeof value !== "object" || depth >= MAX_COPY_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => ownedCopy(v, depth + 1)) as T;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value; // bytes, dates, class instances: as they are
  const out = Object.create(proto) as Record<string, unknown>;
  // defineProperty: a key named "__proto__" (extra fields are the source's own keys) stays a key.
  for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: ownedCopy(v, depth + 1), enumerable: true, writable: true, configurable: true });
  return out as T;
}

/** Levels {@link ownedCopy} copies; model objects are a few deep, reader `extra` rarely more than ten. */
export const MAX_COPY_DEPTH = 32;
