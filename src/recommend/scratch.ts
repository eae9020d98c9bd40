/**
 * Buffers of one personal list, reused from call to call (internal): allocating them per list costs
 * more than the scoring. Over the universe: the co-purchase and style contributions, marks (reached,
 * excluded) and explanation slots, all left zero (−1 for slots) between calls; the positions
 * touched in this call; and per piece of evidence (a usable history entry) its entry, model item
 * (−1 if none) and weight ÷ normalisation. Methods rather than free functions, so that the hot
 * loops of the list stay within one object.
 */
import { memo } from "./cache.js";
import { grown } from "./typed-arrays.js";
import type { Universe } from "./universe.js";

const REACHED = 1;
const EXCLUDED = 2;

/** The buffers (see the module comment). */
export class Scratch {
  readonly scores: Float64Array;
  readonly marks: Uint8Array;
  readonly slots: Int32Array;
  /** Positions touched in this call (their scores or marks are set), the first `touchedCount`. */
  touched = new Int32Array(64);
  touchedCount = 0;
  evidenceEntry = new Int32Array(64);
  evidenceItem = new Int32Array(64);
  evidenceScale = new Float64Array(64);
  busy = false;

  constructor(size: number) {
    this.scores = new Float64Array(size);
    this.marks = new Uint8Array(size);
    this.slots = new Int32Array(size).fill(-1);
  }

  /** Adds a contribution to a position, marking it reached. */
  add(position: number, amount: number): void {
    this.mark(position, REACHED);
    this.scores[position]! += amount;
  }

  /** Marks a position excluded: it never enters the list. */
  exclude(position: number): void {
    this.mark(position, EXCLUDED);
  }

  /** Whether history items reached the position and it is not excluded. */
  isReachedOnly(position: number): boolean {
    return this.marks[position] === REACHED;
  }

  /** Whether the position is excluded. */
  isExcluded(position: number): boolean {
    return ((this.marks[position] as number) & EXCLUDED) !== 0;
  }

  /** Whether nothing touched the position in this call. */
  isUntouched(position: number): boolean {
    return this.marks[position] === 0;
  }

  /** Makes room for `n` pieces of evidence. */
  reserveEvidence(n: number): void {
    if (n <= this.evidenceEntry.length) return;
    const size = Math.max(n, 2 * this.evidenceEntry.length);
    this.evidenceEntry = grown(this.evidenceEntry, new Int32Array(size));
    this.evidenceItem = grown(this.evidenceItem, new Int32Array(size));
    this.evidenceScale = grown(this.evidenceScale, new Float64Array(size));
  }

  /** Clears what this call touched, leaving the buffers as `withScratch` expects them. */
  reset(): void {
    for (let t = 0; t < this.touchedCount; t++) {
      const position = this.touched[t] as number;
      this.scores[position] = 0;
      this.marks[position] = 0;
    }
    this.touchedCount = 0;
  }

  private mark(position: number, kind: number): void {
    if (this.marks[position] === 0) {
      if (this.touchedCount === this.touched.length) this.touched = grown(this.touched, new Int32Array(2 * this.touchedCount));
      this.touched[this.touchedCount++] = position;
    }
    this.marks[position]! |= kind;
  }
}

/** Runs `use` with the universe's scratch buffers; a nested call (never made by idic itself) gets fresh ones. */
export function withScratch<T>(universe: Universe, use: (s: Scratch) => T): T {
  const scratch = memo(universe, "scratch", () => new Scratch(universe.ids.length));
  if (scratch.busy) return use(new Scratch(universe.ids.length));
  scratch.busy = true;
  try {
    return use(scratch);
  } finally {
    scratch.reset();
    scratch.busy = false;
  }
}
