/**
 * Question-generation helpers on top of the project's one seeded PRNG (splitmix32 in
 * lib/tcp/prng.ts, shared with the simulator). Pure: no Math.random, the same seed always
 * gives the same sequence.
 */
import { createPrng } from "../tcp/prng";

export type Rng = {
  /** Next unsigned 32-bit integer. */
  u32(): number;
  /** Uniform float in [0, 1). */
  float(): number;
  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** true with probability p. */
  chance(p: number): boolean;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** k distinct elements in random order (k ≤ items.length). */
  sample<T>(items: readonly T[], k: number): T[];
};

export function createRng(seed: number): Rng {
  const u32 = createPrng(seed).next;
  const float = (): number => u32() / 0x1_0000_0000;
  const int = (lo: number, hi: number): number => {
    if (hi < lo) throw new Error(`rng.int: empty range [${lo}, ${hi}]`);
    return lo + Math.floor(float() * (hi - lo + 1));
  };
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error("rng.pick: empty array");
    return items[int(0, items.length - 1)] as T;
  };
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(0, i);
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  };
  return {
    u32,
    float,
    int,
    pick,
    chance: (p) => float() < p,
    shuffle,
    sample: (items, k) => shuffle(items).slice(0, k),
  };
}
