/**
 * Purchases of the generated data set (idic/synth) as recommender interactions: each line of a
 * purchase or return, attributed to the true person behind the source record that made it
 * (`truth.records`). The data set is streamed chunk by chunk and the lines kept in compact typed
 * columns, so that a million customers fit in memory; `interactions()` yields them as objects.
 */
import { streamCrmDataset } from "../../src/synth/index.js";
import type { ItemInteraction } from "../../src/recommend/index.js";

/** The purchases of a generated data set in typed columns. */
export interface SyntheticPurchases {
  /** People who bought something, by index. */
  readonly persons: string[];
  /** Products, by index. */
  readonly skus: string[];
  /** Number of lines. */
  readonly length: number;
  /** Yields every line as an interaction. */
  interactions(): Generator<ItemInteraction>;
}

/** Streams a generated data set of `customers` people and collects its purchase and return lines. */
export function collectSyntheticPurchases(customers: number, seed: number): SyntheticPurchases {
  const personIndex = new Map<string, number>();
  const skuIndex = new Map<string, number>();
  let length = 0;
  let person = new Int32Array(1 << 20);
  let sku = new Int32Array(1 << 20);
  let time = new Float64Array(1 << 20);
  let quantity = new Float64Array(1 << 20);
  const intern = (ids: Map<string, number>, id: string): number => {
    let k = ids.get(id);
    if (k === undefined) ids.set(id, (k = ids.size));
    return k;
  };
  for (const chunk of streamCrmDataset({ seed, customers, interactions: false, chunkSize: 20_000 })) {
    const personOf = new Map(chunk.truth.records.map((r) => [r.sourceId, r.personId]));
    for (const t of chunk.transactions) {
      const p = t.customerId === undefined ? undefined : personOf.get(t.customerId);
      if (p === undefined || t.kind === "fee") continue;
      for (const line of t.lines) {
        if (length === person.length) {
          const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => (b.set(a), b);
          person = grow(person, new Int32Array(length * 2));
          sku = grow(sku, new Int32Array(length * 2));
          time = grow(time, new Float64Array(length * 2));
          quantity = grow(quantity, new Float64Array(length * 2));
        }
        person[length] = intern(personIndex, p);
        sku[length] = intern(skuIndex, line.sku);
        time[length] = t.timestamp.getTime();
        quantity[length] = t.kind === "return" ? -line.quantity : line.quantity;
        length += 1;
      }
    }
  }
  const persons = [...personIndex.keys()];
  const skus = [...skuIndex.keys()];
  return {
    persons,
    skus,
    length,
    *interactions() {
      for (let n = 0; n < length; n++) {
        yield { customerId: persons[person[n] as number] as string, itemId: skus[sku[n] as number] as string, timestamp: new Date(time[n] as number), quantity: quantity[n] as number };
      }
    },
  };
}
