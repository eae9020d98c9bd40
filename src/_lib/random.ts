/**
 * Seeded pseudo-random numbers for sampling and data generation. Private to idic.
 *
 * The generator is SFC32 (Chris Doty-Humphrey's "small fast counting" generator, public domain
 * algorithm): 128 bits of state, passes PractRand to multiple terabytes, and runs on 32-bit integer
 * arithmetic, which JavaScript engines execute quickly. Seeds are spread with a 32-bit
 * integer hash so that nearby seeds (1, 2, 3) give unrelated streams, and `fork(key)` derives an
 * independent child stream — what lets a generator produce the same record for customer k
 * whether it runs in one batch or as a stream.
 */

/** A 32-bit integer hash with good avalanche (the "lowbias32" mixer by Chris Wellons). */
export function hash32(x: number): number {
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x = (x ^ (x >>> 15)) >>> 0;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  x = (x ^ (x >>> 16)) >>> 0;
  return x;
}

/** The FNV-1a state before any character. */
export const FNV_START = 0x811c9dc5;

/** The FNV prime of 32-bit FNV-1a. */
export const FNV_PRIME = 0x01000193;

/** An FNV-1a-style hash of `text` (xor each character, multiply by an odd `multiplier`), continuing from state `h`. */
export function hashText(h: number, text: string, multiplier: number): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), multiplier);
  return h;
}

/** Hashes a string to 32 bits (FNV-1a followed by {@link hash32}). */
export function hashString(text: string): number {
  return hash32(hashText(FNV_START, text, FNV_PRIME) >>> 0);
}

/** Folds a safe integer seed (all 53 bits, sign included) into 32 bits. */
function foldSeed(seed: number): number {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  return (hash32(lo) ^ hash32((hi + 0x632be5ab) >>> 0)) >>> 0;
}

/** Combines a seed (any safe integer) and a key into a new 32-bit seed. */
export function mixSeed(seed: number, key: number): number {
  return hash32((foldSeed(seed) ^ Math.imul(key >>> 0, 0x9e3779b1)) >>> 0);
}

/** A seeded random stream. Not cryptographically secure. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | undefined;

  /** @param seed - Any number; non-integers and negatives are folded into 32 bits. */
  constructor(seed: number) {
    const s = Number.isFinite(seed) ? Math.floor(seed) : 0;
    const lo = s >>> 0;
    const hi = Math.floor(s / 4294967296) >>> 0;
    this.a = hash32(lo ^ 0x9e3779b9);
    this.b = hash32(hi ^ 0x243f6a88);
    this.c = hash32(lo + 0x85a308d3);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float uniformly distributed in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer uniformly distributed in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer uniformly distributed in [lo, hi]. */
  intBetween(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** `true` with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** A child stream that depends only on this stream's seed history and `key`. */
  fork(key: number): Rng {
    return new Rng(mixSeed(this.nextUint32(), key));
  }

  /** A standard normal deviate (Marsaglia's polar method). */
  normal(): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return s;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = this.next() * 2 - 1;
      v = this.next() * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * m;
    return u * m;
  }

  /** An exponential deviate with the given rate. */
  exponential(rate: number): number {
    return -Math.log(1 - this.next()) / rate;
  }

  /** A gamma deviate with shape `k` and rate `rate` (Marsaglia & Tsang 2000). */
  gamma(shape: number, rate: number): number {
    if (shape < 1) {
      const u = this.next();
      return this.gamma(shape + 1, rate) * Math.pow(u === 0 ? Number.MIN_VALUE : u, 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.next();
      if (u < 1 - 0.0331 * x * x * x * x) return (d * v) / rate;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return (d * v) / rate;
    }
  }

  /** A beta deviate with shapes `a` and `b`. */
  beta(a: number, b: number): number {
    const x = this.gamma(a, 1);
    const y = this.gamma(b, 1);
    return x / (x + y);
  }

  /** A Poisson deviate with the given mean (inversion for small means, normal approximation above 500). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 500) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k += 1;
      p *= this.next();
    }
    return k;
  }

  /** A geometric deviate: the number of failures before the first success, success probability `p`. */
  geometric(p: number): number {
    if (p >= 1) return 0;
    return Math.floor(Math.log(1 - this.next()) / Math.log(1 - p));
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }
}

/**
 * Walker's alias table: draws an index with probability proportional to its weight in O(1).
 */
export class AliasTable {
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;

  /** @param weights - Non-negative weights, at least one positive. */
  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i] as number;
    if (!(total > 0)) throw new RangeError("AliasTable needs at least one positive weight");
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = new Float64Array(n);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) {
      scaled[i] = ((weights[i] as number) * n) / total;
      ((scaled[i] as number) < 1 ? small : large).push(i);
    }
    while (small.length > 0 && large.length > 0) {
      const s = small.pop() as number;
      const l = large.pop() as number;
      this.prob[s] = scaled[s] as number;
      this.alias[s] = l;
      scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1;
      ((scaled[l] as number) < 1 ? small : large).push(l);
    }
    for (const i of large) this.prob[i] = 1;
    for (const i of small) this.prob[i] = 1;
  }

  /** Draws one index. */
  sample(rng: Rng): number {
    const i = rng.int(this.prob.length);
    return rng.next() < (this.prob[i] as number) ? i : (this.alias[i] as number);
  }
}

/** A 4-round Feistel network on two `half`-bit halves: a keyed bijection of [0, 2^(2·half)). */
function feistel(key: number, value: number, half: number): number {
  const mask = (1 << half) - 1;
  let left = (value >>> half) & mask;
  let right = value & mask;
  for (let round = 0; round < 4; round++) {
    const f = hash32((right ^ Math.imul(key + round, 0x9e3779b1)) >>> 0) & mask;
    const next = left ^ f;
    left = right;
    right = next;
  }
  return ((left << half) | right) >>> 0;
}

/**
 * A keyed pseudo-random permutation of the integers [0, 2^30). Distinct inputs give distinct
 * outputs, so `permute30(key, n)` turns a running number into an id that is unique, looks random
 * and reveals nothing about generation order.
 */
export function permute30(key: number, value: number): number {
  return feistel(key, value, 15);
}

/**
 * A keyed permutation of [0, domain) for any domain up to 2^30: a Feistel network on the smallest
 * even number of bits that covers the domain (fewer than 4 × domain values), cycle-walked until the
 * result falls inside the domain — distinct values below `domain` give distinct results below it,
 * in fewer than 4 steps on average.
 */
export function permuteBelow(key: number, value: number, domain: number): number {
  const half = Math.max(1, Math.ceil(Math.log2(Math.max(2, domain)) / 2));
  let v = feistel(key, value, half);
  while (v >= domain) v = feistel(key, v, half);
  return v;
}
