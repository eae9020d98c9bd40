/**
 * idic — one-to-one marketing in TypeScript: identify each customer across systems,
 * differentiate customers by value and needs, interact with them on their terms, customize what
 * each is offered. Each step is a module with its own subpath (`idic/customer`, `idic/identity`,
 * …); the root re-exports them as namespaces.
 *
 * @example
 * ```ts
 * import { customer } from "idic";
 * const { ok, rejected } = customer.parseSourceRecords(rows);
 * ```
 *
 * @module idic
 */
export * as customer from "./customer/index.js";
export * as identity from "./identity/index.js";
export * as recommend from "./recommend/index.js";
export * as value from "./value/index.js";
export * as synth from "./synth/index.js";
