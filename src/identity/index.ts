/**
 * `idic/identity` — not yet written; see the module map in the README. Importing it is safe and
 * yields nothing.
 *
 * @module identity
 */
export {};
