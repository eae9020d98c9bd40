import type {
  Account,
  Consent,
  ContactPreference,
  Household,
  Interaction,
  Organization,
  Person,
  SourceRecord,
  Transaction,
} from "../customer/index.js";

/**
 * Options of {@link generateCrmDataset} and {@link streamCrmDataset}. Every field has a default;
 * the same options (seed included) always give the same data.
 *
 * @example
 * ```ts
 * const options: GenerateOptions = { seed: 7, customers: 5_000, chineseShare: 0.2 };
 * ```
 */
export interface GenerateOptions {
  /** Seed of every random choice: any safe integer (default `1`). */
  readonly seed?: number;
  /** Number of real people to generate (default `1000`). */
  readonly customers?: number;
  /** Start of the observation window (default `2022-01-01T00:00:00Z`). */
  readonly start?: Date;
  /** End of the observation window, the data set's "now" (default `2024-12-31T00:00:00Z`). */
  readonly end?: Date;
  /** Currency of every amount (default `"EUR"`). */
  readonly currency?: string;
  /** Share of people with Chinese names, written in simplified or traditional script (default `0.15`). */
  readonly chineseShare?: number;
  /** Share of people who live with others in a multi-person household (default `0.4`). */
  readonly householdShare?: number;
  /** Share of people who are contacts of an organization customer (default `0.06`). */
  readonly organizationShare?: number;
  /**
   * How messy the source records are (default `1`): the rates of typos, nicknames, swapped names,
   * wrong dates and digits, email and postcode variants scale with it. At `0` those errors are
   * gone, but records still differ as systems do — in which fields each keeps, the phone format,
   * the script of a Chinese name, an old address.
   */
  readonly noise?: number;
  /** Number of products in the catalogue (default `600`). */
  readonly catalogueSize?: number;
  /** Buy-till-you-die process of the transactions (defaults in {@link DEFAULT_PURCHASE_PROCESS}). */
  readonly purchaseProcess?: Partial<PurchaseProcess>;
  /** Generate interactions, consents and contact preferences (default `true`). */
  readonly interactions?: boolean;
  /** People per chunk yielded by {@link streamCrmDataset} (default `250`: small chunks are collected young, which makes streaming faster). */
  readonly chunkSize?: number;
  /**
   * Generate only one of `of` parts of the data set (default: the whole, `{ index: 0, of: 1 }`).
   * Parts are runs of whole chunks, as equal as chunk boundaries allow (with fewer chunks than
   * parts, some parts are empty). Ids do not depend on generation order, so parts streamed
   * separately — in worker threads, say — together hold exactly the whole data set's rows.
   */
  readonly part?: DatasetPart;
}

/**
 * One of `of` parts of a data set, by people (see {@link GenerateOptions.part}).
 *
 * @example
 * ```ts
 * const firstHalf = generateCrmDataset({ customers: 1_000, part: { index: 0, of: 2 } });
 * ```
 */
export interface DatasetPart {
  /** Zero-based part number, below `of`. */
  readonly index: number;
  /** Number of parts. */
  readonly of: number;
}

/**
 * The parameters of the buy-till-you-die process behind the transactions (the BG/NBD story of
 * Fader, Hardie & Lee 2005, with Gamma-Gamma spend of Fader, Hardie & Lee 2005b): while alive a
 * customer buys at a Poisson rate λ ~ Gamma(r, α) per week; after each repeat purchase they drop
 * out with probability p ~ Beta(a, b); the spend of each purchase is Gamma(spendShape, ν) with
 * ν ~ Gamma(q, γ) per customer, in major units of the currency.
 *
 * @example
 * ```ts
 * const process: PurchaseProcess = { ...DEFAULT_PURCHASE_PROCESS, r: 0.5 };
 * ```
 */
export interface PurchaseProcess {
  /** Shape r of the Gamma distribution of purchase rates. */
  readonly r: number;
  /** Rate α of the Gamma distribution of purchase rates (weeks). */
  readonly alpha: number;
  /** Beta shape a of the dropout probability. */
  readonly a: number;
  /** Beta shape b of the dropout probability. */
  readonly b: number;
  /** Gamma-Gamma shape p of a purchase's spend. */
  readonly spendShape: number;
  /** Gamma-Gamma shape q of the per-customer spend rate ν. */
  readonly q: number;
  /** Gamma-Gamma rate γ of the per-customer spend rate ν. */
  readonly gamma: number;
  /** Share of the observation window during which customers are acquired (default 0.6). */
  readonly acquisitionShare: number;
  /** Probability that a purchase is later partly returned. */
  readonly returnRate: number;
}

/**
 * A product of the generated catalogue. Items of the same `style` and `category` are bought
 * together more often than chance, and some items have a complement ("bought together") item.
 *
 * @example
 * ```ts
 * const item: CatalogueItem = dataset.catalogue[0]!;
 * console.log(item.sku, item.name, item.category, item.style, item.priceBand);
 * ```
 */
