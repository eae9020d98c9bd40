import { lookUp, type Lookup } from "./attribution.js";

/** The q-quantile of ascending values by linear interpolation (Hyndman & Fan 1996, type 7, R's default). */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/** Throws unless `value` is a share in [0, 1] (or (0, 1] when `open`). */
export function checkShare(value: number, option: string, open = false): number {
  if (!(Number.isFinite(value) && value <= 1 && (open ? value > 0 : value >= 0))) {
    throw new RangeError(`${option} must be a number in ${open ? "(0, 1]" : "[0, 1]"} (got ${String(value)})`);
  }
  return value;
}

/** Throws unless `value` is a positive integer. */
export function checkCount(value: number, option: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${option} must be a positive integer (got ${String(value)})`);
  return value;
}

/**
 * For each customer, the q-quantile of the values of their look-alike peers: the customers in
 * the same peer group (`peerGroupOf(key)`), or everyone when the group has fewer than
 * `minPeers` members or the customer has no group. Only values above zero count as evidence of
 * what a peer can spend.
 */
export function peerQuantiles(
  keys: readonly string[],
  values: ArrayLike<number>,
  options: { peerGroupOf: Lookup | undefined; quantile: number; minPeers: number },
): Float64Array {
  const n = keys.length;
  const groupOf = keys.map((key) => (options.peerGroupOf === undefined ? undefined : lookUp(options.peerGroupOf, key)));
  const members = new Map<string, number[]>();
  const everyone: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (!(v > 0)) continue;
    everyone.push(v);
    const g = groupOf[i];
    if (g === undefined) continue;
    let list = members.get(g);
    if (list === undefined) members.set(g, (list = []));
    list.push(v);
  }
  const population = quantileOfSorted(Float64Array.from(everyone).sort(), options.quantile);
  const byGroup = new Map<string, number>();
  for (const [g, list] of members) {
    if (list.length >= options.minPeers) byGroup.set(g, quantileOfSorted(Float64Array.from(list).sort(), options.quantile));
  }
  return Float64Array.from(groupOf, (g) => (g === undefined ? undefined : byGroup.get(g)) ?? population);
}
