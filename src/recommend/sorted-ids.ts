/**
 * Lookups in sorted id lists (internal): models and style indexes keep their ids sorted, so an id's
 * number is found by binary search and two sorted lists are matched in one merge pass.
 */

/** Position of `id` in the sorted `ids`, or −1. */
export function findSorted(ids: readonly string[], id: string): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = ids[mid] as string;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Position in `haystack` (sorted) of each id of `needles` (sorted), −1 when absent. */
export function positionsIn(haystack: readonly string[], needles: readonly string[]): Int32Array {
  const out = new Int32Array(needles.length).fill(-1);
  let h = 0;
  needles.forEach((id, k) => {
    while (h < haystack.length && (haystack[h] as string) < id) h++;
    if (haystack[h] === id) out[k] = h;
  });
  return out;
}
