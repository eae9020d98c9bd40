/**
 * Token ids per value of a dictionary, all in two flat arrays: the tokens of value `id` are
 * `tokens[offsets[id]]` up to (not including) `tokens[offsets[id + 1]]`.
 *
 * @example
 * ```ts
 * const { offsets, tokens } = names.listFeature("words", (v) => v.split(" "));
 * const firstWordOfValue0 = tokens[offsets[0]!];
 * ```
 */
export interface TokenLists {
  /** Start of each value's tokens (one more entry than values). */
  readonly offsets: Int32Array;
  /** The token ids, value after value. */
  readonly tokens: Int32Array;
}

/**
 * Interned values of one kind (names, emails, dates, …) with features derived once per distinct
 * value — a phonetic code is computed once for "smith", not once per record or per pair.
 *
 * @example
 * ```ts
 * const names = new ValueDictionary();
 * const id = names.intern("smith");
 * names.intern("smith") === id; // true
 * names.values[id];             // "smith"
 * ```
 */
export class ValueDictionary {
  /** The distinct values, by id. */
  readonly values: string[] = [];
  /** Id by value; built on first use for a dictionary made from a list (see {@link fromDistinct}). */
  private idMap: Map<string, number> | undefined = new Map();
  private readonly keyFeatures = new Map<string, Int32Array>();
  private readonly listFeatures = new Map<string, TokenLists>();
  private readonly anyFeatures = new Map<string, readonly unknown[]>();
  private readonly featureValues = new Map<string, ValueDictionary>();
  private readonly lazyFeatures = new Map<string, unknown[]>();

  /** Number of distinct values. */
  get size(): number {
    return this.values.length;
  }

  /**
   * A dictionary of values known to be distinct, with ids in list order: the list becomes its
   * values (not copied), and the lookup from value to id is built only when first needed.
   *
   * @param values - Distinct values.
   * @returns The dictionary.
   * @example
   * ```ts
   * const emails = ValueDictionary.fromDistinct(["a@x.org", "b@x.org"]);
   * emails.find("b@x.org"); // 1
   * ```
   */
  static fromDistinct(values: string[]): ValueDictionary {
    const dictionary = new ValueDictionary();
    (dictionary as { values: string[] }).values = values;
    dictionary.idMap = undefined;
    return dictionary;
  }

  private get ids(): Map<string, number> {
    if (this.idMap === undefined) this.idMap = new Map(this.values.map((value, id) => [value, id]));
    return this.idMap;
  }

  /**
   * The id of a value, adding it when new.
   *
   * @param value - The (normalised) value.
   * @returns Its id.
   */
  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  /**
   * The id of a value, or `undefined` when it was never interned.
   *
   * @param value - The value.
   * @returns Its id or `undefined`.
   */
  find(value: string): number | undefined {
    return this.ids.get(value);
  }

  /**
   * A derived key per value (a phonetic code, a folded form), interned so that equal keys have
   * equal ids; `-1` where `derive` returns `undefined` or `""`. Computed on first use for every
   * value, then cached under `name`.
   *
   * @param name - Cache name of the feature (unique per derivation).
   * @param derive - Computes the key of one value (given with its id).
   * @returns Key id per value id.
   */
  keyFeature(name: string, derive: (value: string, id: number) => string | undefined): Int32Array {
    let feature = this.keyFeatures.get(name);
    if (feature === undefined || feature.length !== this.values.length) {
      const keys = this.featureValues.get(name) ?? new ValueDictionary();
      this.featureValues.set(name, keys);
      feature = new Int32Array(this.values.length);
      for (let i = 0; i < this.values.length; i++) {
        const key = derive(this.values[i]!, i);
        feature[i] = key === undefined || key === "" ? -1 : keys.intern(key);
      }
      this.keyFeatures.set(name, feature);
    }
    return feature;
  }

  /**
   * The values of a key feature (see {@link keyFeature}), by key id.
   *
   * @param name - Cache name of the feature.
   * @returns The distinct keys, or an empty list when the feature was never computed.
   */
  keyValues(name: string): readonly string[] {
    return this.featureValues.get(name)?.values ?? [];
  }

  /**
   * A derived list of interned tokens per value (the blocking keys of a value), cached.
   *
   * @param name - Cache name of the feature.
   * @param derive - Computes the tokens of one value (given with its id).
   * @returns Distinct token ids per value id, in order of first appearance, as flat arrays.
   */
  listFeature(name: string, derive: (value: string, id: number) => readonly string[]): TokenLists {
    let feature = this.listFeatures.get(name);
    if (feature === undefined || feature.offsets.length !== this.values.length + 1) {
      const dictionary = this.featureValues.get(name) ?? new ValueDictionary();
      this.featureValues.set(name, dictionary);
      const offsets = new Int32Array(this.values.length + 1);
      const tokens: number[] = [];
      this.values.forEach((v, id) => {
        offsets[id] = tokens.length;
        const derived = derive(v, id);
        if (derived.length > 16) for (const token of new Set(derived.map((t) => dictionary.intern(t)))) tokens.push(token);
        else {
          for (const t of derived) {
            const token = dictionary.intern(t);
            if (!tokens.includes(token, offsets[id])) tokens.push(token);
          }
        }
      });
      offsets[this.values.length] = tokens.length;
      feature = { offsets, tokens: Int32Array.from(tokens) };
      this.listFeatures.set(name, feature);
    }
    return feature;
  }

  /**
   * The tokens of a list feature (see {@link listFeature}), by token id.
   *
   * @param name - Cache name of the feature.
   * @returns The distinct tokens, or an empty list when the feature was never computed.
   */
  listValues(name: string): readonly string[] {
    return this.featureValues.get(name)?.values ?? [];
  }

  /**
   * A derived value computed on first request for each value id and cached — for features only
   * some values need (those that meet in compared pairs).
   *
   * @param name - Cache name of the feature.
   * @param derive - Computes the feature of one value.
   * @returns A function from value id to feature.
   */
  lazyFeature<T>(name: string, derive: (value: string) => T): (id: number) => T {
    let cache = this.lazyFeatures.get(name) as (T | undefined)[] | undefined;
    if (cache === undefined) this.lazyFeatures.set(name, (cache = []));
    const store = cache;
    return (id) => {
      let value = store[id];
      if (value === undefined) store[id] = value = derive(this.values[id]!);
      return value;
    };
  }

  /**
   * Any derived value per value (parsed date parts), cached.
   *
   * @param name - Cache name of the feature.
   * @param derive - Computes the feature of one value.
   * @returns Feature per value id.
   */
  feature<T>(name: string, derive: (value: string) => T): readonly T[] {
    let feature = this.anyFeatures.get(name) as readonly T[] | undefined;
    if (feature === undefined || feature.length !== this.values.length) {
      feature = this.values.map(derive);
      this.anyFeatures.set(name, feature);
    }
    return feature;
  }
}
