/**
 * Stable ordering by integer keys in linear time (least-significant-digit radix sort). Private to
 * idic: used to put millions of events in time order without a comparator call per comparison.
 */


/**
 * The positions of `keys` in ascending key order; equal keys keep their input order.
 *
 * @param keys - Non-negative integer keys below 2^48 (milliseconds over 8,900 years fit).
 * @returns A permutation of `0 … keys.length - 1`.
 */
export function stableOrder(keys: Float64Array): Uint32Array {
  const n = keys.length;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    if (!(k >= 0 && k < 2 ** 48 && Number.isInteger(k))) throw new RangeError("stableOrder needs integer keys in [0, 2^48)");
    if (k > max) max = k;
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n < 2) return order;
  // When key and position fit in one exact double, a native sort of key · 2^b + position is
  // faster than radix passes for the small arrays of a streamed chunk.
  const scale = 2 ** Math.ceil(Math.log2(n));
  if (max * scale + scale <= Number.MAX_SAFE_INTEGER) return packedOrder(keys, scale, order);
  // Digits of about log2(n) bits keep the counting arrays no larger than the data.
  const BUCKETS = 2 ** Math.min(16, Math.max(8, Math.ceil(Math.log2(n))));
  let next = new Uint32Array(n);
  const counts = new Uint32Array(BUCKETS);
  for (let shift = 1; shift <= max; shift *= BUCKETS) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[Math.floor(keys[order[i]!]! / shift) % BUCKETS]! += 1;
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = counts[b]!;
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const index = order[i]!;
      const bucket = Math.floor(keys[index]! / shift) % BUCKETS;
      next[counts[bucket]!] = index;
      counts[bucket]! += 1;
    }
    [order, next] = [next, order];
  }
  return order;
}

/** Orders by a native sort of `key · scale + position` (exact doubles), written into `order`. */
function packedOrder(keys: Float64Array, scale: number, order: Uint32Array): Uint32Array {
  const packed = new Float64Array(keys.length);
  for (let i = 0; i < keys.length; i++) packed[i] = keys[i]! * scale + i;
  packed.sort();
  for (let i = 0; i < packed.length; i++) order[i] = packed[i]! % scale;
  return order;
}

/**
 * Sorts timestamped rows by time (milliseconds), stably: rows with the same instant keep their
 * input order.
 *
 * @param rows - Rows with a `timestamp`.
 * @returns A new array in time order.
 */
export function sortByTimestamp<T extends { readonly timestamp: Date }>(rows: readonly T[]): T[] {
  if (rows.length === 0) return [];
  let first = Infinity;
  for (const row of rows) first = Math.min(first, row.timestamp.getTime());
  const keys = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) keys[i] = rows[i]!.timestamp.getTime() - first;
  const order = stableOrder(keys);
  const sorted = new Array<T>(rows.length);
  for (let i = 0; i < rows.length; i++) sorted[i] = rows[order[i]!]!;
  return sorted;
}
