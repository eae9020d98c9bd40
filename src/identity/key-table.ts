/**
 * Typed-array building blocks of the blocking index (private): a table that numbers integer keys
 * in order of first appearance, a growable list of 32-bit integers, and an arena that hands out
 * 32-bit integer arrays from one allocation. Each large typed array is memory outside the
 * JavaScript heap, and V8 answers every 64 MB or so of it with a full garbage collection: at a
 * million records (a heap of several GB) each one costs seconds, so the index allocates once and
 * reuses its scratch from one rule to the next.
 */

const EMPTY = 0;
const TWO_32 = 4294967296;

/**
 * Numbers integer keys (0 ≤ key < 2^53) densely from 0 in order of first appearance, in an
 * open-addressing table (Fibonacci hashing, linear probing, at most half full). Sized for
 * `capacity` keys, it doubles when more come.
 */
export class KeyTable {
  private codes: Float64Array;
  /** Id + 1 of the key in each slot, {@link EMPTY} for a free slot. */
  private slots: Int32Array;
  private shift: number;
  /** Keys numbered since the last {@link clear}. */
  size = 0;

  /** @param capacity - The keys expected between two {@link clear} calls (more are allowed). */
  constructor(capacity: number) {
    let bits = 4;
    while (2 ** bits < 2 * capacity) bits++;
    this.codes = new Float64Array(2 ** bits);
    this.slots = new Int32Array(2 ** bits);
    this.shift = 32 - bits;
  }

  /** Forgets every key (the memory is kept). */
  clear(): void {
    this.slots.fill(EMPTY);
    this.size = 0;
  }

  /** The id of `key`, numbering it when first seen. */
  intern(key: number): number {
    const { codes, slots } = this;
    const mask = slots.length - 1;
    let at = this.slotOf(key);
    for (let id = slots[at]!; id !== EMPTY; id = slots[at]!) {
      if (codes[at] === key) return id - 1;
      at = (at + 1) & mask;
    }
    const id = this.size++;
    codes[at] = key;
    slots[at] = id + 1;
    if (2 * this.size > slots.length) this.grow();
    return id;
  }

  private slotOf(key: number): number {
    const low = key >>> 0;
    const high = (key / TWO_32) >>> 0;
    return Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) >>> this.shift;
  }

  private grow(): void {
    const { codes, slots } = this;
    this.codes = new Float64Array(2 * slots.length);
    this.slots = new Int32Array(2 * slots.length);
    this.shift--;
    const mask = this.slots.length - 1;
    for (let s = 0; s < slots.length; s++) {
      if (slots[s] === EMPTY) continue;
      let at = this.slotOf(codes[s]!);
      while (this.slots[at] !== EMPTY) at = (at + 1) & mask;
      this.codes[at] = codes[s]!;
      this.slots[at] = slots[s]!;
    }
  }
}

/** A list of 32-bit integers that grows by doubling. */
export class IntBuffer {
  private items = new Int32Array(1 << 10);
  /** Items in the list. */
  length = 0;

  /** Empties the list (the memory is kept). */
  clear(): void {
    this.length = 0;
  }

  /** Appends `value`. */
  push(value: number): void {
    if (this.length === this.items.length) {
      const items = new Int32Array(2 * this.items.length);
      items.set(this.items);
      this.items = items;
    }
    this.items[this.length++] = value;
  }

  /** The items, in place (valid until the list changes). */
  view(): Int32Array {
    return this.items.subarray(0, this.length);
  }
}

/** Zero-filled 32-bit integer arrays carved one after another from a single allocation. */
export class IntArena {
  private readonly memory: Int32Array;
  private used = 0;

  /** @param size - Integers in all the arrays together. */
  constructor(size: number) {
    this.memory = new Int32Array(size);
  }

  /**
   * The next `length` integers.
   *
   * @throws RangeError when the arena has fewer left.
   */
  take(length: number): Int32Array {
    if (this.used + length > this.memory.length) throw new RangeError(`an arena of ${this.memory.length} integers has ${this.memory.length - this.used} left, ${length} asked`);
    const array = this.memory.subarray(this.used, this.used + length);
    this.used += length;
    return array;
  }

  /** Every integer not yet taken, without taking them (to fill before taking what was written). */
  rest(): Int32Array {
    return this.memory.subarray(this.used);
  }
}
