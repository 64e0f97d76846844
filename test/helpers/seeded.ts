/**
 * A seeded pseudo-random pick for generated test inputs (mulberry32): the same seed gives the same
 * sequence on every run, so a failing generated case can be replayed.
 */
export function seededPick(seed: number): (n: number) => number {
  let s = seed;
  return (n: number) => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

/** One line made of a random choice from each slot, in order. */
export const pickFromSlots = (slots: readonly (readonly string[])[], rand: (n: number) => number): string => slots.map((slot) => slot[rand(slot.length)]).join("");
