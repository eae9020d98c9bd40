/** Growable typed arrays (internal). */

/** Copies `from` into the larger `to` and returns `to`. */
export function grown<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
