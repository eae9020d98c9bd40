/**
 * Counts of comparison vectors ("patterns"). Fellegi–Sunter training only needs how often each
 * combination of comparison levels occurs, so millions of pairs reduce to a few thousand rows.
 */

/**
 * Distinct comparison vectors and how often each occurred. Level `0` is the null level (a value
 * missing on either side); `1…L` are the comparison's levels in order, the last being "else".
 *
 * @example
 * ```ts
 * // two comparisons; pattern 0 = (exact, null) seen 12 times, pattern 1 = (else, exact) seen 3 times
 * const table: PatternTable = { width: 2, levels: Uint8Array.of(1, 0, 4, 1), counts: Float64Array.of(12, 3) };
 * ```
 */
export interface PatternTable {
  /** Number of comparisons per vector. */
  readonly width: number;
  /** Row-major levels: pattern `p`, comparison `c` is `levels[p * width + c]`. */
  readonly levels: Uint8Array;
  /** How often each pattern occurred (weights may be fractional). */
  readonly counts: Float64Array;
}

/**
 * Accumulates comparison vectors into a {@link PatternTable}.
 *
 * @example
 * ```ts
 * const counter = new PatternCounter(2);
 * counter.add(Uint8Array.of(1, 0));
 * counter.add(Uint8Array.of(1, 0));
 * counter.table().counts; // Float64Array [2]
 * ```
 */
export class PatternCounter {
  private readonly index = new Map<number | string, number>();
  private readonly rows: number[] = [];
  private readonly weights: number[] = [];
  /** Total weight added so far. */
  total = 0;

  /** @param width - Number of comparisons per vector. */
  constructor(readonly width: number) {}

  /**
   * Adds one vector.
   *
   * @param levels - The vector (its first `width` entries are read).
   * @param weight - How many pairs it stands for (default 1).
   * @returns The vector's row in the table.
   */
  add(levels: ArrayLike<number>, weight = 1): number {
    // up to ten comparisons of fewer than 32 levels pack exactly into a double
    let key: number | string = 0;
    if (this.width <= 10) for (let c = 0; c < this.width; c++) key = key * 32 + (levels[c]! & 31);
    else {
      key = "";
      for (let c = 0; c < this.width; c++) key += String.fromCharCode(levels[c]!);
    }
    let row = this.index.get(key);
    if (row === undefined) {
      row = this.weights.length;
      this.index.set(key, row);
      for (let c = 0; c < this.width; c++) this.rows.push(levels[c]!);
      this.weights.push(0);
    }
    this.weights[row] = this.weights[row]! + weight;
    this.total += weight;
    return row;
  }

  /** The table of the vectors added so far, in order of first appearance. */
  table(): PatternTable {
    return { width: this.width, levels: Uint8Array.from(this.rows), counts: Float64Array.from(this.weights) };
  }
}
