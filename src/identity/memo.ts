import type { Address } from "../customer/index.js";
/**
 * Caches a function of a string per distinct input (private). Normalising names, dates and
 * addresses repeats across records; the cache stops growing at `limit` entries.
 */
export function memoize<T>(fn: (text: string) => T, limit = 2_000_000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    const hit = cache.get(text);
    if (hit !== undefined || cache.has(text)) return hit as T;
    const value = fn(text);
    if (cache.size < limit) cache.set(text, value);
    return value;
  };
}

/** A copy of an address, so that a result never shares objects with the input rows (private). */
export const copyAddress = (a: Address): Address => ({ ...a, lines: [...a.lines] });

const UNIT = "\u001f";
const RECORD = "\u001e";

const SEPARATORS = /[\u001e\u001f]/;

/**
 * An address's parts joined into one cache key, with separators (U+001E between parts, U+001F
 * between lines); an address whose text holds those characters is written as JSON instead.
 */
export function addressCacheKey(a: { readonly lines: readonly string[]; readonly city?: string | undefined; readonly postcode?: string | undefined; readonly country?: string | undefined }): string {
  const parts = [a.lines.join(UNIT), a.city ?? "", a.postcode ?? "", a.country ?? ""];
  if (a.lines.some((l) => SEPARATORS.test(l)) || parts.slice(1).some((p) => SEPARATORS.test(p))) {
    return `J${JSON.stringify([a.lines, a.city ?? "", a.postcode ?? "", a.country ?? ""])}`;
  }
  return `P${parts.join(RECORD)}`;
}

/** Reads an address back from {@link addressCacheKey}. */
export function addressFromCacheKey(key: string): { lines: string[]; city?: string; postcode?: string; country?: string } {
  if (key.startsWith("J")) {
    const [lines, city, postcode, country] = JSON.parse(key.slice(1)) as [string[], string, string, string];
    return { lines, ...(city !== "" ? { city } : {}), ...(postcode !== "" ? { postcode } : {}), ...(country !== "" ? { country } : {}) };
  }
  const [lines = "", city = "", postcode = "", country = ""] = key.slice(1).split(RECORD);
  return {
    lines: lines === "" ? [] : lines.split(UNIT),
    ...(city !== "" ? { city } : {}),
    ...(postcode !== "" ? { postcode } : {}),
    ...(country !== "" ? { country } : {}),
  };
}
