/**
 * Derived lookups of immutable models and indexes (internal), computed once per object and kept in
 * a WeakMap so they vanish with the object. They are pure functions of the object, so caching them
 * changes no result.
 */
const caches = new WeakMap<object, Map<string, unknown>>();

/** The value of `compute()` for (`owner`, `key`), computed on first use. */
export function memo<T>(owner: object, key: string, compute: () => T): T {
  let cache = caches.get(owner);
  if (cache === undefined) {
    cache = new Map();
    caches.set(owner, cache);
  }
  if (cache.has(key)) return cache.get(key) as T;
  const value = compute();
  cache.set(key, value);
  return value;
}
