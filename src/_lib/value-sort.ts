/**
 * Comparator-free argsort for large numeric columns (used by `idic/value` to rank millions of
 * customers). Private to idic.
 */

/**
 * The positions of `values` ordered by value descending, ties by position ascending (a stable
 * sort), by least-significant-digit radix sort on an order-preserving 64-bit image of each double
 * (four 16-bit digit passes; a pass whose digit is the same for every value is skipped). Runs in
 * O(n) without comparisons, so millions of values take tens of milliseconds. NaN is not allowed
 * (callers replace it first); −0 and +0 are equal.
 *
 * @param values - The values.
 * @returns The positions, largest value first.
 */
export function argsortDescending(values: Float64Array): Int32Array {
  const n = values.length;
  // Order-preserving image: flip every bit of negatives, only the sign bit of positives (−0 is
  // read as +0); then complement everything so that an ascending radix sort yields descending values.
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const h = little ? 1 : 0;
  const l = 1 - h;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let a = words[2 * i + h] as number;
    const b = words[2 * i + l] as number;
    if (a === 0x80000000 && b === 0) a = 0; // −0
    if (a & 0x80000000) {
      hi[i] = a;
      lo[i] = b;
    } else {
      hi[i] = ~(a | 0x80000000) >>> 0;
      lo[i] = ~b >>> 0;
    }
  }
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Int32Array(n);
  const count = new Int32Array(65536);
  const passes: [Uint32Array, number][] = [
    [lo, 0],
    [lo, 16],
    [hi, 0],
    [hi, 16],
  ];
  for (const [key, shift] of passes) {
    count.fill(0);
    for (let i = 0; i < n; i++) {
      const d = ((key[i] as number) >>> shift) & 0xffff;
      count[d] = (count[d] as number) + 1;
    }
    if (n === 0 || count[((key[0] as number) >>> shift) & 0xffff] === n) continue; // one digit: nothing moves
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d] as number;
      count[d] = sum;
      sum += c;
    }
    for (let j = 0; j < n; j++) {
      const i = order[j] as number;
      const d = ((key[i] as number) >>> shift) & 0xffff;
      const at = count[d] as number;
      next[at] = i;
      count[d] = at + 1;
    }
    [order, next] = [next, order];
  }
  return order;
}

/**
 * The values that would sit at the given (0-based, ascending) positions if `values` were sorted
 * ascending — several order statistics at once by quickselect with three-way partitioning
 * (Hoare 1961; Bentley & McIlroy 1993), narrowing the range after each selection. O(n) per
 * statistic on average, robust to heavy ties. `values` is reordered in place (pass a copy to
 * keep it).
 *
 * @param values - The values (no NaN); reordered.
 * @param positions - Ascending positions in [0, n).
 * @returns The order statistics, one per position.
 */
export function orderStatistics(values: Float64Array, positions: readonly number[]): number[] {
  const a = values;
  const out: number[] = [];
  let lo = 0;
  const hiEnd = a.length - 1;
  for (const k of positions) {
    let left = lo;
    let right = hiEnd;
    for (;;) {
      if (left >= right) break;
      // Median of three as pivot.
      const mid = (left + right) >>> 1;
      const x = a[left] as number;
      const y = a[mid] as number;
      const z = a[right] as number;
      const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
      // Three-way partition: [left, lt) < pivot, [lt, gt] = pivot, (gt, right] > pivot.
      let lt = left;
      let gt = right;
      let i = left;
      while (i <= gt) {
        const v = a[i] as number;
        if (v < pivot) {
          a[i] = a[lt] as number;
          a[lt] = v;
          lt++;
          i++;
        } else if (v > pivot) {
          a[i] = a[gt] as number;
          a[gt] = v;
          gt--;
        } else i++;
      }
      if (k < lt) right = lt - 1;
      else if (k > gt) left = gt + 1;
      else {
        left = right = k;
        a[k] = pivot;
        break;
      }
    }
    out.push(a[k] as number);
    lo = k; // everything left of k is ≤ a[k]: later (larger) positions lie in [k, n)
  }
  return out;
}

/**
 * The positions of rows ordered lexicographically by several numeric keys, each descending,
 * ties by position: least-significant-key-first passes of the stable {@link argsortDescending}.
 *
 * @param keys - Columns of equal length, most significant first (no NaN).
 * @returns The positions in that order.
 */
export function lexicographicOrder(keys: readonly Float64Array[]): Int32Array {
  const n = keys[0]?.length ?? 0;
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let k = keys.length - 1; k >= 0; k--) {
    const key = keys[k] as Float64Array;
    const permuted = new Float64Array(n);
    for (let j = 0; j < n; j++) permuted[j] = key[order[j] as number] as number;
    const o = argsortDescending(permuted);
    const next = new Int32Array(n);
    for (let j = 0; j < n; j++) next[j] = order[o[j] as number] as number;
    order = next;
  }
  return order;
}
