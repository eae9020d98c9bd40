import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alsoBought, similarInStyle, similarItems } from "../../src/recommend/index.js";
import type { ItemListOptions, RecommenderModel, RelatedItem, StyleIndex } from "../../src/recommend/index.js";
import { ASOF, ITEMS, NEW_ITEMS, expectRulesKept, facts, model, rules, styleIndex } from "./arbitraries.js";

const k = fc.integer({ min: 0, max: 8 });
const item = fc.constantFrom(...ITEMS, ...NEW_ITEMS, "unknown");
const asOf = fc.option(fc.constant(ASOF), { nil: undefined });

/** The three item-to-item lists, by name. */
const lists: Record<string, (m: RecommenderModel, index: StyleIndex, itemId: string, options: ItemListOptions) => RelatedItem[]> = {
  alsoBought: (m, _index, itemId, options) => alsoBought(m, itemId, options),
  similarInStyle: (_m, index, itemId, options) => similarInStyle(index, itemId, options),
  similarItems: (m, index, itemId, options) => similarItems(m, index, itemId, options),
};

describe.each(Object.keys(lists))("%s invariants", (name) => {
  const list = lists[name] as (typeof lists)[string];

  it("has at most k distinct items, never the item itself, and never breaks a rule", () => {
    fc.assert(
      fc.property(model, styleIndex, item, facts, rules, asOf, k, (m, index, itemId, f, r, when, size) => {
        const ids = list(m, index, itemId, { k: size, facts: f, rules: r, ...(when === undefined ? {} : { asOf: when }) }).map((x) => x.itemId);
        expect(ids.length).toBeLessThanOrEqual(size);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).not.toContain(itemId);
        expectRulesKept(ids, [], f, r, when);
      }),
    );
  });

  it("lists items with scores > 0, best first", () => {
    fc.assert(
      fc.property(model, styleIndex, item, k, (m, index, itemId, size) => {
        const scores = list(m, index, itemId, { k: size }).map((x) => x.score);
        for (const [n, score] of scores.entries()) {
          expect(score).toBeGreaterThan(0);
          if (n > 0) expect(score).toBeLessThanOrEqual(scores[n - 1] as number);
        }
      }),
    );
  });
});
