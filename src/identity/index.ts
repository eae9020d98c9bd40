/**
 * `idic/identity` — recognise that several records are one person, household or organization.
 * This module currently exports the normalisers and comparison primitives; matching, clustering
 * and golden records build on them.
 *
 * @example
 * ```ts
 * import { normalizeName, jaroWinkler } from "idic/identity";
 * jaroWinkler(normalizeName("Dr. Ann-Marie O'Neil"), normalizeName("ann marie oneil")); // 1
 * ```
 *
 * @module identity
 */
export * from "./normalize/index.js";
export * from "./compare/index.js";
