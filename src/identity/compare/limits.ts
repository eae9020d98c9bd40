/**
 * Longest prefix, in UTF-16 code units, that the string similarity functions compare: beyond it the
 * work would be quadratic for no matching benefit (names, emails and street lines are far
 * shorter). Each function documents how it treats the rest.
 *
 * @example
 * ```ts
 * jaroWinkler("a".repeat(1e6), "a".repeat(1e6)); // 1, in microseconds
 * ```
 */
export const MAX_COMPARE_LENGTH = 256;
