/**
 * Bounded selection of the best (score, index) pairs, ties to the lower index (internal): one
 * binary min-heap per row in shared typed arrays, whose root is the worst pair kept, so an offer
 * that cannot enter costs one comparison.
 */

/** Whether (wa, a) ranks after (wb, b): lower weight, or equal weight and higher index. */
function worse(wa: number, a: number, wb: number, b: number): boolean {
  return wa < wb || (wa === wb && a > b);
}

/** The kept pairs of one row, best first. */
export interface Kept {
  /** Indices. */
  readonly items: Int32Array;
  /** Their weights. */
  readonly weights: Float64Array;
  /** The number carried with each (for example a co-occurrence count). */
  readonly extras: Int32Array;
}

/** The best `k` (weight, index, extra) triples of each of `rows` rows. */
export class BestK {
  /** Per row, the weight below which an offer cannot enter: −Infinity while the row has room, then the worst kept. */
  readonly floors: Float64Array;
  private readonly sizes: Int32Array;
  private readonly items: Int32Array;
  private readonly weights: Float64Array;
  private readonly extras: Int32Array;

  constructor(
    readonly k: number,
    rows = 1,
  ) {
    this.floors = new Float64Array(rows).fill(-Infinity);
    this.sizes = new Int32Array(rows);
    this.items = new Int32Array(rows * k);
    this.weights = new Float64Array(rows * k);
    this.extras = new Int32Array(rows * k);
  }

  /** Offers (w, j, extra) to a row. */
  offer(w: number, j: number, extra = 0, row = 0): void {
    const k = this.k;
    const base = row * k;
    const size = this.sizes[row] as number;
    const weights = this.weights;
    const items = this.items;
    if (size < k) {
      let c = size;
      this.sizes[row] = size + 1;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(w, j, weights[base + p] as number, items[base + p] as number)) break;
        this.move(base + p, base + c);
        c = p;
      }
      this.put(base + c, w, j, extra);
      if (size + 1 === k) this.floors[row] = weights[base] as number;
      return;
    }
    if (k === 0 || worse(w, j, weights[base] as number, items[base] as number)) return;
    this.siftDown(base, k, w, j, extra);
    this.floors[row] = weights[base] as number;
  }

  /** Puts (w, j, extra) at the root of the heap of `size` pairs at `base`, replacing the root, and restores the heap order. */
  private siftDown(base: number, size: number, w: number, j: number, extra: number): void {
    const weights = this.weights;
    const items = this.items;
    let c = 0;
    for (;;) {
      const l = 2 * c + 1;
      if (l >= size) break;
      const r = l + 1;
      const m = r < size && worse(weights[base + r] as number, items[base + r] as number, weights[base + l] as number, items[base + l] as number) ? r : l;
      if (!worse(weights[base + m] as number, items[base + m] as number, w, j)) break;
      this.move(base + m, base + c);
      c = m;
    }
    this.put(base + c, w, j, extra);
  }

  private move(from: number, to: number): void {
    this.weights[to] = this.weights[from] as number;
    this.items[to] = this.items[from] as number;
    this.extras[to] = this.extras[from] as number;
  }

  private put(at: number, w: number, j: number, extra: number): void {
    this.weights[at] = w;
    this.items[at] = j;
    this.extras[at] = extra;
  }

  /**
   * The kept triples of a row, best first (weight descending, index ascending); the row is emptied.
   * Heapsort in place: the root, the worst pair left, moves behind the shrinking heap — O(k log k).
   */
  sorted(row = 0): Kept {
    const base = row * this.k;
    const size = this.sizes[row] as number;
    for (let n = size - 1; n > 0; n--) {
      const w = this.weights[base + n] as number;
      const j = this.items[base + n] as number;
      const x = this.extras[base + n] as number;
      this.move(base, base + n);
      this.siftDown(base, n, w, j, x);
    }
    this.sizes[row] = 0;
    this.floors[row] = -Infinity;
    return { items: this.items.slice(base, base + size), weights: this.weights.slice(base, base + size), extras: this.extras.slice(base, base + size) };
  }
}
