/** Time units and the `asOf` option (internal). */

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/** The epoch milliseconds of an optional `asOf`, NaN when absent; an invalid Date throws. */
export function checkAsOf(asOf: Date | undefined): number {
  if (asOf === undefined) return Number.NaN;
  const t = asOf instanceof Date ? asOf.getTime() : Number.NaN;
  if (!Number.isFinite(t)) throw new RangeError(`asOf must be a valid Date, got ${String(asOf)}`);
  return t;
}
