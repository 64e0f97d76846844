/**
 * htmlparser2 (9.1, and still in 12.0) keeps its open-element stack newest-first, pushing with
 * `unshift` and popping with `shift`: each costs the stack's depth, so parsing is quadratic in how
 * deeply elements nest. QQ's rows nest about ten deep, but a hostile 3 MB MHT of 300,000 nested
 * `<div>`s never finished. When a parser's nesting gets deep, {@link deepenParserStacks} swaps its two
 * stacks for {@link newestFirst} views over newest-last arrays: the same reads and writes, each O(1)
 * (`indexOf` scans from the newest end, and answers -1 at once for a name not open at all).
 *
 * This reaches into the parser's fields `stack` and `foreignContext`; the version is pinned, and
 * test/hostile/mht-deep-nesting.test.ts fails if they are renamed.
 */

/** The operations htmlparser2's Parser performs on its stacks: index 0 is the newest element. */
export interface NewestFirst<T> {
  length: number;
  [index: number]: T | undefined;
  shift(): T | undefined;
  unshift(item: T): number;
  indexOf(item: T): number;
}

/** A newest-first view of `initial` (index 0 newest) backed by a newest-last array. */
export function newestFirst<T>(initial: readonly T[]): NewestFirst<T> {
  const items = [...initial].reverse();
  const counts = new Map<T, number>();
  for (const x of items) counts.set(x, (counts.get(x) ?? 0) + 1);
  const fromTop = (i: number) => items.length - 1 - i;
  const ops = {
    shift(): T | undefined {
      const x = items.pop();
      if (x !== undefined) counts.set(x, counts.get(x)! - 1);
      return x;
    },
    unshift(x: T): number {
      counts.set(x, (counts.get(x) ?? 0) + 1);
      return items.push(x);
    },
    indexOf(x: T): number {
      if (!counts.get(x)) return -1;
      const i = items.lastIndexOf(x);
      return fromTop(i);
    },
  };
  return new Proxy([] as unknown as NewestFirst<T>, {
    get(_t, key) {
      if (key === "length") return items.length;
      if (typeof key === "string" && key in ops) return ops[key as keyof typeof ops];
      if (typeof key === "string" && /^\d+$/.test(key)) return items[fromTop(Number(key))];
      return undefined;
    },
    set(_t, key, value) {
      if (key !== "length") return false;
      // Truncating a newest-first array keeps its newest entries: drop the oldest.
      const drop = items.length - Number(value);
      for (const x of items.splice(0, Math.max(0, drop))) counts.set(x, counts.get(x)! - 1);
      return true;
    },
  });
}

/** Parser fields this module replaces. */
interface ParserStacks {
  stack: string[];
  foreignContext: boolean[];
}

/**
 * Replaces a parser's open-element and foreign-context stacks with {@link newestFirst} views, keeping
 * their contents. Throws when the parser has no such fields (a changed htmlparser2).
 */
export function deepenParserStacks(parser: object): void {
  const p = parser as Partial<ParserStacks>;
  if (!Array.isArray(p.stack) || !Array.isArray(p.foreignContext)) throw new Error("htmlparser2's Parser no longer has the stack fields qq-mht relies on");
  p.stack = newestFirst(p.stack) as unknown as string[];
  p.foreignContext = newestFirst(p.foreignContext) as unknown as boolean[];
}
