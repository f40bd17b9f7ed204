/**
 * Seeded PRNG (splitmix32). The only source of randomness in the simulator: ISNs, ephemeral
 * ports, spoofed flood sources — and, through lib/scenarios/rng.ts, question parameters. Never
 * Math.random, so a scenario replays byte-identically. One 32-bit state, full period 2^32.
 * splitmix32 = a golden-ratio (0x9e3779b9) counter through MurmurHash3's fmix32 finalizer.
 */
export type Prng = { next(): number; below(n: number): number };

export function createPrng(seed: number): Prng {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  return { next, below: (n: number) => next() % n };
}

/** Deterministic 32-bit hash of a string (FNV-1a), e.g. for SYN-cookie ISNs. */
export function hash32(str: string, seed: number): number {
  return fnv1a(fnvBasis(seed), str);
}

/** FNV-1a's starting state for `seed`. */
export const fnvBasis = (seed: number): number => (0x811c9dc5 ^ seed) >>> 0;

/**
 * FNV-1a over `str`, continuing from state `h`: hash32(a + b, seed) equals
 * fnv1a(fnv1a(fnvBasis(seed), a), b), so a key made of parts is hashed without being built.
 */
export function fnv1a(h: number, str: string): number {
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** fnv1a(h, String(n)) for a non-negative integer, without building the string (ports, ...). */
export function fnv1aUint(h: number, n: number): number {
  let div = 1;
  while (div * 10 <= n) div *= 10;
  for (; div >= 1; div = Math.floor(div / 10)) {
    h ^= 48 + (Math.floor(n / div) % 10);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