export interface CatalogueItem {
  /** Product code. */
  readonly sku: string;
  /** Display name. */
  readonly name: string;
  /** Category (`"jazz"`, `"kitchen"`, …). */
  readonly category: string;
  /** Style (`"classic"`, `"modern"`, …). */
  readonly style: string;
  /** Price band. */
  readonly priceBand: "budget" | "mid" | "premium";
  /** List price in minor units. */
  readonly priceMinor: number;
  /** Unit cost to the business in minor units (for margins). */
  readonly costMinor: number;
  /** Descriptive tags. */
  readonly tags: readonly string[];
  /** Whether customers buy it again and again (coffee, printer ink). */
  readonly consumable: boolean;
  /** The sku most often bought with this one, if any. */
  readonly complementSku?: string;
}

/**
 * The truth about one generated person's buying behaviour, for checking value models.
 *
 * @example
 * ```ts
 * const truth = dataset.truth.customers[0]!;
 * console.log(truth.personId, truth.purchaseRate, truth.dropoutProbability, truth.alive);
 * ```
 */
export interface TrueCustomer {
  /** The person. */
  readonly personId: string;
  /** The person's household (single-person households included). */
  readonly householdId: string;
  /** The organization the person is a contact of, if any. */
  readonly organizationId?: string;
  /** Purchase rate λ while alive, per week. */
  readonly purchaseRate: number;
  /** Probability p of dropping out after each repeat purchase. */
  readonly dropoutProbability: number;
  /** Expected spend per purchase, p/ν, in major units. */
  readonly meanSpend: number;
  /** First purchase (acquisition); every person makes one within the window. */
  readonly firstPurchaseAt: Date;
  /** When the person dropped out, if they did before the window's end. */
  readonly droppedOutAt?: Date;
  /** Whether the person is still a customer at the window's end. */
  readonly alive: boolean;
  /** Number of purchases in the window (first included). */
  readonly purchases: number;
}

/**
 * The truth about one source record.
 *
 * @example
 * ```ts
 * const { personId, householdId } = dataset.truth.records[0]!;
 * ```
 */
export interface TrueRecord {
  /** The record's `sourceId` (unique across systems in generated data). */
  readonly sourceId: string;
  /** The real person the record describes. */
  readonly personId: string;
  /** The person's household. */
  readonly householdId: string;
  /** The organization the record was entered for, if it is a business-contact record. */
  readonly organizationId?: string;
}

/**
 * Ground truth returned with a generated data set.
 *
 * @example
 * ```ts
 * const personOf = new Map(dataset.truth.records.map((r) => [r.sourceId, r.personId]));
 * ```
 */
export interface GroundTruth {
  /** One entry per source record, parallel to `sourceRecords`. */
  readonly records: TrueRecord[];
  /** One entry per person, parallel to `persons`. */
  readonly customers: TrueCustomer[];
}

/**
 * A generated CRM data set. Everything that comes from a source system refers to customers the
 * way that system does — transactions, interactions, consents and preferences carry the
 * `sourceId` of a source record in `customerId` (and card purchases an `accountId`) — so that the
 * identity step is needed to see one person. `persons`, `households` and `organizations` are the
 * true entities; `truth` links everything to them.
 *
 * @example
 * ```ts
 * const dataset: CrmDataset = generateCrmDataset({ seed: 1, customers: 1000 });
 * ```
 */
export interface CrmDataset {
  /** The options used, defaults filled in. */
  readonly options: ResolvedGenerateOptions;
  /** The product catalogue. */
  readonly catalogue: CatalogueItem[];
  /** Customer records as each source system holds them. */
  readonly sourceRecords: SourceRecord[];
  /** The true persons (golden records). */
  readonly persons: Person[];
  /** The true households (single-person households included). */
  readonly households: Household[];
  /** The true organization customers. */
  readonly organizations: Organization[];
  /** Store-card accounts, some held jointly. */
  readonly accounts: Account[];
  /** Purchases, returns and fees. */
  readonly transactions: Transaction[];
  /** Contacts across channels. */
  readonly interactions: Interaction[];
  /** Recorded consents. */
  readonly consents: Consent[];
  /** Contact preferences. */
  readonly contactPreferences: ContactPreference[];
  /** Ground truth. */
  readonly truth: GroundTruth;
}

/**
 * One chunk of a streamed data set: the same arrays as {@link CrmDataset} (without the
 * catalogue and options) for a block of people, records ordered by `sourceId` and events by time
 * within the chunk. The chunks together hold exactly the rows {@link generateCrmDataset} returns
 * for the same options; it orders them over the whole data set.
 *
 * @example
 * ```ts
 * for (const chunk of streamCrmDataset({ customers: 1_000_000 })) total += chunk.transactions.length;
 * ```
 */
export type CrmDatasetChunk = Omit<CrmDataset, "options" | "catalogue"> & {
  /** Chunk number: the chunk holds the people whose index lies in [chunk × chunkSize, (chunk + 1) × chunkSize), households kept whole. */
  readonly chunk: number;
};

/**
 * Options with every default filled in.
 *
 * @example
 * ```ts
 * const resolved: ResolvedGenerateOptions = resolveGenerateOptions({ customers: 10 });
 * ```
 */
export type ResolvedGenerateOptions = Required<Omit<GenerateOptions, "purchaseProcess">> & {
  /** The purchase process with defaults filled in. */
  readonly purchaseProcess: PurchaseProcess;
};
