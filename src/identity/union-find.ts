/**
 * A disjoint-set forest over record indices 0…n−1 (union by size, path halving). Private helper of
 * blocking, clustering and households; never exported from the module.
 */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  /** @param n - Number of elements. */
  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  /** The representative of `x`'s set. */
  find(x: number): number {
    const parent = this.parent;
    while (parent[x]! !== x) {
      const next = parent[parent[x]!]!;
      parent[x] = next;
      x = next;
    }
    return x;
  }

  /** Joins the sets of `a` and `b`; returns `true` when they were separate. */
  union(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return false;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] = this.size[ra]! + this.size[rb]!;
    return true;
  }

  /**
   * A label per element: the smallest element of its set, so labels do not depend on the order of
   * the unions.
   */
  labels(): Int32Array {
    const n = this.parent.length;
    const smallest = new Int32Array(n).fill(-1);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const r = this.find(i);
      if (smallest[r] === -1) smallest[r] = i;
      out[i] = smallest[r]!;
    }
    return out;
  }
}

/**
 * The elements of each set, from labels that name each set by its smallest element (as
 * {@link UnionFind.labels} and clustering give them): sets in order of that element, each
 * ascending.
 *
 * @param labels - The label of each element.
 * @returns The elements of each set.
 */
export function membersByLabel(labels: Int32Array): number[][] {
  const slot = new Int32Array(labels.length);
  const sets: number[][] = [];
  labels.forEach((label, i) => {
    if (label === i) {
      slot[i] = sets.length;
      sets.push([i]);
    } else sets[slot[label]!]!.push(i);
  });
  return sets;
}
