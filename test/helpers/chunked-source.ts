import { memorySource, type InputSource } from "../../src/io/source.js";

/**
 * An in-memory source whose stream gives chunks of `size` bytes, so a reader meets every chunk boundary;
 * `range` only when asked (without it, readRange skips through the stream).
 */
export function chunkedSource(name: string, bytes: Uint8Array, size: number, withRange = false): InputSource {
  const { openReader: _o, range, ...mem } = memorySource(name, bytes);
  return {
    ...mem,
    ...(withRange && range ? { range } : {}),
    async *stream() {
      for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
    },
  };
}
