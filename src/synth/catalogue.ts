import { AliasTable, Rng, mixSeed } from "../_lib/random.js";
import type { CatalogueItem } from "./types.js";

/** Categories of the generated retailer, with the nouns its product names use. */
const CATEGORIES: readonly { readonly name: string; readonly nouns: readonly string[]; readonly consumable: boolean }[] = [
  { name: "jazz", nouns: ["Jazz Album", "Jazz Standards", "Big Band Record"], consumable: false },
  { name: "rock", nouns: ["Rock Album", "Live Concert", "Guitar Anthology"], consumable: false },
  { name: "classical", nouns: ["Symphony Recording", "Piano Sonatas", "Opera Highlights"], consumable: false },
  { name: "pop", nouns: ["Pop Album", "Greatest Hits", "Dance Mix"], consumable: false },
  { name: "fiction", nouns: ["Novel", "Short Stories", "Crime Thriller"], consumable: false },
  { name: "cookbooks", nouns: ["Cookbook", "Baking Book", "Recipe Collection"], consumable: false },
  { name: "travel", nouns: ["Travel Guide", "City Map", "Phrasebook"], consumable: false },
  { name: "kitchen", nouns: ["Teapot", "Knife Set", "Mixing Bowl", "Coffee Grinder"], consumable: false },
  { name: "decor", nouns: ["Cushion", "Vase", "Wall Print", "Candle Holder"], consumable: false },
  { name: "garden", nouns: ["Plant Pot", "Watering Can", "Bird Feeder"], consumable: false },
  { name: "coffee", nouns: ["Coffee Beans", "Ground Coffee", "Tea Selection"], consumable: true },
  { name: "stationery", nouns: ["Notebook", "Pen Set", "Greeting Cards"], consumable: true },
];

const STYLES = ["classic", "modern", "vintage", "minimal", "bold", "eco"] as const;
const BANDS = [
  { band: "budget", lo: 300, hi: 1_500 },
  { band: "mid", lo: 1_500, hi: 6_000 },
  { band: "premium", lo: 6_000, hi: 30_000 },
] as const;
const DESCRIPTORS: Record<(typeof STYLES)[number], readonly string[]> = {
  classic: ["timeless", "traditional", "elegant"],
  modern: ["contemporary", "sleek", "fresh"],
  vintage: ["retro", "antique", "nostalgic"],
  minimal: ["simple", "clean", "understated"],
  bold: ["vibrant", "colourful", "statement"],
  eco: ["sustainable", "organic", "recycled"],
};

/** Number of taste clusters: one per (category, style). */
export const CLUSTER_COUNT = CATEGORIES.length * STYLES.length;

/** The catalogue with the sampling tables the generator's purchase step needs. */
export interface CatalogueModel {
  readonly items: CatalogueItem[];
  /** Index of each item's cluster, `category * STYLES.length + style`. */
  readonly clusterOf: Int32Array;
  /** Item indices of each cluster. */
  readonly clusterItems: readonly (readonly number[])[];
  /** Per-cluster popularity sampler (indexes into `clusterItems[c]`), undefined for empty clusters. */
  readonly clusterSampler: readonly (AliasTable | undefined)[];
  /** Catalogue-wide popularity sampler. */
  readonly popular: AliasTable;
  /** Index of each item's complement, or -1. */
  readonly complementOf: Int32Array;
  /** Index of each sku. */
  readonly indexOfSku: ReadonlyMap<string, number>;
}

/** The cluster that shares a category or a style with `cluster`, drawn at random. */
export function neighbourCluster(rng: Rng, cluster: number): number {
  const category = Math.floor(cluster / STYLES.length);
  const style = cluster % STYLES.length;
  return rng.chance(0.5)
    ? category * STYLES.length + rng.int(STYLES.length)
    : rng.int(CATEGORIES.length) * STYLES.length + style;
}

/** Builds the catalogue of `size` products from `seed`. */
export function buildCatalogue(seed: number, size: number): CatalogueModel {
  const rng = new Rng(mixSeed(seed, 0xca7a1096));
  const items: CatalogueItem[] = [];
  const clusterOf = new Int32Array(size);
  const weights = new Float64Array(size);
  const clusterItems: number[][] = Array.from({ length: CLUSTER_COUNT }, () => []);
  for (let i = 0; i < size; i++) {
    const cluster = i < CLUSTER_COUNT ? i : rng.int(CLUSTER_COUNT);
    const category = CATEGORIES[Math.floor(cluster / STYLES.length)]!;
    const style = STYLES[cluster % STYLES.length]!;
    const band = BANDS[category.consumable ? rng.int(2) : rng.int(3)]!;
    const priceMinor = Math.round((band.lo + rng.next() * (band.hi - band.lo)) / 10) * 10 - 1;
    const noun = rng.pick(category.nouns);
    const descriptor = rng.pick(DESCRIPTORS[style]);
    items.push({
      sku: `SKU-${String(i + 1).padStart(5, "0")}`,
      name: `${descriptor[0]!.toUpperCase()}${descriptor.slice(1)} ${noun} No. ${1 + rng.int(99)}`,
      category: category.name,
      style,
      priceBand: band.band,
      priceMinor,
      costMinor: Math.round(priceMinor * (0.4 + rng.next() * 0.35)),
      tags: [category.name, style, band.band, descriptor],
      consumable: category.consumable,
    });
    clusterOf[i] = cluster;
    clusterItems[cluster]!.push(i);
    weights[i] = 1 / Math.pow(1 + rng.int(size), 0.8); // Zipf-like popularity in random order
  }
  const complementOf = new Int32Array(size).fill(-1);
  for (let i = 0; i < size; i++) {
    if (!rng.chance(0.3)) continue;
    const own = clusterItems[neighbourCluster(rng, clusterOf[i]!)]!;
    const j = own.length > 0 ? own[rng.int(own.length)]! : -1;
    if (j >= 0 && j !== i) {
      complementOf[i] = j;
      items[i] = { ...items[i]!, complementSku: items[j]!.sku };
    }
  }
  return {
    items,
    clusterOf,
    clusterItems,
    clusterSampler: clusterItems.map((list) => (list.length > 0 ? new AliasTable(list.map((i) => weights[i]!)) : undefined)),
    popular: new AliasTable(weights),
    complementOf,
    indexOfSku: new Map(items.map((item, i) => [item.sku, i])),
  };
}
